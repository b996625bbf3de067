#include "lint/lint.h"

void pw_lint_structure(struct pw_lint *L)
{
	(void)L;
}
