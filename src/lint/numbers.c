#include "lint/lint.h"

void pw_lint_numbers(struct pw_lint *L)
{
	(void)L;
}
