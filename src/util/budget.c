/*
 * budget.c - byte budgets of the readers (budget.h).
 */
#include "util/budget.h"
#include "util/error.h"

static size_t read_limit = PW_READ_LIMIT_DEFAULT;

size_t pw_read_limit(void)
{
	return read_limit;
}

void pw_set_read_limit(size_t bytes)
{
	read_limit = bytes ? bytes : PW_READ_LIMIT_DEFAULT;
}

void pw_budget_init(struct pw_budget *b, const char *name)
{
	b->name = name;
	b->used = b->peak = 0;
	b->limit = read_limit;
}

int pw_budget_charge(struct pw_budget *b, size_t n)
{
	if (n > b->limit - b->used)
		return pw_error_kind(PW_ERR_INPUT, "%s: exceeds the memory limit of %zu MiB for reading one file",
				b->name, b->limit >> 20);
	b->used += n;
	if (b->used > b->peak)
		b->peak = b->used;
	return 0;
}

void pw_budget_release(struct pw_budget *b, size_t n)
{
	b->used -= n < b->used ? n : b->used;
}
