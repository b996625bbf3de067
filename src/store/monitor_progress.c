/*
 * monitor_progress.c - the progress of 专栏 projects in the store: one
 * append-only chain per project and year, like observations, with the
 * same review (draft -> submitted -> approved | returned), listing, and
 * the progress a year takes for reports.  See monitor.h.
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/names.h"

#include <math.h>
#include <string.h>
#include "util/nelem.h"

#define PROGRESS_HEAD "NOT EXISTS (SELECT 1 FROM project_progress n WHERE n.supersedes = p.id)"

static const char progress_json_sql[] =
	"SELECT json_object('id', id, 'item_id', item_id, 'year', year, 'status', status,"
	" 'percent', percent, 'investment', investment, 'note', note, 'source', source,"
	" 'state', state, 'version', version, 'entered_by', entered_by,"
	" 'supersedes', supersedes, 'review_note', review_note) FROM project_progress WHERE id = ?";

/* ------------------------------------------------------------------ */
/* Recording                                                          */

static const char progress_head_sql[] =
	PW_SAME_ITEM "SELECT p.id, p.version, p.item_id FROM project_progress p"
		     " WHERE p.item_id IN same AND p.year = ?2 AND " PROGRESS_HEAD
		     " ORDER BY p.id DESC LIMIT 1";

struct progress_head {
	int64_t id; /* 0: no row for the year yet */
	int version;
	int64_t item; /* the item id the chain was started for */
};

static void fill_progress_head(sqlite3_stmt *st, void *out)
{
	struct progress_head *h = out;

	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int(st, 1);
	h->item = sqlite3_column_int64(st, 2);
}

static int progress_head(struct pw_store *s, const struct pw_progress *p,
			 struct progress_head *h)
{
	int rc;

	h->id = 0;
	h->version = 0;
	h->item = p->item_id;
	rc = pw_monitor_fetch(s, progress_head_sql, p->item_id, p->year, fill_progress_head, h);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}

static int progress_tx(struct pw_store *s, const struct pw_progress *p, int64_t *id)
{
	sqlite3_stmt *st;
	struct progress_head h;

	if (pw_monitor_check_entity(s, PW_ENTITY_PROJECT, p->item_id) < 0 ||
	    progress_head(s, p, &h) < 0)
		return -1;
	st = pw_store_stmt(s,
		"INSERT INTO project_progress (item_id, year, status, percent, investment, note,"
		" source, state, version, entered_by, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	if (!st)
		return -1;
	pw_bind_int(st, 1, h.item);
	pw_bind_int(st, 2, p->year);
	pw_bind_text(st, 3, p->status);
	pw_bind_double_or_null(st, 4, p->percent, p->has_percent);
	pw_bind_double_or_null(st, 5, p->investment, p->has_investment);
	pw_bind_text(st, 6, p->note);
	pw_bind_text(st, 7, p->source);
	pw_bind_text(st, 8, pw_obs_state_name(p->state));
	pw_bind_int(st, 9, h.version + 1);
	pw_bind_text(st, 10, p->by);
	pw_bind_int_or_null(st, 11, h.id, h.id > 0);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return pw_monitor_audit_rows(s, p->by, "progress.record", "project_progress",
				     progress_json_sql, h.id, *id);
}

static const struct pw_name progress_statuses[] = {
	{ "not_started", "未开工" }, { "in_progress", "推进中" }, { "completed", "已完成" },
	{ "delayed", "延期" }, { "suspended", "暂停" },
};

int pw_progress_status_from_name(const char *s)
{
	return pw_name_lookup(progress_statuses, NELEM(progress_statuses), s);
}

const char *pw_progress_status_name(int st)
{
	return pw_name_of(progress_statuses, NELEM(progress_statuses), st, NULL);
}

const char *pw_progress_status_label(const char *name)
{
	int st = pw_progress_status_from_name(name);

	return st < 0 ? name : pw_name_zh(progress_statuses, NELEM(progress_statuses), st, name);
}

/* What the schema's CHECKs would refuse, said in words first. */
static int check_progress(const struct pw_progress *p)
{
	if (!p->by || !*p->by)
		return pw_error_kind(PW_ERR_INPUT,
				     "project progress needs the name of who enters it");
	if (pw_progress_status_from_name(p->status) < 0)
		return pw_error_kind(PW_ERR_INPUT,
				     "project status '%s' is not one of not_started, in_progress, "
				     "completed, delayed, suspended (未开工, 推进中, 已完成, 延期, 暂停)",
				     p->status ? p->status : "");
	if (p->state != PW_OBS_DRAFT && p->state != PW_OBS_SUBMITTED)
		return pw_error_kind(PW_ERR_INPUT,
				     "new project progress is draft or submitted, not %s",
				     pw_obs_state_name(p->state));
	if (p->year < PW_YEAR_MIN || p->year > PW_YEAR_MAX)
		return pw_error_kind(PW_ERR_INPUT, "year %d of project %lld is out of range",
				     p->year, (long long)p->item_id);
	if (p->has_percent && !(p->percent >= 0 && p->percent <= 100))
		return pw_error_kind(PW_ERR_INPUT, "percent complete %g is not between 0 and 100",
				     p->percent);
	if (p->has_investment && !isfinite(p->investment))
		return pw_error_kind(PW_ERR_INPUT,
				     "investment of project %lld is not a finite number",
				     (long long)p->item_id);
	return 0;
}

int pw_store_progress_record(struct pw_store *s, const struct pw_progress *p, int64_t *id)
{
	struct pw_progress q = *p;
	int64_t dummy;
	int own, rc;

	if (check_progress(p) < 0)
		return -1;
	/* stored in English whichever language it was given in */
	q.status = pw_progress_status_name(pw_progress_status_from_name(p->status));
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = progress_tx(s, &q, id ? id : &dummy);
	return pw_store_write_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* Review                                                             */

static const struct pw_monitor_chain progress_chain = {
	"project progress",
	"SELECT p.state, (SELECT n.id FROM project_progress n WHERE n.supersedes = p.id)"
	" FROM project_progress p WHERE p.id = ?",
	"INSERT INTO project_progress (item_id, year, status, percent, investment, note,"
	" source, state, version, entered_by, supersedes, review_note)"
	" SELECT item_id, year, status, percent, investment, note, source, ?2, version, ?3,"
	" id, ?4 FROM project_progress WHERE id = ?1",
	progress_json_sql,
	"project_progress",
	{ NULL, "progress.submit", "progress.approve", "progress.return" },
};

int pw_store_progress_transition(struct pw_store *s, int64_t id, enum pw_obs_state to,
				 const char *note, const char *who, int64_t *new_id)
{
	int64_t dummy;

	return pw_monitor_transition(s, &progress_chain, id, to, note, who,
				     new_id ? new_id : &dummy);
}

/* ------------------------------------------------------------------ */
/* The progress a year takes                                          */

/*
 * Candidates: approved rows, and heads that were not returned.  In a year
 * whose head stands, the head is the newest row; when it was returned,
 * the newest approved row of the year is taken; a year with neither is
 * passed over.  So "newest candidate of the latest year" is the pick.
 */
static const char *const progress_pick_sql[] = {
	PW_SAME_ITEM "SELECT p.year, p.status, p.percent, p.id FROM project_progress p"
		     " WHERE p.item_id IN same AND " PW_PROGRESS_COUNTS("p", "0"),
	PW_SAME_ITEM "SELECT p.year, p.status, p.percent, p.id FROM project_progress p"
		     " WHERE p.item_id IN same AND " PW_PROGRESS_COUNTS("p", "1"),
};

struct progress_pick {
	int *year;
	char **status;
	double *percent;
	int upto;
	int64_t best;
};

/* Keeps the report in force (pw_progress_in_force()). */
static bool take_progress(sqlite3_stmt *st, void *out)
{
	struct progress_pick *l = out;
	int64_t id = sqlite3_column_int64(st, 3);
	int year = sqlite3_column_int(st, 0);

	if (!pw_progress_in_force(id, year, l->upto, l->best, *l->year))
		return false;
	l->best = id;
	*l->year = year;
	free(*l->status);
	*l->status = pw_col_text(st, 1);
	*l->percent = pw_col_null(st, 2) ? NAN : sqlite3_column_double(st, 2);
	return true;
}

int pw_store_progress_pick(struct pw_store *s, int64_t item_id, int upto, enum pw_obs_pick pick,
			   int *year, char **status, double *percent)
{
	struct progress_pick l = { year, status, percent, upto, 0 };
	int rc;

	*status = NULL;
	*percent = NAN;
	*year = 0;
	if ((unsigned)pick > PW_PICK_LATEST)
		return pw_error("bad pick %d", (int)pick);
	rc = pw_monitor_pick(s, progress_pick_sql[pick], item_id, 0, take_progress, &l);
	if (rc < 0) {
		free(*status);
		*status = NULL;
	}
	return rc;
}

int pw_store_progress_latest(struct pw_store *s, int64_t item_id, int upto, int *year,
			     char **status, double *percent)
{
	return pw_store_progress_pick(s, item_id, upto, PW_PICK_LATEST, year, status, percent);
}

/* ------------------------------------------------------------------ */
/* Listing                                                            */

#define PROGRESS_SELECT                                                                 \
	"SELECT p.id, p.item_id, c.title, p.year, p.status, p.percent, p.investment,"     \
	" p.note, p.source, p.review_note, p.entered_by, p.entered_at, p.state, p.version," \
	" p.supersedes, "
#define PROGRESS_LIST_COLS                                                              \
	PROGRESS_SELECT PROGRESS_HEAD " AS head FROM project_progress p"                  \
	" JOIN column_items c ON c.id = p.item_id "

static const char *const progress_list_sql[] = {
	PROGRESS_LIST_COLS "WHERE ?1 = 0 AND (?2 OR head) ORDER BY p.id",
	PW_SAME_ITEM PROGRESS_LIST_COLS "WHERE p.item_id IN same AND (?2 OR head)"
					" ORDER BY p.year, p.id",
};

static void progress_row(sqlite3_stmt *st, struct pw_progress_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->item_id = sqlite3_column_int64(st, 1);
	r->title = pw_col_text(st, 2);
	r->year = pw_col_int(st, 3);
	r->status = pw_col_text(st, 4);
	r->has_percent = !pw_col_null(st, 5);
	r->percent = sqlite3_column_double(st, 5);
	r->has_investment = !pw_col_null(st, 6);
	r->investment = sqlite3_column_double(st, 6);
	r->note = pw_col_text(st, 7);
	r->source = pw_col_text(st, 8);
	r->review_note = pw_col_text(st, 9);
	r->entered_by = pw_col_text(st, 10);
	r->entered_at = pw_col_text(st, 11);
	r->state = (enum pw_obs_state)pw_obs_state_from_name((const char *)sqlite3_column_text(st, 12));
	r->version = pw_col_int(st, 13);
	r->supersedes = sqlite3_column_int64(st, 14);
	r->current = pw_col_int(st, 15);
}

void pw_progress_row_free_array(struct pw_progress_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].status);
		free(rows[i].note);
		free(rows[i].source);
		free(rows[i].review_note);
		free(rows[i].entered_by);
		free(rows[i].entered_at);
	}
	free(rows);
}

static void fill_progress(sqlite3_stmt *st, void *elem, void *ctx)
{
	(void)ctx;
	progress_row(st, elem);
}

static void free_progress(void *rows, size_t n)
{
	pw_progress_row_free_array(rows, n);
}


int pw_store_progress_list(struct pw_store *s, int64_t item_id, bool history,
			   struct pw_progress_row **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_progress, free_progress };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (item_id && (rc = pw_monitor_check_entity(s, PW_ENTITY_PROJECT, item_id)) < 0)
		return rc;
	st = pw_store_stmt(s, progress_list_sql[item_id != 0]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, item_id);
	pw_bind_int(st, 2, history);
	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}

/* The pending heads (table progress_pending, kept by triggers: schema
 * step 11) drive the join, newest first, as obs_pending does for values:
 * a page reads its own rows, never the history of every report. */
static const char pending_sql[] =
	PROGRESS_SELECT "1 AS head FROM progress_pending q CROSS JOIN project_progress p"
	" ON p.id = q.id JOIN column_items c ON c.id = p.item_id"
	" ORDER BY q.id DESC LIMIT ?1 OFFSET ?2";

int pw_store_progress_queue(struct pw_store *s, size_t offset, size_t limit,
			    struct pw_progress_row **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_progress, free_progress };
	int rc;

	*out = pw_store_collect_page(s, pending_sql, &how, offset, limit, n, &rc);
	return rc;
}

int pw_store_progress_queue_count(struct pw_store *s, size_t *total)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT count(*) FROM progress_pending");

	*total = 0;
	if (!st)
		return -1;
	if (pw_store_step(s, st) != 1)
		return pw_store_fail(s, "cannot count the progress reports awaiting review");
	*total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static void fill_state(sqlite3_stmt *st, void *out)
{
	*(int *)out = pw_obs_state_from_name((const char *)sqlite3_column_text(st, 0));
}

int pw_store_progress_pending(struct pw_store *s, int64_t id, enum pw_obs_state *state)
{
	int v = -1, rc = pw_monitor_fetch(s, "SELECT p.state FROM progress_pending q"
					     " CROSS JOIN project_progress p ON p.id = q.id"
					     " WHERE q.id = ?", id, 0, fill_state, &v);

	if (rc == 0)
		*state = (enum pw_obs_state)v;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Facts of a project                                                 */

static const char project_ref_sql[] =
	"SELECT i.id, v.plan_id, v.period_start, v.period_end, c.seq + 1, i.no, c.title,"
	" i.title, i.text FROM column_items i JOIN columns c ON c.id = i.column_id"
	" JOIN plan_versions v ON v.id = i.version_id WHERE i.id = ?";

static void fill_project_ref(sqlite3_stmt *st, void *out)
{
	struct pw_project_ref *r = out;

	r->id = sqlite3_column_int64(st, 0);
	r->plan_id = sqlite3_column_int(st, 1);
	r->start = sqlite3_column_int(st, 2);
	r->end = sqlite3_column_int(st, 3);
	r->column_no = sqlite3_column_int(st, 4);
	r->no = sqlite3_column_int(st, 5);
	r->column = pw_col_text(st, 6);
	r->title = pw_col_text(st, 7);
	r->text = pw_col_text(st, 8);
}

int pw_store_project_ref(struct pw_store *s, int64_t id, struct pw_project_ref *out)
{
	memset(out, 0, sizeof(*out));
	return pw_monitor_fetch(s, project_ref_sql, id, 0, fill_project_ref, out);
}

void pw_project_ref_release(struct pw_project_ref *r)
{
	free(r->column);
	free(r->title);
	free(r->text);
	memset(r, 0, sizeof(*r));
}
