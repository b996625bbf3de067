/*
 * monitor.h - responsibility and monitoring data in the store: units,
 * assignments (lead unit of an indicator, prose target or project),
 * observations with their review states, external targets (按市定目标执行)
 * and project progress.  SQL lives in store/units.c, store/observations.c,
 * store/monitor_refs.c and store/monitor_progress.c; the rules are
 * documented in docs/monitoring.md.
 *
 * Conventions are those of store.h: 0 on success, -1 after pw_error(),
 * PW_STORE_NOTFOUND (-2) where said.  Every write is one transaction (or
 * a savepoint in the caller's pw_store_begin(): pw_store_write_begin())
 * and appends a row to the audit log.
 *
 * Versions of a plan.  Re-importing an edited plan creates new rows for
 * its indicators and targets; rows of the same indicator keep the same
 * `key` (docs/schema.md).  Everything here follows the key: the
 * observations, assignment and external target of an indicator are found
 * from the id of that indicator in ANY version of its plan, so data entered
 * against version 1 still counts after version 2 is imported.
 *
 * Observations are append-only (triggers forbid UPDATE and DELETE).  The
 * rows of one indicator (or prose target) and year form one chain linked by
 * `supersedes`: every new value (a correction) and every state change
 * (submit, approve, return) is a new row superseding the chain's head.  The
 * head is the current row (view current_observations).  `version` counts
 * value versions (1, 2, ...): a state change keeps the version, a new value
 * increments it.  States: draft -> submitted -> approved | returned; a
 * returned or approved value is corrected by recording a new value.
 */
#ifndef PW_MONITOR_H
#define PW_MONITOR_H

#include "model/plan.h"
#include "model/series.h"
#include "store/store.h"
#include "model/year.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* What an assignment, observation or external target is about. */
enum pw_entity {
	PW_ENTITY_INDICATOR, /* a row of an indicator table (indicators.id) */
	PW_ENTITY_TARGET,    /* a target (targets.id): prose, or of an indicator */
	PW_ENTITY_PROJECT,   /* a 专栏 project (column_items.id) */
};

/* "indicator", "target", "project"; the Chinese words (指标, 目标, 项目);
 * the inverse takes either and returns -1 for an unknown name. */
const char *pw_entity_name(enum pw_entity e);
const char *pw_entity_label(enum pw_entity e);
/* The one of the two in the language of messages (util/i18n.h), for a
 * message that names the kind of row. */
const char *pw_entity_word(enum pw_entity e);
int pw_entity_from_name(const char *s);

enum pw_obs_state { PW_OBS_DRAFT, PW_OBS_SUBMITTED, PW_OBS_APPROVED, PW_OBS_RETURNED };
/* PW_OBS_APPROVED as SQL writes it (obs.state holds the enum), for the
 * queries that read approved values without a bound parameter. */
#define PW_OBS_APPROVED_SQL "2"
_Static_assert(PW_OBS_APPROVED == 2, "PW_OBS_APPROVED_SQL must match the enum");

/* "draft", "submitted", "approved", "returned"; 草稿, 已报送, 已审核,
 * 已退回; the inverse takes either and returns -1 for an unknown name. */
const char *pw_obs_state_name(enum pw_obs_state st);
const char *pw_obs_state_label(enum pw_obs_state st);
int pw_obs_state_from_name(const char *s);

/*
 * The transaction of one write, or of a group of writes (a batch import):
 * its own (BEGIN IMMEDIATE ... COMMIT) when no transaction is open, else a
 * SAVEPOINT inside the caller's (pw_store_begin(), e.g. a web request), so
 * that a failed write undoes only itself and the caller's transaction can
 * go on or roll back as it chooses.  Every write of this module opens one.
 * *own says which was opened; pw_store_write_end() commits or releases it
 * when rc >= 0 and rolls it back when rc < 0, and returns rc, or -1 (after
 * rolling back) when the commit or release failed: nothing of a failed
 * write remains.
 */
int pw_store_write_begin(struct pw_store *s, int *own);
int pw_store_write_end(struct pw_store *s, int own, int rc);

/* One read transaction around many reads (validating a batch): they see
 * one snapshot and do not each take and drop the lock.  Nothing is
 * opened when a transaction is open already (*own 0).  0 or -1. */
int pw_store_read_begin(struct pw_store *s, int *own);
void pw_store_read_end(struct pw_store *s, int own);

/* The plan an indicator, target or project row (of any version) belongs
 * to: 0 and *plan_id, PW_STORE_NOTFOUND WITHOUT a message for an unknown
 * id, -1.  A command given a --plan checks the ids it is given with it. */
int pw_store_entity_plan(struct pw_store *s, enum pw_entity e, int64_t id, int *plan_id);

/* ------------------------------------------------------------------ */
/* Read side for assess and report (stable: other modules call these)  */

/* Which value of a year a series takes. */
enum pw_obs_pick {
	/* The most recent APPROVED value of each year.  An approved value
	 * stays in force while a later correction awaits review. */
	PW_PICK_APPROVED,
	/* The value of the chain's head of each year, whatever its state;
	 * a year whose head was returned falls back to its most recent
	 * approved value (or is left out if there is none). */
	PW_PICK_LATEST,
};

/*
 * The observation series of one indicator (entity INDICATOR, id from any
 * version of its plan) or one target (entity TARGET), for years <= upto
 * (upto 0: all years), sorted by year, one entry per year.  *out is a new
 * array the caller frees with free() (NULL when *n is 0: no data is not an
 * error).  Rows without a value are skipped.  Returns 0, -1 on error,
 * PW_STORE_NOTFOUND (after reporting) when the indicator/target does not
 * exist.
 */
int pw_store_obs_series(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
			enum pw_obs_pick pick, struct pw_obs **out, size_t *n);

/*
 * Series of every indicator of one plan version (0: current) in one query,
 * aligned with pw_store_plan_indicator_ids(): series[k] belongs to
 * indicator ids[k].  *series is a new array of *n pw_series (mode AUTO)
 * whose obs arrays are owned by it: free with pw_store_series_free().
 */
int pw_store_plan_obs_series(struct pw_store *s, int plan_id, int version, int upto,
			     enum pw_obs_pick pick, struct pw_series **series, size_t *n);
void pw_store_series_free(struct pw_series *series, size_t n);

/* One stored observation row, as listed.  Strings owned by the row. */
struct pw_obs_row {
	int64_t id;
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t ref_id;        /* indicator or target id the row was entered for */
	char *name;            /* indicator name or target subject */
	int year;
	bool has_value;
	double value;
	bool estimated;
	char *unit, *source, *note, *review_note, *entered_by, *entered_at;
	enum pw_obs_state state;
	int version;
	int64_t supersedes; /* 0 if none */
	bool current;       /* the head of its chain */
};

/* Frees the strings of one row; of an array and the array. */
void pw_obs_row_release(struct pw_obs_row *r);
void pw_obs_row_free_array(struct pw_obs_row *rows, size_t n);

/*
 * The rows pw_store_obs_series() takes, with what a value is compared and
 * pre-filled with (id, year, value, 预计, unit, source, note, state,
 * version, supersedes, current; name, review note, who and when are left
 * NULL): one per year with a value, by year, years <= upto (0: all).  One
 * query.  *out is freed with pw_obs_row_free_array() (NULL when *n is 0).
 * PW_STORE_NOTFOUND (reported) for an unknown indicator/target.
 */
int pw_store_obs_picked(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
			enum pw_obs_pick pick, struct pw_obs_row **out, size_t *n);

/* The same for every indicator of the plan version indicator id belongs to
 * (values entered against any version count), in one query: rows by
 * ref_id (the indicator's id in that version), then year. */
int pw_store_obs_picked_of_version(struct pw_store *s, int64_t id, enum pw_obs_pick pick,
				   struct pw_obs_row **out, size_t *n);

/* An externally set target (planwatch target set).  Strings owned by the
 * struct: pw_external_release(). */
struct pw_external {
	int64_t id;        /* external_targets.id */
	int64_t target_id; /* the targets row of kind external it completes */
	enum pw_kind kind; /* level, growth, cumulative or annual */
	enum pw_cmp cmp;   /* PW_CMP_EQ when given without comparator */
	double value;
	bool has_value_hi;
	double value_hi;   /* for PW_CMP_RANGE */
	int year;          /* 0 if none */
	char *unit, *source, *note, *set_by, *set_at;
};

void pw_external_release(struct pw_external *x);

/*
 * The latest external target set for indicator id (entity INDICATOR: the
 * indicator's target of kind external) or target id (entity TARGET), any
 * plan version.  Returns 0 and fills *out; PW_STORE_NOTFOUND WITHOUT a
 * message when none is set (the normal "not assessable" case); -1 on error.
 */
int pw_store_external_get(struct pw_store *s, enum pw_entity e, int64_t id,
			  struct pw_external *out);

/* ------------------------------------------------------------------ */
/* What is in force                                                   */

/*
 * Which of the rows recorded for one indicator, prose target or project
 * (in any version of its plan, through the key) is in force: each rule is
 * one function (values: the picker below), which the single lookups below and the whole-plan
 * gatherer (eval/gather.c) both apply to the candidates they read.  Each
 * says whether candidate `id` replaces `best` (0: none yet).
 *  - lead unit for `year` (0: the latest): the assignment made last whose
 *    reporting year is unset (0) or not after `year`;
 *  - external target: the one set last;
 *  - project progress up to `upto` (0: any year): the report of the
 *    latest year, and of that year the one entered last, among the
 *    reports that count (PW_PROGRESS_COUNTS).
 */
bool pw_lead_in_force(int64_t id, int reporting_year, int year, int64_t best);
bool pw_external_in_force(int64_t id, int64_t best);
bool pw_progress_in_force(int64_t id, int year, int upto, int64_t best, int best_year);

/*
 * The value in force of each row and year (docs/monitoring.md, "Series"):
 * give the values of a row (ref) year by year, of one year in id order, to
 * pw_obs_picker_add() (o NULL for a row without a value); the picker calls
 * emit once per (ref, year) that has one, with the value `pick` takes:
 * PW_PICK_APPROVED the year's most recent approved value; PW_PICK_LATEST
 * the head of the year's chain unless it was returned, else that.  tag is
 * passed back with its value.  pw_obs_picker_flush() after the last row.
 * The store's series and the evaluation's gatherer both pick this way.
 */
struct pw_obs_picker {
	enum pw_obs_pick pick;
	void (*emit)(void *ctx, int64_t ref, const struct pw_obs *o, long tag);
	void *ctx;
	/* private: the (ref, year) group being read */
	int64_t ref;
	int year;
	bool any, has_appr, has_head;
	struct pw_obs appr, head;
	long appr_tag, head_tag;
	enum pw_obs_state head_state;
};

void pw_obs_picker_add(struct pw_obs_picker *p, int64_t ref, int year, const struct pw_obs *o,
		       enum pw_obs_state state, bool head, long tag);
void pw_obs_picker_flush(struct pw_obs_picker *p);

/* The progress reports that count, as SQL on project_progress row `p`:
 * approved ones, and when `latest` (SQL, 0 or 1) is true also the head of a
 * chain awaiting review (not returned). */
#define PW_PROGRESS_COUNTS(p, latest)                                                   \
	"(" p ".state = 'approved' OR (" latest " AND " p ".state <> 'returned' AND"        \
	" NOT EXISTS (SELECT 1 FROM project_progress n WHERE n.supersedes = " p ".id)))"

/*
 * The name of the lead unit (牵头单位) of an indicator, target or project
 * for reporting year `year` (0: the latest assignment whatever its year):
 * the most recent assignment whose year is unset or <= year.  *unit is a
 * new string the caller frees.  PW_STORE_NOTFOUND WITHOUT a message when
 * nothing is assigned; -1 on error.
 */
int pw_store_lead_unit(struct pw_store *s, enum pw_entity e, int64_t id, int year,
		       char **unit);

/* ------------------------------------------------------------------ */
/* Units and assignments                                              */

struct pw_unit {
	int64_t id;
	char *name;
	char *parent; /* parent unit's name or NULL */
	int nassigned; /* indicators, targets and projects it currently leads */
};

/* Adds a unit (name trimmed, unique); parent NULL or an existing unit. */
int pw_store_unit_add(struct pw_store *s, const char *name, const char *parent,
		      const char *who, int64_t *id);
/* The id of a unit by name: 0, or PW_STORE_NOTFOUND after reporting. */
int pw_store_unit_find(struct pw_store *s, const char *name, int64_t *id);
/* The same without a message when there is none. */
int pw_store_unit_find_quiet(struct pw_store *s, const char *name, int64_t *id);
/* Every unit by name; *out is new, freed with pw_unit_free_array(). */
int pw_store_unit_list(struct pw_store *s, struct pw_unit **out, size_t *n);
void pw_unit_free_array(struct pw_unit *units, size_t n);

/*
 * Makes `unit` the lead unit of an indicator, target or project from
 * reporting year `year` (0: no year).  A new assignment row is added (the
 * old ones stay, as history) and the change, with the previous lead unit,
 * is written to the audit log.  Assigning a unit that already leads in
 * every year the assignment covers (`year` and after; every year for 0)
 * changes nothing (*changed = 0).  changed may be NULL.
 * PW_STORE_NOTFOUND (reported) for an unknown indicator/target/project or
 * unit.
 */
int pw_store_assign(struct pw_store *s, enum pw_entity e, int64_t id, const char *unit,
		    int year, const char *who, int *changed);

/* What a unit leads in reporting year `year` (0: now), current plan
 * versions only: one entry per indicator, target or project, in plan
 * order.  *out is a new array the caller frees with free() (NULL when *n
 * is 0).  PW_STORE_NOTFOUND (reported) for an unknown unit. */
struct pw_assigned {
	enum pw_entity entity;
	int64_t id;
	int plan_id;
};

int pw_store_unit_assigned(struct pw_store *s, const char *unit, int year,
			   struct pw_assigned **out, size_t *n);

/* ------------------------------------------------------------------ */
/* Observations                                                       */

/* One value to record.  Strings are borrowed. */
struct pw_obs_entry {
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t id;
	int year;
	double value;
	bool estimated;         /* 预计 */
	const char *unit;       /* unit of measure, as validated */
	const char *source;     /* 来源 */
	const char *note;       /* 备注 */
	const char *by;         /* who enters it (required) */
	int64_t user_id;        /* users.id of a web user, 0 for none */
	enum pw_obs_state state; /* DRAFT or SUBMITTED */
};

/*
 * Records a value.  If the indicator/target already has a chain for that
 * year (in any plan version) the new row supersedes its head with version
 * + 1 (a correction), else it starts a chain at version 1.  Validation of
 * units and plan years is the caller's (monitor/batch.c); this only checks
 * that the indicator/target exists, the state is draft or submitted, the
 * value is finite (SQLite would store NaN as NULL) and the year lies in
 * PW_YEAR_MIN..MAX.
 * *obs_id (may be NULL) receives the new row's id.
 */
int pw_store_obs_record(struct pw_store *s, const struct pw_obs_entry *e, int64_t *obs_id);

/*
 * Moves observation obs_id, which must be the head of its chain, to state
 * `to`: submit (draft -> submitted), approve or return (submitted ->
 * approved / returned).  Adds a row that copies the value and carries the
 * new state, `note` as review_note, and `who`.  An invalid transition is an
 * error naming both states.  *new_id (may be NULL) receives the new row.
 */
int pw_store_obs_transition(struct pw_store *s, int64_t obs_id, enum pw_obs_state to,
			    const char *note, const char *who, int64_t *new_id);

/*
 * Observation rows, oldest first.  filter_id 0: every observation; else
 * those of one indicator/target (entity e, any plan version).  history
 * false: chain heads only.  Free with pw_obs_row_free_array().
 */
int pw_store_obs_list(struct pw_store *s, enum pw_entity e, int64_t filter_id, bool history,
		      struct pw_obs_row **out, size_t *n);

/*
 * The chain heads of indicators awaiting review or returned (a review
 * queue), newest first: at most limit (SIZE_MAX: all) from offset, read
 * through table obs_pending, so the cost is the page's, not the
 * history's.  Free with pw_obs_row_free_array().  The count of them all.
 */
int pw_store_obs_queue(struct pw_store *s, size_t offset, size_t limit,
			 struct pw_obs_row **out, size_t *n);
int pw_store_obs_queue_count(struct pw_store *s, size_t *total);
/* One observation row by id (with its head flag), or PW_STORE_NOTFOUND.
 * Release with pw_obs_row_release(). */
int pw_store_obs_get(struct pw_store *s, int64_t id, struct pw_obs_row *out);

/*
 * Which observations a listing or a bulk review takes; a zero field takes
 * any.  unit: rows led by that unit in the row's year (pw_store_lead_unit());
 * batch: rows written by one data import (pw_store_batch_find()); state:
 * a pw_obs_state + 1 (0: any state).
 */
struct pw_obs_filter {
	int year;
	const char *unit;
	int64_t batch;
	int state;
};

/*
 * pw_store_obs_list() of every observation narrowed by f (f NULL: all):
 * chain heads only unless history.  An unknown unit or batch is
 * PW_STORE_NOTFOUND after reporting.  Free with pw_obs_row_free_array().
 */
int pw_store_obs_select(struct pw_store *s, const struct pw_obs_filter *f, bool history,
			struct pw_obs_row **out, size_t *n);

/*
 * The audit id of a data import (`observation.import`) named by arg: its
 * number, or the file it read (the latest import of that file, compared
 * with and without the directory).  0, or PW_STORE_NOTFOUND after
 * reporting.
 */
int pw_store_batch_find(struct pw_store *s, const char *arg, int64_t *batch);

/*
 * Moves every chain head that f selects and that is in the state `to`
 * comes from (draft for submit, submitted for approve and return) to `to`,
 * in ONE write transaction, each row audited as a single review is.
 * Nothing is written if one fails.  *done receives how many moved.
 */
int pw_store_obs_review_all(struct pw_store *s, const struct pw_obs_filter *f,
			    enum pw_obs_state to, const char *note, const char *who,
			    size_t *done);

/*
 * The note (备注) a unit gave with the latest value of an indicator or prose
 * target (entity e, any version) up to year upto that has one: among the
 * approved values, or with pick PW_PICK_LATEST those not returned.  0
 * with *year and *note (a new string); PW_STORE_NOTFOUND without a message
 * when there is none; -1.  What a report quotes as the unit's reason.
 */
int pw_store_obs_note(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
		      enum pw_obs_pick pick, int *year, char **note);

/*
 * How many values of plan plan_id (any version) up to year upto (0: any)
 * are not yet approved: chain heads submitted (awaiting review) and drafts
 * (not yet submitted).  What official views (approved values only) leave
 * out.  0 or -1.
 */
int pw_store_obs_pending(struct pw_store *s, int plan_id, int upto, unsigned *submitted,
			 unsigned *drafts);

/* ------------------------------------------------------------------ */
/* External targets                                                   */

/*
 * Records the externally set target of an indicator (entity INDICATOR:
 * its target of kind external, which must exist) or of a target of kind
 * external (entity TARGET).  x->kind, cmp, value, value_hi, year, unit,
 * source, note are read; a new row supersedes the previous one.  Values
 * must be finite.  *ext_id may be NULL.
 */
int pw_store_external_set(struct pw_store *s, enum pw_entity e, int64_t id,
			  const struct pw_external *x, const char *who, int64_t *ext_id);

/* ------------------------------------------------------------------ */
/* Project progress                                                   */

struct pw_progress {
	int64_t item_id;
	int year;
	const char *status; /* not_started in_progress completed delayed suspended,
			     * or in Chinese (推进中...): stored in English */
	bool has_percent, has_investment;
	double percent, investment; /* percent 0..100; investment 亿元 */
	const char *note, *source, *by;
	enum pw_obs_state state;
};

/* Appends the progress of a project for a year (superseding that year's
 * previous row).  Refused with a message: an unknown status, a state
 * other than draft or submitted, a percent outside 0..100, a non-finite
 * investment, a year outside PW_YEAR_MIN..MAX.  Strings borrowed.
 * *id (may be NULL) receives the new row. */
int pw_store_progress_record(struct pw_store *s, const struct pw_progress *p, int64_t *id);

/* The project statuses: the index of s in English or Chinese (推进中 is
 * in_progress), or -1; the English name of index st (NULL out of range);
 * the Chinese word of an English name (name itself if unknown). */
int pw_progress_status_from_name(const char *s);
const char *pw_progress_status_name(int st);
const char *pw_progress_status_label(const char *name);

/*
 * Reviews progress row id, which must be the head of its chain, as
 * pw_store_obs_transition() reviews an observation: submit (draft ->
 * submitted), approve or return (submitted -> approved / returned).  A
 * new row copies the progress with the new state, `note` as review_note
 * and `who`; audited as progress.submit, progress.approve, progress.return.
 */
int pw_store_progress_transition(struct pw_store *s, int64_t id, enum pw_obs_state to,
				 const char *note, const char *who, int64_t *new_id);

/* The progress of a project in a year that `pick` takes (as for
 * observations): PW_PICK_APPROVED the year's most recent approved row;
 * PW_PICK_LATEST the head of the year's chain, or its most recent approved
 * row when the head was returned.  The latest year <= upto (0: any) that
 * has one: 0 and fills *year, *status (new string) and *percent (NAN if
 * none); PW_STORE_NOTFOUND without a message when there is none. */
int pw_store_progress_pick(struct pw_store *s, int64_t item_id, int upto, enum pw_obs_pick pick,
			   int *year, char **status, double *percent);

/* pw_store_progress_pick() with PW_PICK_LATEST (drafts and values awaiting
 * review count, as in working views). */
int pw_store_progress_latest(struct pw_store *s, int64_t item_id, int upto, int *year,
			     char **status, double *percent);

/* One stored progress row, as listed.  Strings owned by the row. */
struct pw_progress_row {
	int64_t id, item_id;
	char *title; /* the project */
	int year;
	char *status;
	bool has_percent, has_investment;
	double percent, investment;
	char *note, *source, *review_note, *entered_by, *entered_at;
	enum pw_obs_state state;
	int version;
	int64_t supersedes; /* 0 if none */
	bool current;       /* the head of its chain */
};

/* Progress rows, oldest first: of every project (item_id 0) or of one
 * (any plan version); history false: chain heads only.  Free with
 * pw_progress_row_free_array(). */
int pw_store_progress_list(struct pw_store *s, int64_t item_id, bool history,
			   struct pw_progress_row **out, size_t *n);

/*
 * The progress heads awaiting review or returned (the 专栏 half of a
 * review queue), newest first: at most limit (SIZE_MAX: all) from
 * offset, read through table progress_pending (schema step 11), so the
 * cost is the page's, not the history's.  Free with
 * pw_progress_row_free_array().  The count of them all.
 */
int pw_store_progress_queue(struct pw_store *s, size_t offset, size_t limit,
			    struct pw_progress_row **out, size_t *n);
int pw_store_progress_queue_count(struct pw_store *s, size_t *total);
/* The state of progress row id when it awaits review or was returned
 * (in the queue): 0 and *state, else PW_STORE_NOTFOUND without a
 * message, or -1. */
int pw_store_progress_pending(struct pw_store *s, int64_t id, enum pw_obs_state *state);
void pw_progress_row_free_array(struct pw_progress_row *rows, size_t n);

/* A 专栏 project as a fill-in sheet and its import see it.  Strings owned:
 * pw_project_ref_release(). */
struct pw_project_ref {
	int64_t id;
	int plan_id;
	int start, end;  /* the plan's period (0: unknown) */
	int column_no;   /* 专栏N: the box's place in its plan version, from 1 */
	int no;          /* the item's number in its box */
	char *column, *title, *text;
};

/* The facts of project (column_items.id) id: 0, PW_STORE_NOTFOUND WITHOUT
 * a message (the caller words it), -1. */
int pw_store_project_ref(struct pw_store *s, int64_t id, struct pw_project_ref *out);
void pw_project_ref_release(struct pw_project_ref *r);

/* ------------------------------------------------------------------ */
/* Facts about indicators the monitoring side needs                   */

/* The plausible range of the values of a table indicator or a prose
 * target: a value below min or above max is refused wherever it is
 * entered (monitor/batch.h).  has_min/has_max: which bound is set. */
struct pw_limits {
	bool has_min, has_max;
	double min, max;
	char *note; /* why, or NULL; owned */
};

void pw_limits_release(struct pw_limits *l);

/* An indicator (or prose target) as validation and templates see it.
 * Strings owned: pw_monitor_ref_release(). */
struct pw_monitor_ref {
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t id;
	int plan_id;
	int start, end;        /* plan period (of the table, else of the plan; 0: unknown) */
	int span_start, span_end; /* the years the plan's tables cover (0: none) */
	int table_no;          /* 表N of its table (0: unknown, or a prose target) */
	char *no, *group, *name, *unit;
	enum pw_attr attribute;
	enum pw_dir direction;
	bool has_baseline;
	int baseline_year;
	double baseline;
	char *target_text;     /* the targets as written, "≥83; 7 左右" */
	char *kinds;           /* the target kinds, "level,growth" */
	enum pw_series_mode measure; /* what its values are (model/series.h) */
	/* A prose target that restates a table indicator of its plan version
	 * (target_links: decided at import by the name/unit rule, corrected
	 * with pw_store_target_link(); the reports read the same link): that
	 * indicator's id, whose values it shares; 0 otherwise. */
	int64_t restates;
	/* The plausible range the planning office set (value_limits, schema
	 * step 11; pw_store_limits_set()): followed by key, like restates. */
	struct pw_limits limits;
};

void pw_monitor_ref_release(struct pw_monitor_ref *r);

/* ------------------------------------------------------------------ */
/* Set by the planning office (schema step 11, store/limits.c)        */

/*
 * Sets the limits of indicator or prose target id (e: INDICATOR or
 * TARGET) to *l (neither bound: no limits any more): appends a
 * value_limits row that speaks for the row's key in every version of its
 * plan, audited as limits.set, in one transaction.  Refused with a
 * message: min above max, a bound that is not finite, a project; after
 * reporting, PW_STORE_NOTFOUND for an unknown id.  0 or -1.
 */
int pw_store_limits_set(struct pw_store *s, enum pw_entity e, int64_t id,
			const struct pw_limits *l, const char *who);

/* The limits in force for row id (of any version): *out filled (release
 * it), all unset when none.  0, PW_STORE_NOTFOUND (reported), -1. */
int pw_store_limits_get(struct pw_store *s, enum pw_entity e, int64_t id,
			struct pw_limits *out);

/* The day the figures of plan_id for `year` are due, "YYYY-MM-DD" in
 * due (11 bytes): what the office set for unit (NULL: for every unit),
 * else for every unit, else 31 March of year + 1 (the default rule).
 * *set (may be NULL) says whether the office set it.  0, or -1 (due
 * then holds the default). */
#define PW_DUE_SIZE 11
int pw_store_deadline(struct pw_store *s, int plan_id, int year, const char *unit,
		      char due[PW_DUE_SIZE], bool *set);

/*
 * Sets the deadline of plan_id's figures for year, for unit (NULL: every
 * unit) to due ("YYYY-MM-DD"; NULL: back to what holds without it),
 * with note: appends a report_deadlines row, audited as deadline.set,
 * in one transaction.  Refused with a message: a date that is not a
 * date, a year out of range; PW_STORE_NOTFOUND (reported) for an
 * unknown plan or unit.  0 or -1.
 */
int pw_store_deadline_set(struct pw_store *s, int plan_id, int year, const char *unit,
			  const char *due, const char *note, const char *who);

/* Whether figures due on `due` ("YYYY-MM-DD") are late on `today`
 * ("YYYY-MM-DD", NULL: today in UTC): today is after due. */
bool pw_deadline_passed(const char *due, const char *today);

/*
 * The planning office's correction of the table indicator prose target
 * target_id restates (import decided it by the name/unit rule): ind_id,
 * an indicator of the target's plan (any version: the link follows both
 * by key into every version), or 0 for "restates none".  Appends a
 * target_links row of origin 'office' with who and note, audited as
 * target.link, in one transaction.  Refused with a message: a target of a
 * table indicator, an indicator of another plan; PW_STORE_NOTFOUND after
 * reporting an unknown id.
 */
int pw_store_target_link(struct pw_store *s, int64_t target_id, int64_t ind_id,
			 const char *note, const char *who);

/* The indicator of target_id's own version it restates (target_links), or
 * 0 in *ind_id.  0, or -1. */
int pw_store_target_link_get(struct pw_store *s, int64_t target_id, int64_t *ind_id);

/* Facts about one indicator or target by id: 0, PW_STORE_NOTFOUND
 * WITHOUT a message (the caller words it), -1. */
int pw_store_monitor_ref(struct pw_store *s, enum pw_entity e, int64_t id,
			 struct pw_monitor_ref *out);

/* The facts of every indicator of the plan version indicator id belongs
 * to, by id, in one query (none for an unknown id): what a large batch
 * reads at once.  Free with pw_monitor_ref_free_array(). */
int pw_store_monitor_refs_of_version(struct pw_store *s, int64_t id,
				     struct pw_monitor_ref **out, size_t *n);
void pw_monitor_ref_free_array(struct pw_monitor_ref *refs, size_t n);

/*
 * How names are compared, everywhere on the monitoring side (指标名称 of a
 * data file against the plan's, by id or by 表/序号/指标名称; units of
 * measure): pw_monitor_fold() writes s with full-width ASCII forms as
 * ASCII (ＡＢ１２ -> AB12), U+3000 as a space and U+2212 as '-', trimmed;
 * pw_monitor_name_key() then drops every blank.  A 序号 is compared by its
 * name key without a trailing '.' or '、' ("3." and "３、" are 3).  out is
 * reset first; s may be NULL ("").
 */
void pw_monitor_fold(const char *s, struct strbuf *out);
void pw_monitor_name_key(const char *s, struct strbuf *out);

/*
 * The indicators of the current plan versions (of plan_id, or of every
 * plan for 0) as data files name them, loaded with ONE query the first
 * time a lookup needs it, then found by binary search: a file of many
 * rows costs one lookup per row, not a scan of the indicators per row.
 * pw_indicator_index_init() sets it up empty; release frees it.
 */
struct pw_index_entry;
struct pw_indicator_index {
	int plan_id;
	bool loaded;
	struct pw_index_entry *v;
	struct pw_index_entry **by[3]; /* sorted by name, group+name, 序号 key */
	size_t n, nby[3];
};

void pw_indicator_index_init(struct pw_indicator_index *x, int plan_id);
void pw_indicator_index_release(struct pw_indicator_index *x);

/*
 * Resolves the reference form of data files: table number (表2 -> 2; 0:
 * any table), row number (序号, may be NULL) and name (指标名称, may be
 * NULL, matched against the name or group + name), by their keys
 * (pw_monitor_name_key()), in x (loaded on first use).  Returns 0 and the
 * indicator id; PW_STORE_NOTFOUND with *why set to a static reason when
 * no or several rows match (no message); -1 on error.
 */
int pw_store_index_find(struct pw_store *s, struct pw_indicator_index *x, int table_no,
			const char *no, const char *name, int64_t *id, const char **why);

/* The same for one lookup, in the current version of plan_id (0: of the
 * only plan that has such a row). */
int pw_store_find_indicator(struct pw_store *s, int plan_id, int table_no, const char *no,
			    const char *name, int64_t *id, const char **why);

#endif
