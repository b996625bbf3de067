/*
 * batch.h - validating and importing monitoring data: a data file (CSV or
 * xlsx, e.g. a completed fill-in template), or single values from the
 * command line or a web form.  All values of a batch are validated first;
 * a batch with any error is rejected as a whole and nothing is written;
 * otherwise it is written in ONE transaction.  The rules are documented
 * in docs/monitoring.md ("Validation"):
 *  - errors: unknown indicator, a year outside the plan period (the
 *    baseline year is allowed), a value that is not a number, a unit of
 *    measure that differs from the indicator's (documented equivalents
 *    such as 万元/亿元 are converted, with a note), a year given twice;
 *  - warnings (accepted): a value far from the indicator's history, i.e.
 *    more than 3x or less than 1/3 of the previous value, or for growth
 *    rates a change of more than 20 percentage points;
 *  - skipped: a value equal to the one in force (same value, 预计, unit,
 *    source and note, at the same or a later review state), so that
 *    importing the same file twice writes nothing the second time.
 *
 * Cost: what a batch reads about an indicator (its facts and its stored
 * values) is read once per indicator and kept in the batch, and the rows
 * of one indicator are checked against each other only, so validating n
 * rows is O(n) plus a few queries per distinct indicator; rows that name
 * their indicator by 表/序号/指标名称 are resolved in an index loaded once
 * (store/monitor.h).
 */
#ifndef PW_BATCH_H
#define PW_BATCH_H

#include "monitor/sheet.h"
#include "store/monitor.h"

struct pw_cols;

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf;

enum pw_diag_kind { PW_DIAG_ERROR, PW_DIAG_WARNING, PW_DIAG_NOTE };

/* One message about a row: printed as "file:line: error: msg". */
struct pw_diag {
	enum pw_diag_kind kind;
	long line; /* 0: no line (command line) */
	char *msg;
};

/* A validated value (unit converted to the indicator's). */
struct pw_batch_row {
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t id;
	int year;
	double value;
	bool estimated;
	char *unit, *source, *note;
	long line;
	bool unchanged; /* equal to the value in force: not written */
};

/* A validated progress report of a 专栏 project: a row of a sheet's
 * project section (template.h), stored by pw_store_progress_record(). */
struct pw_batch_progress {
	int64_t id;         /* column_items.id */
	int year;
	const char *status; /* English name (static) */
	bool has_percent, has_investment;
	double percent, investment; /* 形象进度 %, 累计完成投资 亿元 */
	char *source, *note;
	char *title;        /* the project, for messages */
	long line;
	bool unchanged;     /* as the report in force: not written */
};

struct pw_batch_cache;
struct pw_batch_opts;

struct pw_batch {
	char *file; /* name in messages; NULL for command-line values */
	struct pw_batch_row *rows;
	size_t nrows, rows_alloc;
	struct pw_diag *diags;
	size_t ndiags, diags_alloc;
	size_t nerrors, nwarnings;
	size_t nskipped; /* rows without a value (a template row left empty) */
	size_t nunchanged; /* rows equal to the value in force (row.unchanged) */
	/* The options the batch will be committed with (borrowed), or NULL.
	 * When set, a value equal to the one in force under them is marked
	 * unchanged (with a note) and not written; pw_batch_commit() then
	 * refuses other options.  pw_batch_add_sheet() sets it to its o. */
	const struct pw_batch_opts *opts;
	struct pw_batch_cache *cache; /* what was read per indicator (batch.c) */
	int64_t batch; /* after pw_batch_commit(): the import's number, or 0 */
	/* The project section's rows (batch_project.c): how many are
	 * unchanged, and after pw_batch_commit_progress() how many written. */
	struct pw_batch_progress *progress;
	size_t nprogress, progress_alloc, nprogress_unchanged, nprogress_written;
};

struct pw_batch_opts {
	int plan_id;             /* resolve 表/序号/指标名称 in this plan (0: any) */
	const char *by;          /* who imports (required for commit) */
	int64_t user_id;         /* users.id of a web user, 0 for none */
	enum pw_obs_state state; /* DRAFT, SUBMITTED or APPROVED */
	const char *source;      /* 来源 for rows that give none, or NULL */
	/* The unit that sends the data (`data import --by UNIT`), or NULL:
	 * a row whose lead unit in its year is another unit (or none) is an
	 * error, so one unit's sheet cannot be entered as another's. */
	const char *unit;
};

/* b keeps a copy of file (NULL: command-line values) and owns its rows,
 * messages and cache; pw_batch_release() frees them all.  The cache holds
 * what was read from the store: validate and commit a batch without other
 * writes to the same indicators in between. */
void pw_batch_init(struct pw_batch *b, const char *file);
void pw_batch_release(struct pw_batch *b);

/* One value as text, as typed (strings borrowed, NULL = absent). */
struct pw_batch_input {
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t id;
	const char *year, *value, *unit, *source, *note, *estimated;
	const char *name; /* the name the row gives: must match, or NULL */
	long line;
};

/*
 * Validates one value and appends it to b, or appends an error.  Returns
 * 0 when the value was accepted (perhaps with warnings), 1 when it was
 * rejected (see b->diags), -1 on a database error.
 */
int pw_batch_add(struct pw_store *s, struct pw_batch *b, const struct pw_batch_input *in);

/* From now on, the first value of an indicator makes b read the facts and
 * values of every indicator of its plan version at once (two queries),
 * not one indicator at a time: for files of many rows.
 * pw_batch_add_sheet() does this. */
void pw_batch_read_plans(struct pw_batch *b);

/* The index of plan_id's indicators the batch resolves 表/序号/指标名称
 * with (owned by b, loaded on first use; store/monitor.h). */
struct pw_indicator_index *pw_batch_index(struct pw_batch *b, int plan_id);

/*
 * Validates every row of a sheet (b->opts is set to o first), in one read
 * transaction: finds the header row (the first of the first 20 rows with
 * a value column and a year column: docs/monitoring.md lists the accepted
 * headings), resolves each row's indicator by its indicator_id/target_id
 * column or by 表/序号/指标名称, and adds it.  0 (see b->nerrors), or -1 on
 * a database error.
 */
int pw_batch_add_sheet(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
		       const struct pw_batch_opts *o);

/*
 * What `data import` does: validates sh and, unless dry or it has errors
 * or nothing new, writes it in ONE write transaction (pw_store_write_begin():
 * BEGIN IMMEDIATE, or a savepoint of the caller's).  The checks (a value
 * unchanged, a year given twice) must hold for the data the batch is
 * written into: validation runs first without the write lock, and again
 * under it if another connection committed in between
 * (pw_store_data_version()), so two imports of one file at once write it
 * once.  A dry run only reads.  0 (see b->nerrors; *written values
 * stored), or -1 (nothing written).
 */
int pw_batch_import_sheet(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
			  const struct pw_batch_opts *o, bool dry, size_t *written);

/* Reads path (pw_sheet_read) and adds its rows.  -1 when the file cannot
 * be read (reported) or on a database error. */
int pw_batch_load(struct pw_store *s, struct pw_batch *b, const char *path,
		  const struct pw_batch_opts *o);

/*
 * Writes every row of b that is not unchanged in one transaction (a
 * savepoint inside the caller's transaction, if one is open), with an
 * audit row for a batch from a file.  A batch whose rows are all
 * unchanged writes nothing at all.  Refused (-1, nothing written) when b
 * has errors, or when o is not b->opts' state and source.  *written (may
 * be NULL) receives the number of values stored, b->batch the number
 * of the import (its audit row; 0 when nothing or no file was written),
 * which bulk review takes.  Validate and commit
 * inside one pw_store_write_begin() (as pw_batch_import_sheet() does):
 * validated outside the write lock, b may be written twice by two
 * processes, each of which saw the values as new.
 */
int pw_batch_commit(struct pw_store *s, struct pw_batch *b,
		    const struct pw_batch_opts *o, size_t *written);

/*
 * Validates the rows of a sheet's 专栏 project section, those after its
 * header row `head` (cols: its columns), into b->progress: each row names
 * its project by project_id (项目名称, when given, must be its title), a
 * year of the plan period, a project status (未开工, 推进中, 已完成, 延期,
 * 暂停, or the English names), and optionally 形象进度 (0-100), 累计完成投资
 * (亿元; 万元 converted), 来源 and 备注; with o->unit the project must be
 * that unit's in the year.  A row without status, percent, investment and
 * note is skipped (counted in nskipped); a row equal to the report in
 * force is marked unchanged.  Errors go to b as for values.  0, or -1 on a
 * database error.  pw_batch_add_sheet() calls it.
 */
int pw_batch_add_projects(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
			  size_t head, const struct pw_cols *cols, const struct pw_batch_opts *o);

/* Writes b's project rows that are not unchanged, inside the caller's
 * write transaction (pw_store_write_begin()), in state o->state (approved
 * as submitted then approved, as values are); sets b->nprogress_written.
 * Refused when b has errors.  0 or -1. */
int pw_batch_commit_progress(struct pw_store *s, struct pw_batch *b,
			     const struct pw_batch_opts *o);

/* Adds an error about line of the batch's file (for readers of rows). */
void pw_batch_add_error(struct pw_batch *b, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds a note (not counted as an error or warning). */
void pw_batch_add_note(struct pw_batch *b, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prints the diagnostics, errors through pw_error_at(), warnings through
 * pw_warning_at(), notes to f. */
void pw_batch_print(const struct pw_batch *b, FILE *f);

/* Parses a number as units write it: 1,234.5  －3.2  １２  预计 2.5  80%
 * (the suffix after the number goes to unit, size unit_size, "" if none).
 * Strict: no NaN, inf, hex or exponent; thousands separators only in
 * groups of three (1,23 is refused); a suffix with ASCII letters, digits
 * or punctuation other than % / ( ) is refused (12abc, 1.2.3, 12-).
 * Returns 0, or -1 when s is not a number (nothing reported). */
int pw_batch_parse_value(const char *s, double *v, bool *estimated, char *unit,
			 size_t unit_size);

/*
 * The one check of a value against the limits the planning office set
 * (store/monitor.h, struct pw_limits), which data import, `record` and
 * the web form all pass through (pw_batch_add()): 0 when v is inside
 * them (or none is set), 1 when outside; then, and for
 * pw_batch_limits_text() always, *why (reset first) says the limits as
 * users read them, "0–100 %", "≥ 0 万人", "≤ 5 %", with the unit.
 */
int pw_batch_limits_check(const struct pw_limits *l, double v, const char *unit,
			  struct strbuf *why);
void pw_batch_limits_text(const struct pw_limits *l, const char *unit, struct strbuf *out);

/* A cell a writer had to cut (an xlsx cell holds at most
 * PW_BATCH_CELL_MAX characters) ends with PW_BATCH_CUT_MARK; a 指标名称
 * cut so matches the names it begins. */
#define PW_BATCH_CELL_MAX 32767
#define PW_BATCH_CUT_MARK "…（已截断）"

/* s trimmed of blanks, as a new string; NULL for a blank or NULL s. */
char *pw_batch_trimmed(const char *s);

/* A year as data files write it: "2023", "2023年", "2023.0" (a
 * spreadsheet number), full-width digits; PW_YEAR_MIN..MAX, else
 * 0. */
int pw_batch_parse_year(const char *s);

/* The factor of unit `from` in unit `to` (万元 in 亿元: 0.0001), 1 when they
 * are the same unit, 0 when they are not convertible. */
double pw_batch_unit_factor(const char *from, const char *to);

#endif
