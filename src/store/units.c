/*
 * units.c - responsible units and the assignment of indicators, targets
 * and projects to a lead unit (牵头单位), plus the helpers the monitoring
 * store files share (monitor_int.h).  See monitor.h.
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/names.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"
#include "text/utf8.h"

static const struct pw_name entity_names[] = {
	{ "indicator", "指标" }, { "target", "目标" }, { "project", "项目" },
};


const char *pw_entity_name(enum pw_entity e)
{
	return pw_name_of(entity_names, NELEM(entity_names), (long)e, "?");
}

const char *pw_entity_label(enum pw_entity e)
{
	return pw_name_zh(entity_names, NELEM(entity_names), (long)e, "?");
}

const char *pw_entity_word(enum pw_entity e)
{
	return pw_i18n_chinese() ? pw_entity_label(e) : pw_entity_name(e);
}

int pw_entity_from_name(const char *s)
{
	return pw_name_lookup(entity_names, NELEM(entity_names), s);
}

/* ------------------------------------------------------------------ */
/* Shared helpers (monitor_int.h)                                     */

/* The cached statement sql with id bound to ?1 and arg2 to ?2 if it has
 * one; NULL on error (reported). */
static sqlite3_stmt *stmt_for_id(struct pw_store *s, const char *sql, int64_t id, int64_t arg2)
{
	sqlite3_stmt *st = pw_store_stmt(s, sql);

	if (!st)
		return NULL;
	pw_bind_int(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		pw_bind_int(st, 2, arg2);
	return st;
}

int pw_monitor_fetch(struct pw_store *s, const char *sql, int64_t id, int64_t arg2,
		     pw_monitor_fill_fn *fill, void *out)
{
	sqlite3_stmt *st = stmt_for_id(s, sql, id, arg2);
	int rc;

	if (!st)
		return -1;
	rc = pw_store_step(s, st);
	if (rc != 1)
		return rc < 0 ? -1 : PW_STORE_NOTFOUND;
	if (fill)
		fill(st, out);
	sqlite3_reset(st);
	return 0;
}

int pw_monitor_pick(struct pw_store *s, const char *sql, int64_t id, int64_t arg2,
		    pw_monitor_take_fn *take, void *out)
{
	sqlite3_stmt *st = stmt_for_id(s, sql, id, arg2);
	bool taken = false;
	int rc;

	if (!st)
		return -1;
	while ((rc = pw_store_step(s, st)) == 1)
		taken |= take(st, out);
	if (rc < 0)
		return -1;
	return taken ? 0 : PW_STORE_NOTFOUND;
}

int pw_monitor_check_entity(struct pw_store *s, enum pw_entity e, int64_t id)
{
	static const char *const sql[] = {
		"SELECT 1 FROM indicators WHERE id = ?",
		"SELECT 1 FROM targets WHERE id = ?",
		"SELECT 1 FROM column_items WHERE id = ?",
	};
	int rc;

	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	rc = pw_monitor_fetch(s, sql[e], id, 0, NULL, NULL);
	if (rc == PW_STORE_NOTFOUND)
		pw_error_kind(PW_ERR_NOTFOUND, "no %s %lld in database '%s'", pw_entity_name(e),
			      (long long)id, s->path);
	return rc;
}

static void fill_int0(sqlite3_stmt *st, void *out)
{
	*(int *)out = sqlite3_column_int(st, 0);
}

int pw_store_entity_plan(struct pw_store *s, enum pw_entity e, int64_t id, int *plan_id)
{
	static const char *const sql[] = {
		"SELECT v.plan_id FROM indicators x JOIN plan_versions v ON v.id = x.version_id "
		"WHERE x.id = ?",
		"SELECT v.plan_id FROM targets x JOIN plan_versions v ON v.id = x.version_id "
		"WHERE x.id = ?",
		"SELECT v.plan_id FROM column_items x JOIN plan_versions v ON v.id = x.version_id "
		"WHERE x.id = ?",
	};

	*plan_id = 0;
	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	return pw_monitor_fetch(s, sql[e], id, 0, fill_int0, plan_id);
}

/* The savepoint of a write inside the caller's transaction.  Prepared
 * once (a batch opens one per value); the rollback goes through
 * sqlite3_exec so that it cannot meet an injected fault. */
static void savepoint_undo(struct pw_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK TO pw_write; RELEASE pw_write", NULL, NULL, NULL);
}

int pw_store_write_begin(struct pw_store *s, int *own)
{
	sqlite3_stmt *st;

	*own = !s->in_tx && sqlite3_get_autocommit(s->db);
	if (*own)
		return pw_store_begin(s);
	st = pw_store_stmt(s, "SAVEPOINT pw_write");
	return st ? pw_store_run(s, st) : -1;
}

int pw_store_write_end(struct pw_store *s, int own, int rc)
{
	sqlite3_stmt *st;

	if (own && rc < 0)
		pw_store_rollback(s);
	else if (own)
		return pw_store_commit(s) < 0 ? -1 : rc;
	else if (rc < 0)
		savepoint_undo(s);
	else if (!(st = pw_store_stmt(s, "RELEASE pw_write")) || pw_store_run(s, st) < 0) {
		savepoint_undo(s);
		return -1;
	}
	return rc;
}

int pw_store_read_begin(struct pw_store *s, int *own)
{
	*own = !s->in_tx && sqlite3_get_autocommit(s->db);
	return *own ? pw_store_exec(s, "BEGIN") : 0;
}

void pw_store_read_end(struct pw_store *s, int own)
{
	/* a read transaction has nothing to lose: COMMIT, else ROLLBACK */
	if (own && !sqlite3_get_autocommit(s->db) &&
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void fill_text0(sqlite3_stmt *st, void *out)
{
	*(char **)out = pw_col_text(st, 0);
}

/* The JSON of row id (NULL for id 0); -1 when it cannot be read. */
static int row_json(struct pw_store *s, const char *sql, int64_t id, char **json)
{
	*json = NULL;
	if (!id)
		return 0;
	if (pw_monitor_fetch(s, sql, id, 0, fill_text0, json) != 0 || !*json)
		return pw_error("database '%s': cannot read row %lld for the audit log", s->path,
				(long long)id);
	return 0;
}

int pw_monitor_audit_rows(struct pw_store *s, const char *who, const char *action,
			  const char *entity, const char *json_sql, int64_t old_id,
			  int64_t new_id)
{
	char *before = NULL, *after = NULL;
	int rc = row_json(s, json_sql, old_id, &before);

	if (rc == 0)
		rc = row_json(s, json_sql, new_id, &after);
	if (rc == 0)
		rc = pw_store_audit(s, who, action, entity, new_id, before, after);
	free(before);
	free(after);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Units                                                              */

int pw_store_unit_find_quiet(struct pw_store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT id FROM units WHERE name = ?");

	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	return pw_store_step_id(s, st, id);
}

int pw_store_unit_find(struct pw_store *s, const char *name, int64_t *id)
{
	int rc = pw_store_unit_find_quiet(s, name, id);

	if (rc == PW_STORE_NOTFOUND)
		pw_error_kind(PW_ERR_NOTFOUND,
			      "no unit '%s' in database '%s' (add it with 'planwatch unit add')",
			      name, s->path);
	return rc;
}

static const char unit_json_sql[] =
	"SELECT json_object('id', id, 'name', name, 'parent_id', parent_id) FROM units"
	" WHERE id = ?";

static int unit_insert(struct pw_store *s, const char *name, const char *parent,
		       const char *who, int64_t *id)
{
	sqlite3_stmt *st;
	int64_t pid = 0;
	int rc;

	if (parent && pw_store_unit_find(s, parent, &pid) < 0)
		return -1;
	rc = pw_store_unit_find_quiet(s, name, id);
	if (rc != PW_STORE_NOTFOUND)
		return rc < 0 ? -1 : pw_error_kind(PW_ERR_CONFLICT, "unit '%s' already exists",
						   name);
	st = pw_store_stmt(s, "INSERT INTO units (name, parent_id) VALUES (?, ?)");
	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	pw_bind_int_or_null(st, 2, pid, parent != NULL);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return pw_monitor_audit_rows(s, who, "unit.add", "unit", unit_json_sql, 0, *id);
}

int pw_store_unit_add(struct pw_store *s, const char *name, const char *parent,
		      const char *who, int64_t *id)
{
	struct strbuf nm = STRBUF_INIT;
	int64_t dummy;
	int own, rc;

	sb_addstr(&nm, name ? name : "");
	pw_utf8_trim(&nm);
	if (!nm.len) {
		sb_release(&nm);
		return pw_error_kind(PW_ERR_INPUT, "a unit needs a name");
	}
	if (pw_store_write_begin(s, &own) < 0) {
		sb_release(&nm);
		return -1;
	}
	rc = unit_insert(s, nm.buf, parent, who, id ? id : &dummy);
	sb_release(&nm);
	return pw_store_write_end(s, own, rc);
}

void pw_unit_free_array(struct pw_unit *units, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(units[i].name);
		free(units[i].parent);
	}
	free(units);
}

/* Every unit with its parent and how many current indicators, targets
 * and projects it leads now (the latest lead assignment of each row,
 * found through the key as in LEADS below), in one pass over the rows. */
#define LEAD_OF(table, col)                                                            \
	"SELECT (SELECT a.unit_id FROM assignments a JOIN " table " j ON j.id = a." col \
	"  JOIN plan_versions v ON v.id = j.version_id"                                 \
	"  WHERE v.plan_id = cv.plan_id AND j.key = r.key AND a.role = 'lead'"          \
	"  ORDER BY a.id DESC LIMIT 1) AS unit_id FROM " table " r"                     \
	" JOIN current_versions cv ON cv.id = r.version_id"

static const char unit_list_sql[] =
	"WITH leads(unit_id) AS (" LEAD_OF("indicators", "indicator_id")
	" UNION ALL " LEAD_OF("targets", "target_id")
	" UNION ALL " LEAD_OF("column_items", "item_id") "),"
	" counts(unit_id, n) AS (SELECT unit_id, count(*) FROM leads"
	"  WHERE unit_id IS NOT NULL GROUP BY unit_id)"
	" SELECT u.id, u.name, p.name, COALESCE(c.n, 0) FROM units u"
	" LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN counts c ON c.unit_id = u.id"
	" ORDER BY u.name";

static void fill_unit(sqlite3_stmt *st, void *elem, void *ctx)
{
	struct pw_unit *u = elem;

	(void)ctx;
	u->id = sqlite3_column_int64(st, 0);
	u->name = pw_col_text(st, 1);
	u->parent = pw_col_text(st, 2);
	u->nassigned = sqlite3_column_int(st, 3);
}

static void free_units(void *units, size_t n)
{
	pw_unit_free_array(units, n);
}

int pw_store_unit_list(struct pw_store *s, struct pw_unit **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_unit, free_units };
	int rc;

	*out = pw_store_collect(s, pw_store_stmt(s, unit_list_sql), &how, NULL, n, &rc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lead unit                                                          */

/* Every lead assignment; pw_lead_in_force() picks the one in force. */
#define LEAD_SQL(same, col)                                                          \
	same "SELECT u.name, a.unit_id, a.id, a.reporting_year FROM assignments a"      \
	     " JOIN units u ON u.id = a.unit_id WHERE a." col " IN same AND a.role = 'lead'"

static const char *const lead_sql[] = {
	LEAD_SQL(PW_SAME_IND, "indicator_id"),
	LEAD_SQL(PW_SAME_TGT, "target_id"),
	LEAD_SQL(PW_SAME_ITEM, "item_id"),
};

struct lead {
	char *unit;
	int64_t unit_id;
	int year;        /* asked for, 0: the latest */
	int64_t best;    /* assignments.id of the lead kept, 0: none */
};

static bool take_lead(sqlite3_stmt *st, void *out)
{
	struct lead *l = out;
	int64_t id = sqlite3_column_int64(st, 2);

	if (!pw_lead_in_force(id, pw_col_int(st, 3), l->year, l->best))
		return false;
	free(l->unit);
	l->unit = pw_col_text(st, 0);
	l->unit_id = sqlite3_column_int64(st, 1);
	l->best = id;
	return true;
}

/* The lead of (e, id) in year (0: latest) into *l (l->unit a new string,
 * NULL when there is none); PW_STORE_NOTFOUND silently. */
static int lead_of(struct pw_store *s, enum pw_entity e, int64_t id, int year, struct lead *l)
{
	int rc;

	l->unit = NULL;
	l->unit_id = 0;
	l->year = year;
	l->best = 0;
	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	rc = pw_monitor_pick(s, lead_sql[e], id, 0, take_lead, l);
	if (rc < 0) { /* an error after a candidate was kept */
		free(l->unit);
		l->unit = NULL;
	}
	return rc;
}

int pw_store_lead_unit(struct pw_store *s, enum pw_entity e, int64_t id, int year,
		       char **unit)
{
	struct lead l;
	int rc = lead_of(s, e, id, year, &l);

	*unit = l.unit;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Assignments                                                        */

static int insert_assignment(struct pw_store *s, enum pw_entity e, int64_t id,
			     int64_t unit_id, int year, const char *who, int64_t *aid)
{
	static const char *const sql[] = {
		"INSERT INTO assignments (unit_id, indicator_id, reporting_year, assigned_by) "
		"VALUES (?, ?, ?, ?)",
		"INSERT INTO assignments (unit_id, target_id, reporting_year, assigned_by) "
		"VALUES (?, ?, ?, ?)",
		"INSERT INTO assignments (unit_id, item_id, reporting_year, assigned_by) "
		"VALUES (?, ?, ?, ?)",
	};
	sqlite3_stmt *st = pw_store_stmt(s, sql[e]);

	if (!st)
		return -1;
	pw_bind_int(st, 1, unit_id);
	pw_bind_int(st, 2, id);
	pw_bind_int_or_null(st, 3, year, year > 0);
	pw_bind_text(st, 4, who ? who : "unknown");
	if (pw_store_run(s, st) < 0)
		return -1;
	*aid = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* {"indicator_id": 12, "unit": "...", "year": 2024 or null}, the audit
 * log's before/after of an assignment, built by SQLite (which escapes any
 * bytes).  *json is a new string, NULL for no unit.  0 or -1. */
static int lead_json(struct pw_store *s, const char *unit, int year, enum pw_entity e,
		     int64_t id, char **json)
{
	static const char *const sql[] = {
		"SELECT json_object('indicator_id', ?1, 'unit', ?2, 'year', ?3)",
		"SELECT json_object('target_id', ?1, 'unit', ?2, 'year', ?3)",
		"SELECT json_object('project_id', ?1, 'unit', ?2, 'year', ?3)",
	};
	sqlite3_stmt *st;

	*json = NULL;
	if (!unit)
		return 0;
	st = pw_store_stmt(s, sql[e]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_text(st, 2, unit);
	pw_bind_int_or_null(st, 3, year, year > 0);
	if (pw_store_step(s, st) != 1)
		return -1;
	*json = pw_col_text(st, 0);
	sqlite3_reset(st);
	return 0;
}

#define LATER_YEARS_SQL(same, col)                                                   \
	same "SELECT DISTINCT a.reporting_year FROM assignments a WHERE a." col " IN same" \
	     " AND a.role = 'lead' AND a.reporting_year > ?2 ORDER BY 1"

static const char *const later_years_sql[] = {
	LATER_YEARS_SQL(PW_SAME_IND, "indicator_id"),
	LATER_YEARS_SQL(PW_SAME_TGT, "target_id"),
	LATER_YEARS_SQL(PW_SAME_ITEM, "item_id"),
};

/* 1 when unit_id leads (e, id) in reporting year `year`, 0 when another
 * unit or none does, -1 on error. */
static int leads_in(struct pw_store *s, enum pw_entity e, int64_t id, int year,
		    int64_t unit_id)
{
	struct lead l;
	int rc = lead_of(s, e, id, year, &l);

	free(l.unit);
	if (rc == PW_STORE_NOTFOUND)
		return 0;
	return rc < 0 ? -1 : l.unit_id == unit_id;
}

/*
 * Whether a new assignment of unit_id from `year` (0: every year) would
 * change nothing: the unit already leads in `year` (or the first year) and
 * in every later year an assignment names.  1 yes, 0 no, -1 on error.
 */
static int already_leads(struct pw_store *s, enum pw_entity e, int64_t id, int year,
			 int64_t unit_id)
{
	sqlite3_stmt *st;
	int from = year > 0 ? year : PW_YEAR_MIN, rc, *years = NULL;
	size_t n = 0, alloc = 0, i;

	rc = leads_in(s, e, id, from, unit_id);
	st = rc == 1 ? pw_store_stmt(s, later_years_sql[e]) : NULL;
	if (!st)
		return rc == 1 ? -1 : rc;
	pw_bind_int(st, 1, id);
	pw_bind_int(st, 2, from);
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(years, n + 1, alloc);
		years[n++] = sqlite3_column_int(st, 0);
	}
	if (rc == 0)
		rc = 1;
	for (i = 0; rc == 1 && i < n; i++)
		rc = leads_in(s, e, id, years[i], unit_id);
	free(years);
	return rc;
}

static int assign_tx(struct pw_store *s, enum pw_entity e, int64_t id, const char *unit,
		     int year, const char *who, int *changed)
{
	struct lead old;
	char *before, *after;
	int64_t unit_id, aid;
	int rc;

	if ((rc = pw_monitor_check_entity(s, e, id)) < 0 ||
	    (rc = pw_store_unit_find(s, unit, &unit_id)) < 0)
		return rc;
	rc = already_leads(s, e, id, year, unit_id);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (lead_of(s, e, id, year, &old) == -1)
		return -1;
	before = after = NULL;
	rc = insert_assignment(s, e, id, unit_id, year, who, &aid);
	if (rc == 0)
		rc = lead_json(s, old.unit, year, e, id, &before);
	if (rc == 0)
		rc = lead_json(s, unit, year, e, id, &after);
	if (rc == 0)
		rc = pw_store_audit(s, who, old.unit ? "assignment.change" : "assignment.add",
				    "assignment", aid, before, after);
	*changed = rc == 0;
	free(old.unit);
	free(before);
	free(after);
	return rc;
}

int pw_store_assign(struct pw_store *s, enum pw_entity e, int64_t id, const char *unit,
		    int year, const char *who, int *changed)
{
	int own, dummy, rc;

	if (!changed)
		changed = &dummy;
	*changed = 0;
	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = assign_tx(s, e, id, unit, year, who, changed);
	return pw_store_write_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* What a unit leads                                                  */

/* ?1 unit id, ?2 year: rows of current versions whose latest lead
 * assignment (any version, by key) is the unit, with the columns they
 * are sorted by: kind (0 indicators, 1 targets, 2 projects), plan, then
 * two positions within the plan, then the id. */
#define LEADS(table, col, e, k1, order_join)                                      \
	"SELECT " e ", r.id, cv.plan_id, " k1 ", r.seq FROM " table " r"                \
	" JOIN current_versions cv ON cv.id = r.version_id " order_join                 \
	" WHERE (SELECT a.unit_id FROM assignments a JOIN " table " j ON j.id = a." col \
	"  JOIN plan_versions v ON v.id = j.version_id"                                 \
	"  WHERE v.plan_id = cv.plan_id AND j.key = r.key AND a.role = 'lead'"          \
	"  AND (?2 = 0 OR a.reporting_year IS NULL OR a.reporting_year <= ?2)"          \
	"  ORDER BY a.id DESC LIMIT 1) = ?1"

/* Indicators by table and row, prose targets before targets of
 * indicators, projects by 专栏 and item: plan order.  The ORDER BY is on
 * the whole UNION ALL (SQLite keeps no order of its parts). */
static const char assigned_sql[] =
	LEADS("indicators", "indicator_id", "0", "t.seq", "JOIN indicator_tables t ON t.id = r.table_id")
	" UNION ALL "
	LEADS("targets", "target_id", "1", "r.indicator_id IS NOT NULL", "")
	" UNION ALL "
	LEADS("column_items", "item_id", "2", "c.seq", "JOIN columns c ON c.id = r.column_id")
	" ORDER BY 1, 3, 4, 5, 2";

static void fill_assigned(sqlite3_stmt *st, void *elem, void *ctx)
{
	struct pw_assigned *a = elem;

	(void)ctx;
	a->entity = (enum pw_entity)sqlite3_column_int(st, 0);
	a->id = sqlite3_column_int64(st, 1);
	a->plan_id = sqlite3_column_int(st, 2);
}

int pw_store_unit_assigned(struct pw_store *s, const char *unit, int year,
			   struct pw_assigned **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_assigned, NULL };
	sqlite3_stmt *st;
	int64_t unit_id;
	int rc;

	*out = NULL;
	*n = 0;
	if (pw_store_unit_find(s, unit, &unit_id) < 0)
		return -1;
	st = pw_store_stmt(s, assigned_sql);
	if (st) {
		pw_bind_int(st, 1, unit_id);
		pw_bind_int(st, 2, year);
	}
	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}
