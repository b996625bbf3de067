#include "lint/lint.h"

void pw_lint_convert(struct pw_lint *L)
{
	(void)L;
}
