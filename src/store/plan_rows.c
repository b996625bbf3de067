/*
 * plan_rows.c - the streams of plan_rows.h: one query per kind of row
 * for every plan of a range at once, each ordered by plan id; and the
 * read transactions the whole-database evaluation runs in.
 */
#include "store/store_internal.h"
#include "store/monitor.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>

/*
 * Every stream's first column is the plan id, and rows come by plan id.
 * CROSS JOIN fixes SQLite's join order (it would otherwise scan a child
 * table and sort): plans by id, then their versions and rows through
 * the indexes, so no stream needs a sort except the small external ones.
 */
/* ?3 picks the version: 0 for the current one */
#define CUR " FROM plans p CROSS JOIN plan_versions v ON v.plan_id = p.id" \
	    " AND v.version = CASE WHEN ?3 > 0 THEN ?3 ELSE p.current_version END"
#define ANY " FROM plans p CROSS JOIN plan_versions w ON w.plan_id = p.id"
#define SEC(a, col) " LEFT JOIN sections " a " ON " a ".id = " col
#define TGT_COLS "g.kind, g.cmp, g.value, g.value_hi, g.year, g.text"
#define OBS_COLS "o.year, o.id, o.value, o.estimated"
#define IN_RANGE " p.id BETWEEN ?1 AND ?2"
#define ROWS " CROSS JOIN indicator_tables t ON t.version_id = v.id" \
	     " CROSS JOIN indicators i ON i.table_id = t.id"


static const char *const stream_sql[PW_ROWS_N] = {
	[PW_ROWS_VERSION] = "SELECT p.id, v.version, v.title, v.region, v.ordinal, v.period_start,"
		      " v.period_end, v.source, v.checksum" CUR " WHERE" IN_RANGE " ORDER BY p.id",
	[PW_ROWS_SECTION] = "SELECT p.id, s.level, s.number, s.title, s.line, x.seq" CUR
		      " CROSS JOIN sections s ON s.version_id = v.id" SEC("x", "s.parent_id")
		      " WHERE" IN_RANGE " ORDER BY p.id, s.seq",
	[PW_ROWS_TABLE] = "SELECT p.id, t.id, t.title, t.line, t.period_start, t.period_end, x.seq" CUR
		    " CROSS JOIN indicator_tables t ON t.version_id = v.id" SEC("x", "t.section_id")
		    " WHERE" IN_RANGE " ORDER BY p.id, t.seq",
	/* each indicator with its targets, one row per target */
	[PW_ROWS_INDICATOR] = "SELECT p.id, i.table_id, i.id, i.key, i.no, i.group_name, i.category,"
			" i.name, i.unit, i.attribute, i.direction, i.baseline_year,"
			" i.baseline_value, i.actual_year, i.actual_value, i.actual_estimated,"
			" i.note, i.line, x.seq, i.measure, " TGT_COLS CUR ROWS
			" LEFT JOIN targets g ON g.indicator_id = i.id" SEC("x", "i.section_id")
			" WHERE" IN_RANGE " ORDER BY p.id, t.seq, i.seq, g.seq",
	/* last, the indicator the target restates (target_links) */
	[PW_ROWS_PROSE] = "SELECT p.id, g.id, g.key, " TGT_COLS ", g.subject, g.unit, g.line, x.seq,"
		    " g.measure, " PW_TARGET_LINK("g") CUR
		    " CROSS JOIN targets g ON g.version_id = v.id AND g.indicator_id IS NULL"
		    SEC("x", "g.section_id") " WHERE" IN_RANGE " ORDER BY p.id, g.seq",
	[PW_ROWS_COLUMN] = "SELECT p.id, c.id, c.title, c.line, x.seq" CUR
		     " CROSS JOIN columns c ON c.version_id = v.id" SEC("x", "c.section_id")
		     " WHERE" IN_RANGE " ORDER BY p.id, c.seq",
	[PW_ROWS_ITEM] = "SELECT p.id, i.column_id, i.no, i.title, i.text, i.line, i.id, i.key" CUR
		   " CROSS JOIN columns c ON c.version_id = v.id"
		   " CROSS JOIN column_items i ON i.column_id = c.id"
		   " WHERE" IN_RANGE " ORDER BY p.id, c.seq, i.seq",
	/* Approved values of every version's rows; the key finds the current
	 * row (docs/monitoring.md, "Versions").  They are many (a province has
	 * millions): rather than as result rows, each reaches C through the
	 * function pw_bulk_take() (take() below), and a row per plan
	 * tells when a plan is complete. */
	[PW_ROWS_IOBS] = "SELECT p.id, count(pw_bulk_take(0, p.id, j.key, " OBS_COLS "))" ANY
		   " CROSS JOIN indicators j ON j.version_id = w.id"
		   " CROSS JOIN obs o ON o.indicator_id = j.id"
		   " WHERE" IN_RANGE " AND o.state = " PW_OBS_APPROVED_SQL " AND o.value IS NOT NULL"
		   " GROUP BY p.id ORDER BY p.id",
	[PW_ROWS_TOBS] = "SELECT p.id, count(pw_bulk_take(1, p.id, g.key, " OBS_COLS "))" ANY
		   " CROSS JOIN targets g ON g.version_id = w.id AND g.indicator_id IS NULL"
		   " CROSS JOIN obs o ON o.target_id = g.id"
		   " WHERE" IN_RANGE " AND o.state = " PW_OBS_APPROVED_SQL " AND o.value IS NOT NULL"
		   " GROUP BY p.id ORDER BY p.id",
	/* External targets are few: read them all, sorted by plan. */
	[PW_ROWS_IEXT] = "SELECT w.plan_id, j.key, e.id, e.cmp, e.value, e.kind, e.value_hi, e.year"
		   " FROM external_targets e"
		   " CROSS JOIN targets t ON t.id = e.target_id"
		   " CROSS JOIN indicators j ON j.id = t.indicator_id"
		   " CROSS JOIN plan_versions w ON w.id = j.version_id"
		   " WHERE t.kind = 'external' AND w.plan_id BETWEEN ?1 AND ?2 ORDER BY w.plan_id",
	[PW_ROWS_TEXT] = "SELECT w.plan_id, g.key, e.id, e.cmp, e.value, e.kind, e.value_hi, e.year"
		   " FROM external_targets e"
		   " CROSS JOIN targets g ON g.id = e.target_id AND g.indicator_id IS NULL"
		   " CROSS JOIN plan_versions w ON w.id = g.version_id"
		   " WHERE w.plan_id BETWEEN ?1 AND ?2 ORDER BY w.plan_id",
	/* Lead units (牵头单位), as store/units.c picks them. */
	[PW_ROWS_ILEAD] = "SELECT p.id, j.key, a.id, a.reporting_year, u.name" ANY
		    " CROSS JOIN indicators j ON j.version_id = w.id"
		    " CROSS JOIN assignments a ON a.indicator_id = j.id"
		    " CROSS JOIN units u ON u.id = a.unit_id"
		    " WHERE" IN_RANGE " AND a.role = 'lead' ORDER BY p.id",
	[PW_ROWS_TLEAD] = "SELECT p.id, g.key, a.id, a.reporting_year, u.name" ANY
		    " CROSS JOIN targets g ON g.version_id = w.id AND g.indicator_id IS NULL"
		    " CROSS JOIN assignments a ON a.target_id = g.id"
		    " CROSS JOIN units u ON u.id = a.unit_id"
		    " WHERE" IN_RANGE " AND a.role = 'lead' ORDER BY p.id",
	/* The progress reports of the 专栏 projects that count (approved; with
	 * ?4, awaiting review too), and their lead units. */
	[PW_ROWS_PROG] = "SELECT p.id, c.key, r.id, r.year, r.status, r.percent, r.investment,"
		   " r.note" ANY
		   " CROSS JOIN column_items c ON c.version_id = w.id"
		   " CROSS JOIN project_progress r ON r.item_id = c.id"
		   " WHERE" IN_RANGE " AND " PW_PROGRESS_COUNTS("r", "?4") " ORDER BY p.id",
	[PW_ROWS_PLEAD] = "SELECT p.id, c.key, a.id, a.reporting_year, u.name" ANY
		    " CROSS JOIN column_items c ON c.version_id = w.id"
		    " CROSS JOIN assignments a ON a.item_id = c.id"
		    " CROSS JOIN units u ON u.id = a.unit_id"
		    " WHERE" IN_RANGE " AND a.role = 'lead' ORDER BY p.id",
};

/* pw_bulk_take(which, plan, key, year, id, value, estimated): hands one
 * approved value to the caller's take function. */
static void take(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	struct pw_plan_rows *r = sqlite3_user_data(cx);

	(void)argc;
	r->take(r->ctx, sqlite3_value_int(v[0]) != 0, sqlite3_value_int64(v[1]),
		sqlite3_value_int64(v[2]), sqlite3_value_int(v[3]), sqlite3_value_int64(v[4]),
		sqlite3_value_double(v[5]), sqlite3_value_int(v[6]) != 0);
	sqlite3_result_int(cx, 1);
}

int pw_plan_rows_next(struct pw_plan_rows *r, enum pw_rows_stream id)
{
	int state = pw_store_step(r->s, r->q[id].st);

	r->q[id].state = state < 0 ? 0 : state;
	if (state == 1)
		r->q[id].plan = sqlite3_column_int64(r->q[id].st, 0);
	return state;
}

sqlite3_stmt *pw_plan_rows_at(const struct pw_plan_rows *r, enum pw_rows_stream id,
			      int64_t *plan)
{
	if (r->q[id].state != 1)
		return NULL;
	*plan = r->q[id].plan;
	return r->q[id].st;
}

/* The value streams call pw_bulk_take(), defined on the connection for
 * this pass: they are prepared for it, not taken from the cache. */
static int prepare(struct pw_plan_rows *r, int i)
{
	if (i != PW_ROWS_IOBS && i != PW_ROWS_TOBS) {
		r->q[i].st = pw_store_stmt(r->s, stream_sql[i]);
		return r->q[i].st ? 0 : -1;
	}
	r->q[i].own = true;
	if (sqlite3_prepare_v3(r->s->db, stream_sql[i], -1, 0, &r->q[i].st, NULL) != SQLITE_OK)
		return pw_store_fail(r->s, "cannot prepare statement");
	return 0;
}

int pw_plan_rows_open(struct pw_plan_rows *r, struct pw_store *s, int64_t first, int64_t last,
		      int version, bool unapproved, pw_rows_take_fn *take_fn, void *ctx)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->s = s;
	r->take = take_fn;
	r->ctx = ctx;
	if (sqlite3_create_function_v2(s->db, "pw_bulk_take", 7,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY, r, take, NULL, NULL,
				       NULL) != SQLITE_OK)
		return pw_store_fail(s, "cannot define pw_bulk_take()");
	for (i = 0; i < PW_ROWS_N; i++) {
		sqlite3_stmt *st;
		int np;

		if (prepare(r, i) < 0)
			return -1;
		st = r->q[i].st;
		np = sqlite3_bind_parameter_count(st);
		pw_bind_int(st, 1, first);
		pw_bind_int(st, 2, last);
		if (np >= 3)
			pw_bind_int(st, 3, version);
		if (np >= 4)
			pw_bind_int(st, 4, unapproved);
		if (pw_plan_rows_next(r, (enum pw_rows_stream)i) < 0)
			return -1;
	}
	return 0;
}

void pw_plan_rows_close(struct pw_plan_rows *r)
{
	int i;

	for (i = 0; i < PW_ROWS_N; i++) {
		if (r->q[i].own)
			sqlite3_finalize(r->q[i].st);
		else if (r->q[i].st)
			sqlite3_reset(r->q[i].st);
	}
	if (r->s)
		sqlite3_create_function_v2(r->s->db, "pw_bulk_take", 7, SQLITE_UTF8, NULL, NULL,
					   NULL, NULL, NULL);
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------------ */
/* Reading one snapshot                                               */

bool pw_store_in_transaction(struct pw_store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

int pw_store_read_snapshot(struct pw_store *s)
{
	return pw_store_exec(s, "BEGIN; SELECT count(*) FROM plans");
}

int pw_store_plan_ids(struct pw_store *s, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT id FROM plans ORDER BY id");
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc < 0 ? -1 : 0;
}
