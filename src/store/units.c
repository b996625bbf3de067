/*
 * units.c - responsible units and the assignment of indicators, targets
 * and projects to a lead unit (牵头单位), plus the helpers the monitoring
 * store files share (monitor_int.h).  See monitor.h.
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>

static const char *const entity_names[] = { "indicator", "target", "project" };

const char *pw_entity_name(enum pw_entity e)
{
	return (unsigned)e < 3 ? entity_names[e] : "?";
}

int pw_entity_from_name(const char *s)
{
	int i;

	for (i = 0; i < 3; i++)
		if (s && !strcmp(s, entity_names[i]))
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Shared helpers                                                     */

int pw_monitor_check_entity(struct pw_store *s, enum pw_entity e, int64_t id)
{
	static const char *const sql[] = {
		"SELECT 1 FROM indicators WHERE id = ?",
		"SELECT 1 FROM targets WHERE id = ?",
		"SELECT 1 FROM column_items WHERE id = ?",
	};
	sqlite3_stmt *st;
	int rc;

	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	st = pw_store_stmt(s, sql[e]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	rc = pw_store_step(s, st);
	if (rc == 1) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc == 0)
		pw_error("no %s %lld in database '%s'", pw_entity_name(e), (long long)id, s->path);
	return rc < 0 ? -1 : PW_STORE_NOTFOUND;
}

int pw_monitor_tx_begin(struct pw_store *s, int *own)
{
	*own = !s->in_tx;
	return *own ? pw_store_begin(s) : 0;
}

int pw_monitor_tx_end(struct pw_store *s, int own, int rc)
{
	if (!own)
		return rc;
	if (rc < 0) {
		pw_store_rollback(s);
		return rc;
	}
	return pw_store_commit(s) < 0 ? -1 : rc;
}

char *pw_monitor_row_json(struct pw_store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st = pw_store_stmt(s, sql);
	char *json = NULL;

	if (!st)
		return NULL;
	pw_bind_int(st, 1, id);
	if (pw_store_step(s, st) == 1) {
		json = pw_col_text(st, 0);
		sqlite3_reset(st);
	}
	return json;
}

/* ------------------------------------------------------------------ */
/* Units                                                              */

int pw_store_unit_find_quiet(struct pw_store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT id FROM units WHERE name = ?");
	int rc;

	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	rc = pw_store_step(s, st);
	if (rc == 1) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	return rc < 0 ? -1 : PW_STORE_NOTFOUND;
}

int pw_store_unit_find(struct pw_store *s, const char *name, int64_t *id)
{
	int rc = pw_store_unit_find_quiet(s, name, id);

	if (rc == PW_STORE_NOTFOUND)
		pw_error("no unit '%s' in database '%s' (add it with 'planwatch unit add')", name,
			 s->path);
	return rc;
}

static int unit_insert(struct pw_store *s, const char *name, const char *parent,
		       const char *who, int64_t *id)
{
	sqlite3_stmt *st;
	int64_t pid = 0;
	char *json;
	int rc;

	if (parent && pw_store_unit_find(s, parent, &pid) < 0)
		return -1;
	if (pw_store_unit_find_quiet(s, name, id) == 0)
		return pw_error("unit '%s' already exists", name);
	st = pw_store_stmt(s, "INSERT INTO units (name, parent_id) VALUES (?, ?)");
	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	pw_bind_int_or_null(st, 2, pid, parent != NULL);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	json = pw_monitor_row_json(s, "SELECT json_object('id', id, 'name', name, 'parent_id', "
				      "parent_id) FROM units WHERE id = ?", *id);
	rc = pw_store_audit(s, who, "unit.add", "unit", *id, NULL, json);
	free(json);
	return rc;
}

int pw_store_unit_add(struct pw_store *s, const char *name, const char *parent,
		      const char *who, int64_t *id)
{
	struct strbuf nm = STRBUF_INIT;
	int64_t dummy;
	int own, rc;

	sb_addstr(&nm, name ? name : "");
	sb_trim(&nm);
	if (!nm.len) {
		sb_release(&nm);
		return pw_error("a unit needs a name");
	}
	if (pw_monitor_tx_begin(s, &own) < 0) {
		sb_release(&nm);
		return -1;
	}
	rc = unit_insert(s, nm.buf, parent, who, id ? id : &dummy);
	sb_release(&nm);
	return pw_monitor_tx_end(s, own, rc);
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

static int count_assigned(struct pw_store *s, struct pw_unit *u)
{
	struct pw_assigned *a;
	size_t n;

	if (pw_store_unit_assigned(s, u->name, 0, &a, &n) < 0)
		return -1;
	u->nassigned = (int)n;
	free(a);
	return 0;
}

int pw_store_unit_list(struct pw_store *s, struct pw_unit **out, size_t *n)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT u.id, u.name, p.name FROM units u "
					    "LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.name");
	size_t alloc = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[*n].name = pw_col_text(st, 1);
		(*out)[*n].parent = pw_col_text(st, 2);
		(*out)[(*n)++].nassigned = 0;
	}
	for (i = 0; rc == 0 && i < *n; i++)
		rc = count_assigned(s, &(*out)[i]);
	if (rc < 0) {
		pw_unit_free_array(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lead unit                                                          */

#define LEAD_SQL(same, col)                                                          \
	same "SELECT u.name, a.unit_id FROM assignments a JOIN units u ON u.id = a.unit_id" \
	     " WHERE a." col " IN same AND a.role = 'lead'"                              \
	     " AND (?2 = 0 OR a.reporting_year IS NULL OR a.reporting_year <= ?2)"        \
	     " ORDER BY a.id DESC LIMIT 1"

static const char *const lead_sql[] = {
	LEAD_SQL(PW_SAME_IND, "indicator_id"),
	LEAD_SQL(PW_SAME_TGT, "target_id"),
	LEAD_SQL(PW_SAME_ITEM, "item_id"),
};

/* The lead's name (new string) and id; NOTFOUND silently. */
static int lead_of(struct pw_store *s, enum pw_entity e, int64_t id, int year, char **unit,
		   int64_t *unit_id)
{
	sqlite3_stmt *st;
	int rc;

	*unit = NULL;
	if ((unsigned)e > PW_ENTITY_PROJECT)
		return pw_error("bad entity %d", (int)e);
	st = pw_store_stmt(s, lead_sql[e]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_int(st, 2, year);
	rc = pw_store_step(s, st);
	if (rc != 1)
		return rc < 0 ? -1 : PW_STORE_NOTFOUND;
	*unit = pw_col_text(st, 0);
	if (unit_id)
		*unit_id = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return 0;
}

int pw_store_lead_unit(struct pw_store *s, enum pw_entity e, int64_t id, int year,
		       char **unit)
{
	return lead_of(s, e, id, year, unit, NULL);
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

static char *lead_json(const char *unit, int year, enum pw_entity e, int64_t id)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	if (!unit)
		return NULL;
	sb_addf(&sb, "{\"%s_id\": %lld, \"unit\": \"", pw_entity_name(e), (long long)id);
	for (p = unit; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addch(&sb, '\\');
		if ((unsigned char)*p >= 0x20)
			sb_addch(&sb, *p);
	}
	sb_addstr(&sb, "\"");
	if (year > 0)
		sb_addf(&sb, ", \"year\": %d", year);
	sb_addstr(&sb, "}");
	return sb_detach(&sb, NULL);
}

static int assign_tx(struct pw_store *s, enum pw_entity e, int64_t id, const char *unit,
		     int year, const char *who, int *changed)
{
	char *old = NULL, *before, *after;
	int64_t unit_id, old_id = 0, aid;
	int rc;

	if ((rc = pw_monitor_check_entity(s, e, id)) < 0 ||
	    (rc = pw_store_unit_find(s, unit, &unit_id)) < 0)
		return rc;
	rc = lead_of(s, e, id, year, &old, &old_id);
	if (rc == -1)
		return -1;
	if (rc == 0 && old_id == unit_id) {
		free(old);
		return 0;
	}
	rc = insert_assignment(s, e, id, unit_id, year, who, &aid);
	before = lead_json(old, year, e, id);
	after = lead_json(unit, year, e, id);
	if (rc == 0)
		rc = pw_store_audit(s, who, old ? "assignment.change" : "assignment.add",
				    "assignment", aid, before, after);
	*changed = rc == 0;
	free(old);
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
	if (pw_monitor_tx_begin(s, &own) < 0)
		return -1;
	rc = assign_tx(s, e, id, unit, year, who, changed);
	return pw_monitor_tx_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* What a unit leads                                                  */

/* ?1 unit id, ?2 year: rows of current versions whose latest lead
 * assignment (any version, by key) is the unit. */
#define LEADS(table, col, e, order_join)                                      \
	"SELECT " e ", r.id, cv.plan_id FROM " table " r"                               \
	" JOIN current_versions cv ON cv.id = r.version_id " order_join                 \
	" WHERE (SELECT a.unit_id FROM assignments a JOIN " table " j ON j.id = a." col \
	"  JOIN plan_versions v ON v.id = j.version_id"                                 \
	"  WHERE v.plan_id = cv.plan_id AND j.key = r.key AND a.role = 'lead'"          \
	"  AND (?2 = 0 OR a.reporting_year IS NULL OR a.reporting_year <= ?2)"          \
	"  ORDER BY a.id DESC LIMIT 1) = ?1"

static const char assigned_sql[] =
	"SELECT * FROM ("
	LEADS("indicators", "indicator_id", "0", "JOIN indicator_tables t ON t.id = r.table_id")
	" ORDER BY cv.plan_id, t.seq, r.seq) UNION ALL SELECT * FROM ("
	LEADS("targets", "target_id", "1", "")
	" ORDER BY cv.plan_id, r.indicator_id IS NOT NULL, r.seq) UNION ALL SELECT * FROM ("
	LEADS("column_items", "item_id", "2", "JOIN columns c ON c.id = r.column_id")
	" ORDER BY cv.plan_id, c.seq, r.seq)";

int pw_store_unit_assigned(struct pw_store *s, const char *unit, int year,
			   struct pw_assigned **out, size_t *n)
{
	sqlite3_stmt *st;
	int64_t unit_id;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (pw_store_unit_find(s, unit, &unit_id) < 0)
		return -1;
	st = pw_store_stmt(s, assigned_sql);
	if (!st)
		return -1;
	pw_bind_int(st, 1, unit_id);
	pw_bind_int(st, 2, year);
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[*n].entity = (enum pw_entity)sqlite3_column_int(st, 0);
		(*out)[*n].id = sqlite3_column_int64(st, 1);
		(*out)[(*n)++].plan_id = sqlite3_column_int(st, 2);
	}
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
