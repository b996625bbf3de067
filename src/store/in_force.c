/*
 * in_force.c - which recorded lead unit, external target or project
 * progress is in force (monitor.h, "What is in force"): the one
 * definition the store's lookups and the evaluation's gatherer share.
 */
#include "store/monitor.h"

bool pw_lead_in_force(int64_t id, int reporting_year, int year, int64_t best)
{
	return (!year || !reporting_year || reporting_year <= year) && id > best;
}

bool pw_external_in_force(int64_t id, int64_t best)
{
	return id > best;
}

bool pw_progress_in_force(int64_t id, int year, int upto, int64_t best, int best_year)
{
	if (upto && year > upto)
		return false;
	return !best || year > best_year || (year == best_year && id > best);
}
