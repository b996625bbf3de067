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

/* 0 if row id of entity e exists, else PW_STORE_NOTFOUND after reporting
 * "no indicator 12" (or -1 on a database error). */
int pw_monitor_check_entity(struct pw_store *s, enum pw_entity e, int64_t id);

/* Opens a transaction unless the caller has one open; *own says which.
 * pw_monitor_tx_end() commits (or rolls back when rc < 0) what it owns
 * and returns rc, or -1 if the commit failed. */
int pw_monitor_tx_begin(struct pw_store *s, int *own);
int pw_monitor_tx_end(struct pw_store *s, int own, int rc);

/* The row `id` of `sql` (SELECT json_object(...) FROM t WHERE id = ?1)
 * as a new JSON text, or NULL when absent. */
char *pw_monitor_row_json(struct pw_store *s, const char *sql, int64_t id);

#endif
