/*
 * monitor_int.h - what the monitoring store files (units.c,
 * observations.c, monitor_refs.c) share: the "same row in every version"
 * SQL, entity checks and the join-or-own transaction helpers.
 */
#ifndef PW_MONITOR_INT_H
#define PW_MONITOR_INT_H

#include "store/monitor.h"
#include "store/store_internal.h"

/*
 * A CTE `same(id)`: the ids of the rows of `table` that carry the same key
 * as row ?1 in any version of the same plan (docs/monitoring.md,
 * "Versions").  Prefix a query with it; ?1 is the id.
 */
#define PW_SAME(table)                                                                \
	"WITH same(id) AS (SELECT r.id FROM " table " r0"                             \
	" JOIN plan_versions v0 ON v0.id = r0.version_id"                             \
	" JOIN plan_versions v ON v.plan_id = v0.plan_id"                             \
	" JOIN " table " r ON r.version_id = v.id AND r.key = r0.key WHERE r0.id = ?1) "

#define PW_SAME_IND PW_SAME("indicators")
#define PW_SAME_TGT PW_SAME("targets")
#define PW_SAME_ITEM PW_SAME("column_items")


/* Reads the row `fetch` stands at (the statement is reset afterwards). */
typedef void pw_monitor_fill_fn(sqlite3_stmt *st, void *out);

/*
 * Runs the cached statement `sql` with ?1 = id and, when the statement has
 * a second parameter, ?2 = arg2; if it yields a row, fill(st, out) reads
 * it (fill may be NULL).  Returns 0 for a row, PW_STORE_NOTFOUND WITHOUT a
 * message when there is none, -1 after reporting.  The one place that
 * steps a single-row lookup and resets it.
 */
int pw_monitor_fetch(struct pw_store *s, const char *sql, int64_t id, int64_t arg2,
		     pw_monitor_fill_fn *fill, void *out);

/*
 * Like pw_monitor_fetch() for a lookup with several candidates: offers
 * every row to take(st, out), which keeps it when it is in force (monitor.h,
 * "What is in force") and says so.  0 when one was kept,
 * PW_STORE_NOTFOUND WITHOUT a message when none, -1 after reporting.
 */
typedef bool pw_monitor_take_fn(sqlite3_stmt *st, void *out);
int pw_monitor_pick(struct pw_store *s, const char *sql, int64_t id, int64_t arg2,
		    pw_monitor_take_fn *take, void *out);

/* 0 if row id of entity e exists, else PW_STORE_NOTFOUND after reporting
 * "no indicator 12" (or -1 on a database error). */
int pw_monitor_check_entity(struct pw_store *s, enum pw_entity e, int64_t id);

/* The older names of pw_store_write_begin()/end() (monitor.h), which
 * store/bulk_load.c uses. */
static inline int pw_monitor_tx_begin(struct pw_store *s, int *own)
{
	return pw_store_write_begin(s, own);
}

static inline int pw_monitor_tx_end(struct pw_store *s, int own, int rc)
{
	return pw_store_write_end(s, own, rc);
}

/*
 * A table of review chains (observations, project_progress): rows of one
 * thing and year linked by `supersedes`, whose state moves draft ->
 * submitted -> approved | returned by appending a copy of the head.
 */
struct pw_monitor_chain {
	const char *noun;      /* "observation", in messages */
	const char *state_sql; /* ?1 id -> state, id of the row superseding it */
	const char *copy_sql;  /* ?1 id, ?2 state, ?3 who, ?4 note: appends the copy */
	const char *json_sql;  /* the audit JSON of a row (?1 id) */
	const char *entity;    /* audit entity */
	const char *actions[4]; /* audit action by new state (submit, approve, return) */
};

/* Moves row id of chain table c, which must be the head of its chain, to
 * state `to` (docs/monitoring.md, "States"); audited.  *new_id (not NULL)
 * receives the new row.  PW_STORE_NOTFOUND (reported) for an unknown id. */
int pw_monitor_transition(struct pw_store *s, const struct pw_monitor_chain *c, int64_t id,
			  enum pw_obs_state to, const char *note, const char *who,
			  int64_t *new_id);

/*
 * Appends the audit row of a write: before_json is the JSON of row old_id
 * (0: none) and after_json that of row new_id, both read with json_sql
 * (SELECT json_object(...) FROM t WHERE id = ?1); entity_id is new_id.
 * 0, or -1 when a row cannot be read or the audit row not written: an
 * audit row is never written with a silently missing side.
 */
int pw_monitor_audit_rows(struct pw_store *s, const char *who, const char *action,
			  const char *entity, const char *json_sql, int64_t old_id,
			  int64_t new_id);

/* The id of text in obs_texts (unit, source, who of observations; schema
 * step 5), added if new; 0 for a NULL text.  0 or -1 (observations.c). */
int pw_monitor_obs_text_id(struct pw_store *s, const char *text, int64_t *id);

#endif
