/*
 * plan_rows.h - the store's rows of many plans at once, for the
 * whole-database evaluation (eval/gather.c), which merges them plan after
 * plan; and what it needs of the store around them: the readers that
 * rebuild a struct pw_plan from a row's columns (plan_load.c reads the
 * same), the column helpers, and read transactions on one snapshot.
 *
 * The rows come as "streams": one query per kind of row over a range of
 * plan ids, each ordered by plan id (SQL in plan_rows.c).  The caller
 * reads a stream's row with the column helpers and the pw_store_read_*()
 * functions, at the columns each stream's comment below lists.
 *
 * Conventions are those of store.h: 0, or -1 after pw_error().
 */
#ifndef PW_STORE_PLAN_ROWS_H
#define PW_STORE_PLAN_ROWS_H

#include "model/plan.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The streams.  Every stream's column 0 is the plan id; the columns
 * after it: */
enum pw_rows_stream {
	PW_ROWS_VERSION,   /* version, then pw_store_read_meta()'s */
	PW_ROWS_SECTION,   /* pw_store_read_section()'s */
	PW_ROWS_TABLE,     /* pw_store_read_table()'s */
	PW_ROWS_INDICATOR, /* table id, indicator id, key, then
			    * pw_store_read_indicator()'s (table column 1, from
			    * column 4), one row per target: its columns from 20
			    * (pw_store_read_target(), NULL without target) */
	PW_ROWS_PROSE,     /* target id, key, then pw_store_read_prose()'s */
	PW_ROWS_COLUMN,    /* pw_store_read_column()'s */
	PW_ROWS_ITEM,      /* pw_store_read_item()'s (5 columns), item id, key */
	PW_ROWS_IOBS,      /* a row per plan once its indicators' approved values
			    * went to the take function */
	PW_ROWS_TOBS,      /* the same for its prose targets */
	PW_ROWS_IEXT,      /* indicator key, external_targets id, cmp, value, kind,
			    * value_hi, year */
	PW_ROWS_TEXT,      /* the same for prose targets */
	PW_ROWS_ILEAD,     /* indicator key, assignment id, reporting_year, unit name */
	PW_ROWS_TLEAD,     /* the same for prose targets */
	PW_ROWS_PROG,      /* item key, progress id, year, status, percent */
	PW_ROWS_PLEAD,     /* item key, assignment id, reporting_year, unit name */
	PW_ROWS_N
};

/* Gets each approved value the IOBS and TOBS streams read (they are many:
 * rather than as rows, they come through this): of an indicator (prose
 * false) or prose target with this key in plan `plan`. */
typedef void pw_rows_take_fn(void *ctx, bool prose, int64_t plan, int64_t key, int year,
			     int64_t obs_id, double value, bool estimated);

/* The open streams (fields the store's). */
struct pw_plan_rows {
	struct pw_store *s;
	struct {
		sqlite3_stmt *st;
		int state; /* 1: a row is ready, 0: done */
		int64_t plan;
		bool own;  /* prepared for this pass, not cached */
	} q[PW_ROWS_N];
	pw_rows_take_fn *take;
	void *ctx;
};

/* Opens every stream over the plans first..last, of version `version`
 * (0: each plan's current one), counting progress awaiting review when
 * unapproved; each stands at its first row.  Close it either way. */
int pw_plan_rows_open(struct pw_plan_rows *r, struct pw_store *s, int64_t first, int64_t last,
		      int version, bool unapproved, pw_rows_take_fn *take, void *ctx);
void pw_plan_rows_close(struct pw_plan_rows *r);
/* The row stream id stands at, with *plan its plan id; NULL when done. */
sqlite3_stmt *pw_plan_rows_at(const struct pw_plan_rows *r, enum pw_rows_stream id,
			      int64_t *plan);
/* Moves stream id to its next row: 1, 0 done, -1 after reporting. */
int pw_plan_rows_next(struct pw_plan_rows *r, enum pw_rows_stream id);

/* ------------------------------------------------------------------ */
/* Reading one snapshot (with pw_store_read_begin/end of monitor.h)   */

/* True if s is inside a transaction. */
bool pw_store_in_transaction(struct pw_store *s);
/* Starts a read transaction that has read the database, so that it holds
 * its snapshot (pw_store_read_end(s, 1) of store/monitor.h ends it).
 * Several connections started so read one snapshot when the data version
 * (pw_store_data_version()) is the same before and after. */
int pw_store_read_snapshot(struct pw_store *s);
/* Every plan id, ascending (caller frees *ids). */
int pw_store_plan_ids(struct pw_store *s, int64_t **ids, size_t *n);

/* Version `version` of plan_id (0: the current one): returns its number
 * (>= 1) and sets *version_id to its plan_versions row, or returns
 * PW_STORE_NOTFOUND (after reporting) / -1. */
int pw_store_resolve_version(struct pw_store *s, int plan_id, int version,
			     int64_t *version_id);

/* ------------------------------------------------------------------ */
/* Columns                                                            */

/* Column helpers: a copy of a text column (NULL for SQL NULL; caller
 * frees), an int column (0 for NULL). */
char *pw_col_text(sqlite3_stmt *st, int i);
int pw_col_int(sqlite3_stmt *st, int i);
bool pw_col_null(sqlite3_stmt *st, int i);

/* ------------------------------------------------------------------ */
/* Rebuilding a plan from rows (plan_load.c).  eval/gather.c reads the
 * same columns after leading ones of its own, hence the column offset i:
 * each pw_store_read_*() reads the columns it lists from column i on. */

/* Ids of parent rows in load order; children come in their parents'
 * order, so a cursor that only moves forward finds each parent. */
struct pw_store_cursor {
	int64_t *ids;
	size_t n, alloc;
	size_t pos; /* the index last found */
};

void pw_store_cursor_push(struct pw_store_cursor *c, int64_t id);
/* Index of id at or after the cursor, or -1. */
long pw_store_cursor_find(struct pw_store_cursor *c, int64_t id);

/* A plan being rebuilt, with the ids of its tables and 专栏 so that
 * indicators and items find their parent.  The caller owns p. */
struct pw_store_reader {
	struct pw_store *s;
	struct pw_plan *p;
	int plan_id; /* > 0: named in messages about inconsistent rows */
	struct pw_store_cursor tables, columns;
};

/* Frees the cursors' memory (not p). */
void pw_store_reader_release(struct pw_store_reader *rd);
/* Empties the cursors for the next plan, keeping their memory. */
void pw_store_reader_reset(struct pw_store_reader *rd);
/* Reports "database '<path>' is inconsistent: <what>"; returns -1. */
int pw_store_reader_corrupt(struct pw_store_reader *rd, const char *what);

/* Each returns 0, or -1 after reporting a row the plan model cannot hold. */
/* title, region, ordinal, period_start, period_end, source, checksum */
int pw_store_read_meta(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/* level, number, title, line, the parent's seq */
int pw_store_read_section(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/* id, title, line, period_start, period_end, the section's seq */
int pw_store_read_table(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/* kind, cmp, value, value_hi, year, text: into t */
int pw_store_read_target(struct pw_store_reader *rd, sqlite3_stmt *st, int i,
			 struct pw_target *t);
/* kind .. text as pw_store_read_target(), then subject, unit, line, the
 * section's seq, measure: a prose target */
int pw_store_read_prose(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/* id, title, line, the section's seq */
int pw_store_read_column(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/* the 专栏's id, no, title, text, line */
int pw_store_read_item(struct pw_store_reader *rd, sqlite3_stmt *st, int i);
/*
 * An indicator added to the table whose id is in column table_col, read
 * from column i on: no, group_name, category, name, unit, attribute,
 * direction, baseline_year, baseline_value, actual_year, actual_value,
 * actual_estimated, note, line, the section's seq, measure.  Returns the row (the
 * table's index is then rd->tables.pos), or NULL after reporting.
 */
struct pw_indicator *pw_store_read_indicator(struct pw_store_reader *rd, sqlite3_stmt *st,
					     int table_col, int i);

#endif
