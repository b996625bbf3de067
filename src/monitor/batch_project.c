/*
 * batch_project.c - the 专栏 project section of a data file (batch.h,
 * pw_batch_add_projects()): each row's project, year, status, 形象进度 and
 * 累计完成投资 checked before anything is written, like the values above
 * it, and written with them in the import's one transaction
 * (pw_batch_commit_progress()).  The section is the one a fill-in sheet
 * carries (template.h); docs/monitoring.md, "Project progress in a sheet".
 */
#include "monitor/batch.h"
#include "monitor/columns.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <string.h>
#include "util/nelem.h"

/* What one row is checked with. */
struct prow {
	struct pw_store *s;
	struct pw_batch *b;
	const struct pw_batch_opts *o;
	const struct pw_sheet_row *r;
	const struct pw_cols *cols;
	struct pw_project_ref ref;
	struct pw_batch_progress *p;
};

static const char *cell(const struct prow *c, enum pw_col k)
{
	return pw_cols_cell(c->r, c->cols, k);
}

/* The project the row names by project_id, whose title 项目名称 (if given)
 * must be.  0, 1 after an error, -1. */
static int find_project(struct prow *c)
{
	struct strbuf why = STRBUF_INIT, a = STRBUF_INIT, t = STRBUF_INIT;
	const char *name = cell(c, PW_COL_NAME);
	enum pw_entity e;
	int64_t id;
	int rc = 0;

	if (pw_cols_empty(cell(c, PW_COL_PRJ_ID))) {
		pw_batch_add_error(c->b, c->r->line, "no project_id: a row of the project section "
				   "names its project by id");
		return 1;
	}
	rc = pw_cols_resolve(c->s, pw_batch_index(c->b, c->o->plan_id), c->r, c->cols, &e, &id,
			     &why);
	if (rc == 1)
		pw_batch_add_error(c->b, c->r->line, "%s", why.buf);
	if (rc == 0 && (rc = pw_store_project_ref(c->s, id, &c->ref)) == PW_STORE_NOTFOUND) {
		pw_batch_add_error(c->b, c->r->line, "no project %lld in the database",
				   (long long)id);
		rc = 1;
	}
	if (rc == 0 && !pw_cols_empty(name)) {
		pw_monitor_name_key(name, &a);
		pw_monitor_name_key(c->ref.title, &t);
		if (strcmp(a.buf, t.buf)) {
			pw_batch_add_error(c->b, c->r->line, "project %lld is '%s', not '%s'",
					   (long long)id, c->ref.title ? c->ref.title : "", name);
			rc = 1;
		}
	}
	sb_release(&why);
	sb_release(&a);
	sb_release(&t);
	return rc;
}

static int check_year(struct prow *c)
{
	const char *y = cell(c, PW_COL_YEAR);
	const struct pw_project_ref *r = &c->ref;

	if (pw_cols_empty(y)) {
		pw_batch_add_error(c->b, c->r->line, "no year given");
		return 1;
	}
	c->p->year = pw_batch_parse_year(y);
	if (!c->p->year) {
		pw_batch_add_error(c->b, c->r->line, "year '%s' is not a year", y);
		return 1;
	}
	if (r->start && r->end && (c->p->year < r->start || c->p->year > r->end)) {
		pw_batch_add_error(c->b, c->r->line, "year %d outside the plan period %d–%d",
				   c->p->year, r->start, r->end);
		return 1;
	}
	return 0;
}

static int check_status(struct prow *c)
{
	const char *v = cell(c, PW_COL_STATUS);
	struct strbuf sb = STRBUF_INIT;
	int st;

	if (pw_cols_empty(v)) {
		pw_batch_add_error(c->b, c->r->line, "no project status given (未开工, 推进中, "
				   "已完成, 延期 or 暂停)");
		return 1;
	}
	pw_monitor_name_key(v, &sb);
	st = pw_progress_status_from_name(sb.buf);
	sb_release(&sb);
	if (st < 0) {
		pw_batch_add_error(c->b, c->r->line, "project status '%s' is not one of 未开工, "
				   "推进中, 已完成, 延期, 暂停", v);
		return 1;
	}
	c->p->status = pw_progress_status_name(st);
	return 0;
}

/* An optional number of the row, cell k, named `what` in messages: 0
 * (*has set when given), 1 after an error.  money: an amount in 亿元 (a
 * money unit after the number is converted, 12000万元 is 1.2), at least 0;
 * else a percentage from 0 to 100 (a '%' after it is allowed). */
static int number(struct prow *c, enum pw_col k, const char *what, bool money, bool *has,
		  double *v)
{
	const char *s = cell(c, k);
	char unit[64];
	bool est;
	double f = 1;

	*has = false;
	if (pw_cols_empty(s))
		return 0;
	if (pw_batch_parse_value(s, v, &est, unit, sizeof(unit)) < 0 ||
	    (*unit && (money ? !(f = pw_batch_unit_factor(unit, "亿元")) : strcmp(unit, "%")))) {
		pw_batch_add_error(c->b, c->r->line, "%s '%s' is not a number%s", what, s,
				   money ? " of 亿元" : "");
		return 1;
	}
	*v *= f;
	if (money ? *v < 0 : !(*v >= 0 && *v <= 100)) {
		pw_batch_add_error(c->b, c->r->line, money ? "%s '%s' is negative"
						   : "%s '%s' is not between 0 and 100", what, s);
		return 1;
	}
	*has = true;
	return 0;
}

/* With the sending unit known (--by), the project must be its in the
 * year.  0, 1 after an error, -1. */
static int check_owner(struct prow *c)
{
	const char *unit = c->o->unit, *title = c->ref.title ? c->ref.title : "";
	char *lead = NULL;
	int rc;

	if (!unit)
		return 0;
	rc = pw_store_lead_unit(c->s, PW_ENTITY_PROJECT, c->p->id, c->p->year, &lead);
	if (rc < 0 && rc != PW_STORE_NOTFOUND)
		return -1;
	if (rc == 0 && !strcmp(lead, unit)) {
		free(lead);
		return 0;
	}
	if (rc == 0)
		pw_batch_add_error(c->b, c->r->line, "'%s' %d is reported by '%s', not by '%s' "
				   "(--by)", title, c->p->year, lead, unit);
	else
		pw_batch_add_error(c->b, c->r->line, "'%s' has no lead unit in %d, so '%s' cannot "
				   "report it (assign it first)", title, c->p->year, unit);
	free(lead);
	return 1;
}

static int check_duplicate(struct prow *c)
{
	size_t i;

	for (i = 0; i < c->b->nprogress; i++)
		if (c->b->progress[i].id == c->p->id && c->b->progress[i].year == c->p->year) {
			pw_batch_add_error(c->b, c->r->line, "project '%s' %d is given twice (first "
					   "on line %ld)", c->ref.title ? c->ref.title : "",
					   c->p->year, c->b->progress[i].line);
			return 1;
		}
	return 0;
}

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static bool same_num(bool ha, double a, bool hb, double b)
{
	return ha == hb && (!ha || fabs(a - b) <= 1e-12 * fmax(1, fabs(a)));
}

static int rank(enum pw_obs_state st)
{
	return st == PW_OBS_APPROVED ? 2 : st == PW_OBS_SUBMITTED ? 1 : 0;
}

/* Equal to the year's report in force (the head, not returned), at the
 * same or a later review state: not written again. */
static int check_unchanged(struct prow *c)
{
	struct pw_batch_progress *p = c->p;
	const char *source = p->source ? p->source : c->o->source;
	struct pw_progress_row *rows;
	size_t i, n;

	if (pw_store_progress_list(c->s, p->id, false, &rows, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const struct pw_progress_row *r = &rows[i];

		if (r->year != p->year || r->state == PW_OBS_RETURNED)
			continue;
		p->unchanged = same_text(r->status, p->status) &&
			       same_num(r->has_percent, r->percent, p->has_percent, p->percent) &&
			       same_num(r->has_investment, r->investment, p->has_investment,
					p->investment) &&
			       same_text(r->note, p->note) && same_text(r->source, source) &&
			       rank(r->state) >= rank(c->o->state);
		if (p->unchanged)
			pw_batch_add_note(c->b, c->r->line, "project '%s' %d unchanged (already %s): "
					  "skipped", p->title ? p->title : "", p->year,
					  pw_obs_state_name(r->state));
	}
	pw_progress_row_free_array(rows, n);
	return 0;
}

static bool left_blank(const struct prow *c)
{
	static const enum pw_col fill[] = { PW_COL_STATUS, PW_COL_PERCENT, PW_COL_INVEST,
					    PW_COL_NOTE };
	size_t i;

	for (i = 0; i < NELEM(fill); i++)
		if (!pw_cols_empty(cell(c, fill[i])))
			return false;
	return true;
}

static int check_row(struct prow *c)
{
	struct pw_batch_progress *p = c->p;
	int rc = find_project(c);

	if (rc)
		return rc;
	p->id = c->ref.id;
	p->title = xstrdup_or_null(c->ref.title);
	if ((rc = check_year(c)) || (rc = check_status(c)) ||
	    (rc = number(c, PW_COL_PERCENT, "percent complete (形象进度)", false, &p->has_percent,
			 &p->percent)) ||
	    (rc = number(c, PW_COL_INVEST, "investment so far (累计完成投资)", true,
			 &p->has_investment, &p->investment)) ||
	    (rc = check_owner(c)) || (rc = check_duplicate(c)))
		return rc;
	p->note = pw_batch_trimmed(cell(c, PW_COL_NOTE));
	p->source = pw_batch_trimmed(cell(c, PW_COL_SOURCE));
	return check_unchanged(c);
}

static int add_project_row(struct pw_store *s, struct pw_batch *b, const struct pw_sheet_row *r,
			   const struct pw_cols *cols, const struct pw_batch_opts *o)
{
	struct pw_batch_progress p = { .line = r->line };
	struct prow c = { s, b, o, r, cols, { 0 }, &p };
	int rc;

	if (pw_cols_row_empty(r))
		return 0;
	if (left_blank(&c)) {
		b->nskipped++;
		return 0;
	}
	rc = check_row(&c);
	pw_project_ref_release(&c.ref);
	if (rc != 0) {
		free(p.source);
		free(p.note);
		free(p.title);
		return rc < 0 ? -1 : 0;
	}
	ALLOC_GROW(b->progress, b->nprogress + 1, b->progress_alloc);
	b->progress[b->nprogress++] = p;
	b->nprogress_unchanged += p.unchanged;
	return 0;
}

int pw_batch_add_projects(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
			  size_t head, const struct pw_cols *cols, const struct pw_batch_opts *o)
{
	size_t i;
	int rc = 0;

	for (i = head + 1; rc == 0 && i < sh->nrows; i++)
		rc = add_project_row(s, b, &sh->rows[i], cols, o);
	return rc;
}

int pw_batch_commit_progress(struct pw_store *s, struct pw_batch *b,
			     const struct pw_batch_opts *o)
{
	size_t i;
	int64_t id;

	b->nprogress_written = 0;
	if (b->nerrors)
		return pw_error("%s: %zu error%s: nothing imported", b->file ? b->file : "input",
				b->nerrors, b->nerrors == 1 ? "" : "s");
	for (i = 0; i < b->nprogress; i++) {
		const struct pw_batch_progress *p = &b->progress[i];
		struct pw_progress q = {
			.item_id = p->id, .year = p->year, .status = p->status,
			.has_percent = p->has_percent, .percent = p->percent,
			.has_investment = p->has_investment, .investment = p->investment,
			.note = p->note, .source = p->source ? p->source : o->source, .by = o->by,
			.state = o->state == PW_OBS_DRAFT ? PW_OBS_DRAFT : PW_OBS_SUBMITTED,
		};

		if (p->unchanged)
			continue;
		if (pw_store_progress_record(s, &q, &id) < 0 ||
		    (o->state == PW_OBS_APPROVED &&
		     pw_store_progress_transition(s, id, PW_OBS_APPROVED, NULL, o->by, NULL) < 0))
			return -1;
		b->nprogress_written++;
	}
	return 0;
}
