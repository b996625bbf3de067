/*
 * in_force.c - which recorded value, lead unit, external target or
 * project progress is in force (monitor.h, "What is in force"): the one
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

void pw_obs_picker_flush(struct pw_obs_picker *p)
{
	if (!p->any)
		return;
	if (p->pick == PW_PICK_LATEST && p->has_head && p->head_state != PW_OBS_RETURNED)
		p->emit(p->ctx, p->ref, &p->head, p->head_tag);
	else if (p->has_appr)
		p->emit(p->ctx, p->ref, &p->appr, p->appr_tag);
	p->any = p->has_appr = p->has_head = false;
}

void pw_obs_picker_add(struct pw_obs_picker *p, int64_t ref, int year, const struct pw_obs *o,
		       enum pw_obs_state state, bool head, long tag)
{
	if (p->any && (ref != p->ref || year != p->year))
		pw_obs_picker_flush(p);
	p->any = true;
	p->ref = ref;
	p->year = year;
	if (!o)
		return;
	if (state == PW_OBS_APPROVED) {
		p->appr = *o;
		p->appr_tag = tag;
		p->has_appr = true;
	}
	if (head) {
		p->head = *o;
		p->head_tag = tag;
		p->head_state = state;
		p->has_head = true;
	}
}
