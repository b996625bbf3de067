/*
 * observations.c - observation chains in the store: recording values and
 * corrections, review state changes, listing, and the series that assess
 * and report read.  See monitor.h for the model (one append-only chain
 * per indicator or target and year).
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/names.h"

#include <math.h>
#include <string.h>
#include "util/nelem.h"

static const struct pw_name state_names[] = {
	{ "draft", "草稿" }, { "submitted", "已报送" }, { "approved", "已审核" },
	{ "returned", "已退回" },
};

#define NSTATES NELEM(state_names)

const char *pw_obs_state_name(enum pw_obs_state st)
{
	return pw_name_of(state_names, NSTATES, (long)st, "?");
}

const char *pw_obs_state_label(enum pw_obs_state st)
{
	return pw_name_zh(state_names, NSTATES, (long)st, "?");
}

int pw_obs_state_from_name(const char *s)
{
	return pw_name_lookup(state_names, NSTATES, s);
}

static int check_obs_entity(enum pw_entity e)
{
	if (e != PW_ENTITY_INDICATOR && e != PW_ENTITY_TARGET)
		return pw_error("observations are for indicators and targets, not %s",
				pw_entity_name(e));
	return 0;
}

/* Rows live in table obs (schema step 5: state as enum pw_obs_state,
 * texts as obs_texts ids); the view `observations` shows them as text. */
#define HEAD_EXPR "NOT EXISTS (SELECT 1 FROM obs n WHERE n.supersedes = o.id)"

/*
 * The audit row of a write names the rows instead of copying them: an
 * observation row is append-only, so it is its own record (value, state,
 * who, when).  {"id": row, "supersedes": the row it replaces or null}.
 */
static const char obs_json_sql[] =
	"SELECT json_object('id', id, 'supersedes', supersedes) FROM obs WHERE id = ?";

static int audit_obs(struct pw_store *s, const char *who, const char *action, int64_t old_id,
		     int64_t new_id)
{
	return pw_monitor_audit_rows(s, who, action, "observation", obs_json_sql, old_id, new_id);
}

int pw_monitor_obs_text_id(struct pw_store *s, const char *text, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!text)
		return 0;
	st = pw_store_stmt(s, "SELECT id FROM obs_texts WHERE text = ?");
	if (!st)
		return -1;
	pw_bind_text(st, 1, text);
	rc = pw_store_step_id(s, st, id);
	if (rc != PW_STORE_NOTFOUND)
		return rc;
	if (!(st = pw_store_stmt(s, "INSERT INTO obs_texts (text) VALUES (?)")))
		return -1;
	pw_bind_text(st, 1, text);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* The ids of an entry's unit, source and who. */
static int entry_texts(struct pw_store *s, const struct pw_obs_entry *e, int64_t ids[3])
{
	if (pw_monitor_obs_text_id(s, e->unit, &ids[0]) < 0 ||
	    pw_monitor_obs_text_id(s, e->source, &ids[1]) < 0)
		return -1;
	return pw_monitor_obs_text_id(s, e->by, &ids[2]);
}

/* ------------------------------------------------------------------ */
/* Recording                                                          */

struct chain_head {
	int64_t id;  /* 0: no chain yet */
	int version;
	int64_t ref; /* the indicator/target id the chain was started for */
};

static const char *const head_sql[] = {
	PW_SAME_IND "SELECT o.id, o.version, o.indicator_id FROM obs o"
		    " WHERE o.indicator_id IN same AND o.year = ?2 AND " HEAD_EXPR
		    " ORDER BY o.id DESC LIMIT 1",
	PW_SAME_TGT "SELECT o.id, o.version, o.target_id FROM obs o"
		    " WHERE o.target_id IN same AND o.year = ?2 AND " HEAD_EXPR
		    " ORDER BY o.id DESC LIMIT 1",
};

static void fill_head(sqlite3_stmt *st, void *out)
{
	struct chain_head *h = out;

	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int(st, 1);
	h->ref = sqlite3_column_int64(st, 2);
}

/* The head of the chain of (e, id, year) in *h; h->id 0 when there is no
 * chain yet.  0 or -1. */
static int find_head(struct pw_store *s, enum pw_entity e, int64_t id, int year,
		     struct chain_head *h)
{
	int rc;

	h->id = 0;
	h->version = 0;
	h->ref = id;
	rc = pw_monitor_fetch(s, head_sql[e], id, year, fill_head, h);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}

static int insert_obs(struct pw_store *s, const struct pw_obs_entry *e,
		      const struct chain_head *h, int64_t *id)
{
	int64_t text[3];
	sqlite3_stmt *st;

	if (entry_texts(s, e, text) < 0)
		return -1;
	st = pw_store_stmt(s,
		"INSERT INTO obs (indicator_id, target_id, year, value, unit_id, source_id,"
		" note, state, version, entered_by_id, user_id, supersedes, estimated)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	pw_bind_int_or_null(st, 1, h->ref, e->entity == PW_ENTITY_INDICATOR);
	pw_bind_int_or_null(st, 2, h->ref, e->entity == PW_ENTITY_TARGET);
	pw_bind_int(st, 3, e->year);
	sqlite3_bind_double(st, 4, e->value);
	pw_bind_int_or_null(st, 5, text[0], text[0] > 0);
	pw_bind_int_or_null(st, 6, text[1], text[1] > 0);
	pw_bind_text(st, 7, e->note);
	pw_bind_int(st, 8, e->state);
	pw_bind_int(st, 9, h->version + 1);
	pw_bind_int(st, 10, text[2]);
	pw_bind_int_or_null(st, 11, e->user_id, e->user_id > 0);
	pw_bind_int_or_null(st, 12, h->id, h->id > 0);
	pw_bind_int(st, 13, e->estimated);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int record_tx(struct pw_store *s, const struct pw_obs_entry *e, int64_t *id)
{
	struct chain_head h;

	if (pw_monitor_check_entity(s, e->entity, e->id) < 0 ||
	    find_head(s, e->entity, e->id, e->year, &h) < 0 || insert_obs(s, e, &h, id) < 0)
		return -1;
	return audit_obs(s, e->by, h.id ? "observation.correct" : "observation.record", h.id,
			 *id);
}

int pw_store_obs_record(struct pw_store *s, const struct pw_obs_entry *e, int64_t *obs_id)
{
	int64_t dummy;
	int own, rc;

	if (check_obs_entity(e->entity) < 0)
		return -1;
	if (e->state != PW_OBS_DRAFT && e->state != PW_OBS_SUBMITTED)
		return pw_error_kind(PW_ERR_INPUT, "a new value is draft or submitted, not %s",
				pw_obs_state_name(e->state));
	if (!e->by || !*e->by)
		return pw_error_kind(PW_ERR_INPUT,
				     "an observation needs the name of who enters it");
	if (!isfinite(e->value))
		return pw_error_kind(PW_ERR_INPUT, "value of %s %lld is not a finite number",
				     pw_entity_name(e->entity), (long long)e->id);
	if (e->year < PW_YEAR_MIN || e->year > PW_YEAR_MAX)
		return pw_error_kind(PW_ERR_INPUT, "year %d of %s %lld is out of range", e->year,
				pw_entity_name(e->entity), (long long)e->id);
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = record_tx(s, e, obs_id ? obs_id : &dummy);
	return pw_store_write_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* Review states (any chain table: observations, project progress)     */

static const char *const verbs[] = { "make draft", "submit", "approve", "return" };

static int check_transition(const struct pw_monitor_chain *c, int64_t id,
			    enum pw_obs_state from, enum pw_obs_state to)
{
	if (to == PW_OBS_SUBMITTED && from == PW_OBS_DRAFT)
		return 0;
	if ((to == PW_OBS_APPROVED || to == PW_OBS_RETURNED) && from == PW_OBS_SUBMITTED)
		return 0;
	if (from == PW_OBS_RETURNED || from == PW_OBS_APPROVED)
		return pw_error_kind(PW_ERR_CONFLICT,
				     "cannot %s %s %lld: it is %s (record a corrected value instead)",
				     verbs[to], c->noun, (long long)id, pw_obs_state_name(from));
	return pw_error_kind(PW_ERR_CONFLICT, "cannot %s %s %lld: it is %s, not %s", verbs[to],
			     c->noun, (long long)id, pw_obs_state_name(from),
			     to == PW_OBS_SUBMITTED ? "draft" : "submitted");
}

struct chain_state {
	int state, head;
	int64_t by; /* the row that supersedes it, 0 for a head */
};

static void fill_state(sqlite3_stmt *st, void *out)
{
	struct chain_state *o = out;

	o->state = pw_obs_state_from_name((const char *)sqlite3_column_text(st, 0));
	o->by = sqlite3_column_int64(st, 1);
	o->head = o->by == 0;
}

static int transition_tx(struct pw_store *s, const struct pw_monitor_chain *c, int64_t id,
			 enum pw_obs_state to, const char *note, const char *who,
			 int64_t *new_id)
{
	sqlite3_stmt *st;
	struct chain_state o;
	int rc = pw_monitor_fetch(s, c->state_sql, id, 0, fill_state, &o);

	if (rc == PW_STORE_NOTFOUND)
		pw_error_kind(PW_ERR_NOTFOUND, "no %s %lld in database '%s'", c->noun,
			      (long long)id, s->path);
	if (rc < 0)
		return rc;
	if (!o.head)
		return pw_error_kind(PW_ERR_CONFLICT,
				     "%s %lld is superseded by %lld: act on the current row",
				     c->noun, (long long)id, (long long)o.by);
	if (check_transition(c, id, (enum pw_obs_state)o.state, to) < 0)
		return -1;
	st = pw_store_stmt(s, c->copy_sql);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_text(st, 2, pw_obs_state_name(to));
	pw_bind_text(st, 3, who);
	pw_bind_text(st, 4, note);
	if (pw_store_run(s, st) < 0)
		return -1;
	*new_id = sqlite3_last_insert_rowid(s->db);
	return pw_monitor_audit_rows(s, who, c->actions[to], c->entity, c->json_sql, id, *new_id);
}

int pw_monitor_transition(struct pw_store *s, const struct pw_monitor_chain *c, int64_t id,
			  enum pw_obs_state to, const char *note, const char *who,
			  int64_t *new_id)
{
	int own, rc;

	if (!who || !*who)
		return pw_error("a review needs the name of who makes it");
	if (to == PW_OBS_DRAFT || (unsigned)to > PW_OBS_RETURNED)
		return pw_error_kind(PW_ERR_CONFLICT, "cannot move %s %lld back to draft", c->noun,
				     (long long)id);
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = transition_tx(s, c, id, to, note, who, new_id);
	return pw_store_write_end(s, own, rc);
}

/* The chain machinery reads and binds states and who as text; obs holds
 * them as integers and obs_texts ids (schema step 5). */
#define STATE_TEXT(x) "(CASE " x " WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted'" \
		      " WHEN 2 THEN 'approved' WHEN 3 THEN 'returned' END)"
#define STATE_NO(x) "(CASE " x " WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1" \
		    " WHEN 'approved' THEN 2 WHEN 'returned' THEN 3 END)"

static const struct pw_monitor_chain obs_chain = {
	"observation",
	"SELECT " STATE_TEXT("o.state") ", (SELECT n.id FROM obs n WHERE n.supersedes = o.id)"
	" FROM obs o WHERE o.id = ?",
	"INSERT INTO obs (indicator_id, target_id, year, value, unit_id, source_id,"
	" note, state, version, entered_by_id, supersedes, estimated, review_note)"
	" SELECT indicator_id, target_id, year, value, unit_id, source_id, note, " STATE_NO("?2")
	", version, (SELECT t.id FROM obs_texts t WHERE t.text = ?3), id, estimated, ?4"
	" FROM obs WHERE id = ?1",
	obs_json_sql,
	"observation",
	{ NULL, "observation.submit", "observation.approve", "observation.return" },
};

int pw_store_obs_transition(struct pw_store *s, int64_t obs_id, enum pw_obs_state to,
			    const char *note, const char *who, int64_t *new_id)
{
	int64_t dummy, by;
	int own, rc;

	/* who is in obs_texts before the copy refers to it */
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = who && *who ? pw_monitor_obs_text_id(s, who, &by) : 0;
	if (rc == 0)
		rc = pw_monitor_transition(s, &obs_chain, obs_id, to, note, who,
					   new_id ? new_id : &dummy);
	return pw_store_write_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* Listing                                                            */

#define LIST_SELECT                                                                      \
	"SELECT o.id, o.indicator_id, o.target_id, COALESCE(i.name, t.subject, t.text),"  \
	" o.year, o.value, o.estimated, o.unit, o.source, o.note, o.review_note,"          \
	" o.entered_by, o.entered_at, o.state, o.version, o.supersedes, " HEAD_EXPR        \
	" AS head "
#define LIST_JOINS                                                                       \
	"LEFT JOIN indicators i ON i.id = o.indicator_id"                                  \
	" LEFT JOIN targets t ON t.id = o.target_id "
#define LIST_COLS LIST_SELECT "FROM observations o " LIST_JOINS

static const char *const list_sql[] = {
	PW_SAME_IND LIST_COLS "WHERE o.indicator_id IN same AND (?2 OR head)"
			      " ORDER BY o.year, o.id",
	PW_SAME_TGT LIST_COLS "WHERE o.target_id IN same AND (?2 OR head) ORDER BY o.year, o.id",
	LIST_COLS "WHERE ?1 = 0 AND (?2 OR head) ORDER BY o.id",
};

static void list_row(sqlite3_stmt *st, struct pw_obs_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->entity = pw_col_null(st, 1) ? PW_ENTITY_TARGET : PW_ENTITY_INDICATOR;
	r->ref_id = sqlite3_column_int64(st, pw_col_null(st, 1) ? 2 : 1);
	r->name = pw_col_text(st, 3);
	r->year = pw_col_int(st, 4);
	r->has_value = !pw_col_null(st, 5);
	r->value = sqlite3_column_double(st, 5);
	r->estimated = pw_col_int(st, 6);
	r->unit = pw_col_text(st, 7);
	r->source = pw_col_text(st, 8);
	r->note = pw_col_text(st, 9);
	r->review_note = pw_col_text(st, 10);
	r->entered_by = pw_col_text(st, 11);
	r->entered_at = pw_col_text(st, 12);
	r->state = (enum pw_obs_state)pw_obs_state_from_name((const char *)sqlite3_column_text(st, 13));
	r->version = pw_col_int(st, 14);
	r->supersedes = sqlite3_column_int64(st, 15);
	r->current = pw_col_int(st, 16);
}

void pw_obs_row_release(struct pw_obs_row *r)
{
	free(r->name);
	free(r->unit);
	free(r->source);
	free(r->note);
	free(r->review_note);
	free(r->entered_by);
	free(r->entered_at);
}

void pw_obs_row_free_array(struct pw_obs_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pw_obs_row_release(&rows[i]);
	free(rows);
}

static void fill_listed(sqlite3_stmt *st, void *elem, void *ctx)
{
	(void)ctx;
	list_row(st, elem);
}

static void free_obs_rows(void *rows, size_t n)
{
	pw_obs_row_free_array(rows, n);
}

int pw_store_obs_list(struct pw_store *s, enum pw_entity e, int64_t filter_id, bool history,
		      struct pw_obs_row **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_listed, free_obs_rows };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (filter_id && check_obs_entity(e) < 0)
		return -1;
	if (filter_id && (rc = pw_monitor_check_entity(s, e, filter_id)) < 0)
		return rc;
	st = pw_store_stmt(s, list_sql[filter_id ? e : 2]);
	if (st) {
		pw_bind_int(st, 1, filter_id);
		pw_bind_int(st, 2, history);
	}
	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}

/* The pending heads (table obs_pending, kept by triggers: schema step
 * 10) drive the join, newest first, so a page reads its own rows and
 * the index of obs_pending, never the history of every value. */
static const char pending_sql[] =
	LIST_SELECT "FROM obs_pending p CROSS JOIN observations o ON o.id = p.id " LIST_JOINS
	"WHERE o.indicator_id IS NOT NULL ORDER BY p.id DESC LIMIT ?1 OFFSET ?2";
static const char pending_count_sql[] =
	"SELECT count(*) FROM obs_pending p CROSS JOIN obs o ON o.id = p.id"
	" WHERE o.indicator_id IS NOT NULL";
static const char get_sql[] = LIST_COLS "WHERE o.id = ?1";

int pw_store_obs_queue(struct pw_store *s, size_t offset, size_t limit,
			 struct pw_obs_row **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_listed, free_obs_rows };
	int rc;

	*out = pw_store_collect_page(s, pending_sql, &how, offset, limit, n, &rc);
	return rc;
}

int pw_store_obs_queue_count(struct pw_store *s, size_t *total)
{
	sqlite3_stmt *st = pw_store_stmt(s, pending_count_sql);

	*total = 0;
	if (!st)
		return -1;
	if (pw_store_step(s, st) != 1)
		return pw_store_fail(s, "cannot count the observations awaiting review");
	*total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int pw_store_obs_get(struct pw_store *s, int64_t id, struct pw_obs_row *out)
{
	sqlite3_stmt *st = pw_store_stmt(s, get_sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	rc = pw_store_step(s, st);
	if (rc == 1)
		list_row(st, out);
	sqlite3_reset(st);
	return rc == 1 ? 0 : rc == 0 ? PW_STORE_NOTFOUND : -1;
}

/* ------------------------------------------------------------------ */
/* Series: the value each year takes (docs/monitoring.md, "Series")    */

/* Columns from col: year, value, estimated, state, head; to the picker
 * (monitor.h) that says which value of a year is in force. */
static void picker_row(struct pw_obs_picker *p, int64_t ref, sqlite3_stmt *st, int col)
{
	struct pw_obs o;
	bool has = !pw_col_null(st, col + 1);

	o.year = sqlite3_column_int(st, col);
	o.value = sqlite3_column_double(st, col + 1);
	o.estimated = sqlite3_column_int(st, col + 2);
	pw_obs_picker_add(p, ref, o.year, has ? &o : NULL,
			  (enum pw_obs_state)sqlite3_column_int(st, col + 3),
			  sqlite3_column_int(st, col + 4) != 0, 0);
}

struct obs_vec {
	struct pw_obs *obs;
	size_t n, alloc;
};

static void emit_vec(void *ctx, int64_t ref, const struct pw_obs *o, long tag)
{
	struct obs_vec *v = ctx;

	(void)ref;
	(void)tag;
	ALLOC_GROW(v->obs, v->n + 1, v->alloc);
	v->obs[v->n++] = *o;
}

#define SERIES_COLS "o.year, o.value, o.estimated, o.state, " HEAD_EXPR

static const char *const series_sql[] = {
	PW_SAME_IND "SELECT " SERIES_COLS " FROM obs o WHERE o.indicator_id IN same"
		    " AND (?2 = 0 OR o.year <= ?2) ORDER BY o.year, o.id",
	PW_SAME_TGT "SELECT " SERIES_COLS " FROM obs o WHERE o.target_id IN same"
		    " AND (?2 = 0 OR o.year <= ?2) ORDER BY o.year, o.id",
};

int pw_store_obs_series(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
			enum pw_obs_pick pick, struct pw_obs **out, size_t *n)
{
	struct obs_vec v = { NULL, 0, 0 };
	struct pw_obs_picker p = { .pick = pick, .emit = emit_vec, .ctx = &v };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (check_obs_entity(e) < 0)
		return -1;
	if ((rc = pw_monitor_check_entity(s, e, id)) < 0)
		return rc;
	st = pw_store_stmt(s, series_sql[e]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_int(st, 2, upto);
	while ((rc = pw_store_step(s, st)) == 1)
		picker_row(&p, id, st, 0);
	pw_obs_picker_flush(&p);
	if (rc < 0) {
		free(v.obs);
		return -1;
	}
	*out = v.obs;
	*n = v.n;
	return 0;
}

static void emit_tag(void *ctx, int64_t ref, const struct pw_obs *o, long tag)
{
	(void)ref;
	(void)o;
	*(long *)ctx = tag;
}

/* The row of rows[from..to) (one year, by id) that pick takes (the
 * picker's choice, monitor.h), or -1. */
static long pick_row(const struct pw_obs_row *rows, size_t from, size_t to,
		     enum pw_obs_pick pick)
{
	long got = -1;
	struct pw_obs_picker p = { .pick = pick, .emit = emit_tag, .ctx = &got };
	size_t i;

	for (i = from; i < to; i++) {
		struct pw_obs o = { rows[i].year, rows[i].value, rows[i].estimated };

		pw_obs_picker_add(&p, 0, rows[i].year, rows[i].has_value ? &o : NULL,
				  rows[i].state, rows[i].current, (long)i);
	}
	pw_obs_picker_flush(&p);
	return got;
}

/* What the pick needs of every row, by year and id: only the columns a
 * value is compared and pre-filled with (the view leaves the joins of the
 * others out). */
#define PICKED_COLS                                                                 \
	"o.id, o.year, o.value, o.estimated, o.unit, o.source, o.note, o.state,"          \
	" o.version, o.supersedes, " HEAD_EXPR

static const char *const picked_sql[] = {
	PW_SAME_IND "SELECT ?1, " PICKED_COLS " FROM observations o WHERE o.indicator_id IN same"
		    " ORDER BY o.year, o.id",
	PW_SAME_TGT "SELECT ?1, " PICKED_COLS " FROM observations o WHERE o.target_id IN same"
		    " ORDER BY o.year, o.id",
};

/* Every indicator of the version of indicator ?1, with the rows of the
 * same indicator (key) in every version of the plan. */
static const char version_picked_sql[] =
	"SELECT i.id, " PICKED_COLS " FROM indicators i"
	" JOIN plan_versions v0 ON v0.id = i.version_id"
	" JOIN plan_versions pv ON pv.plan_id = v0.plan_id"
	" JOIN indicators j ON j.version_id = pv.id AND j.key = i.key"
	" JOIN observations o ON o.indicator_id = j.id"
	" WHERE i.version_id = (SELECT version_id FROM indicators WHERE id = ?1)"
	" ORDER BY i.id, o.year, o.id";

/* Columns: the ref id, then PICKED_COLS. */
static void picked_row(sqlite3_stmt *st, enum pw_entity e, struct pw_obs_row *r)
{
	memset(r, 0, sizeof(*r));
	r->ref_id = sqlite3_column_int64(st, 0);
	r->entity = e;
	r->id = sqlite3_column_int64(st, 1);
	r->year = pw_col_int(st, 2);
	r->has_value = !pw_col_null(st, 3);
	r->value = sqlite3_column_double(st, 3);
	r->estimated = pw_col_int(st, 4);
	r->unit = pw_col_text(st, 5);
	r->source = pw_col_text(st, 6);
	r->note = pw_col_text(st, 7);
	r->state = (enum pw_obs_state)pw_obs_state_from_name((const char *)sqlite3_column_text(st, 8));
	r->version = pw_col_int(st, 9);
	r->supersedes = sqlite3_column_int64(st, 10);
	r->current = pw_col_int(st, 11);
}

static void fill_picked(sqlite3_stmt *st, void *elem, void *ctx)
{
	picked_row(st, *(const enum pw_entity *)ctx, elem);
}

static int picked_rows(struct pw_store *s, const char *sql, enum pw_entity e, int64_t id,
		       struct pw_obs_row **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_picked, free_obs_rows };
	sqlite3_stmt *st = pw_store_stmt(s, sql);
	int rc;

	if (st)
		pw_bind_int(st, 1, id);
	*out = pw_store_collect(s, st, &how, &e, n, &rc);
	return rc;
}

/* Keeps, of rows (by ref, year, id), the row pick takes of each ref and
 * year (years <= upto; 0: all), in order; frees the others. */
static void pick_rows(struct pw_obs_row **rows, size_t *n, int upto, enum pw_obs_pick pick)
{
	struct pw_obs_row *r = *rows, keep;
	size_t i, j, k = 0;
	long p;

	for (i = 0; i < *n; i = j) {
		for (j = i; j < *n && r[j].year == r[i].year && r[j].ref_id == r[i].ref_id; j++)
			;
		p = upto && r[i].year > upto ? -1 : pick_row(r, i, j, pick);
		if (p >= 0) {
			keep = r[p];
			r[p] = r[k];
			r[k++] = keep;
		}
	}
	for (i = k; i < *n; i++)
		pw_obs_row_release(&r[i]);
	if (!k) {
		free(r);
		*rows = NULL;
	}
	*n = k;
}

int pw_store_obs_picked(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
			enum pw_obs_pick pick, struct pw_obs_row **out, size_t *n)
{
	int rc;

	*out = NULL;
	*n = 0;
	if (check_obs_entity(e) < 0)
		return -1;
	if ((rc = pw_monitor_check_entity(s, e, id)) < 0 ||
	    (rc = picked_rows(s, picked_sql[e], e, id, out, n)) < 0)
		return rc;
	pick_rows(out, n, upto, pick);
	return 0;
}

int pw_store_obs_picked_of_version(struct pw_store *s, int64_t id, enum pw_obs_pick pick,
				   struct pw_obs_row **out, size_t *n)
{
	int rc = picked_rows(s, version_picked_sql, PW_ENTITY_INDICATOR, id, out, n);

	if (rc == 0)
		pick_rows(out, n, 0, pick);
	return rc;
}

/* Plan-wide: series[k] for ids[k]; ids are looked up by binary search in
 * a sorted copy that remembers positions. */
struct id_pos {
	int64_t id;
	size_t pos;
};

struct plan_sink {
	struct id_pos *map;
	size_t n;
	struct obs_vec *vecs;
};

static int cmp_id_pos(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static void emit_plan(void *ctx, int64_t ref, const struct pw_obs *o, long tag)
{
	struct plan_sink *ps = ctx;
	struct id_pos key = { ref, 0 }, *hit;

	hit = bsearch(&key, ps->map, ps->n, sizeof(*ps->map), cmp_id_pos);
	if (hit)
		emit_vec(&ps->vecs[hit->pos], ref, o, tag);
}

static const char plan_series_sql[] =
	"SELECT i.id, " SERIES_COLS " FROM indicators i"
	" JOIN plan_versions pv ON pv.plan_id = ?2"
	" JOIN indicators j ON j.version_id = pv.id AND j.key = i.key"
	" JOIN obs o ON o.indicator_id = j.id"
	" WHERE i.version_id = ?1 AND (?3 = 0 OR o.year <= ?3)"
	" ORDER BY i.id, o.year, o.id";

static int plan_rows(struct pw_store *s, int64_t vid, int plan_id, int upto,
		     struct pw_obs_picker *p)
{
	sqlite3_stmt *st = pw_store_stmt(s, plan_series_sql);
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, vid);
	pw_bind_int(st, 2, plan_id);
	pw_bind_int(st, 3, upto);
	while ((rc = pw_store_step(s, st)) == 1)
		picker_row(p, sqlite3_column_int64(st, 0), st, 1);
	pw_obs_picker_flush(p);
	return rc;
}

static struct pw_series *vecs_to_series(struct obs_vec *vecs, size_t n)
{
	struct pw_series *out = xcalloc(n ? n : 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++) {
		out[i].obs = vecs[i].obs;
		out[i].n = vecs[i].n;
		out[i].mode = PW_SERIES_AUTO;
	}
	return out;
}

int pw_store_plan_obs_series(struct pw_store *s, int plan_id, int version, int upto,
			     enum pw_obs_pick pick, struct pw_series **series, size_t *n)
{
	struct plan_sink ps = { NULL, 0, NULL };
	struct pw_obs_picker p = { .pick = pick, .emit = emit_plan, .ctx = &ps };
	int64_t *ids, vid;
	size_t i;
	int rc;

	*series = NULL;
	*n = 0;
	rc = pw_store_resolve_version(s, plan_id, version, &vid);
	if (rc < 0 || (rc = pw_store_plan_indicator_ids(s, plan_id, version, &ids, &ps.n)) < 0)
		return rc;
	ps.map = xcalloc(ps.n ? ps.n : 1, sizeof(*ps.map));
	ps.vecs = xcalloc(ps.n ? ps.n : 1, sizeof(*ps.vecs));
	for (i = 0; i < ps.n; i++)
		ps.map[i] = (struct id_pos){ ids[i], i };
	qsort(ps.map, ps.n, sizeof(*ps.map), cmp_id_pos);
	rc = plan_rows(s, vid, plan_id, upto, &p);
	if (rc == 0) {
		*series = vecs_to_series(ps.vecs, ps.n);
		*n = ps.n;
	} else {
		for (i = 0; i < ps.n; i++)
			free(ps.vecs[i].obs);
	}
	free(ps.vecs);
	free(ps.map);
	free(ids);
	return rc < 0 ? -1 : 0;
}

void pw_store_series_free(struct pw_series *series, size_t n)
{
	size_t i;

	for (i = 0; series && i < n; i++)
		free((void *)series[i].obs);
	free(series);
}
