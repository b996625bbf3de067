/*
 * obs_review.c - observations in bulk (monitor.h): listing narrowed by
 * year, lead unit, import batch and state; reviewing every value such a
 * filter selects in one transaction; counting the values an official view
 * leaves out because they are not yet approved.  A planning office reviews
 * a unit's whole workbook at once (`obs approve --all --batch 12`), not
 * value by value.
 */
#include "store/monitor_int.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

/* The obs ids a data import wrote: its audit row records the first and
 * the last (monitor/batch.c, audit_batch()). */
static const char batch_range_sql[] =
	"SELECT json_extract(after_json, '$.first'), json_extract(after_json, '$.last')"
	" FROM audit_log WHERE id = ?1 AND action = 'observation.import'";

struct range {
	int64_t first, last;
};

static void fill_range(sqlite3_stmt *st, void *out)
{
	struct range *r = out;

	r->first = sqlite3_column_int64(st, 0);
	r->last = sqlite3_column_int64(st, 1);
}

static int batch_range(struct pw_store *s, int64_t batch, struct range *r)
{
	int rc = pw_monitor_fetch(s, batch_range_sql, batch, 0, fill_range, r);

	if (rc == PW_STORE_NOTFOUND)
		return pw_error_kind(PW_ERR_NOTFOUND, "no data import %lld (see the numbers "
				     "'data import' prints)", (long long)batch);
	return rc;
}

/* The latest import of a file: by the name as given, else by its last
 * path component. */
static const char batch_file_sql[] =
	"SELECT id FROM audit_log WHERE action = 'observation.import' AND"
	" (json_extract(after_json, '$.file') = ?1 OR json_extract(after_json, '$.file')"
	"  LIKE '%/' || ?1 ESCAPE '\\') ORDER BY id DESC LIMIT 1";

int pw_store_batch_find(struct pw_store *s, const char *arg, int64_t *batch)
{
	const char *p;
	sqlite3_stmt *st;
	int rc;

	for (p = arg; *p >= '0' && *p <= '9'; p++)
		;
	if (*arg && !*p && p - arg < 18) {
		struct range r;

		*batch = strtoll(arg, NULL, 10);
		return batch_range(s, *batch, &r);
	}
	if (strpbrk(arg, "%_\\"))
		return pw_error_kind(PW_ERR_NOTFOUND, "no data import of file '%s'", arg);
	if (!(st = pw_store_stmt(s, batch_file_sql)))
		return -1;
	pw_bind_text(st, 1, arg);
	rc = pw_store_step_id(s, st, batch);
	if (rc == PW_STORE_NOTFOUND)
		return pw_error_kind(PW_ERR_NOTFOUND, "no data import of file '%s'", arg);
	return rc;
}

/* Whether row r passes f; *rc set to -1 on a database error. */
static bool keep(struct pw_store *s, const struct pw_obs_filter *f, const struct range *br,
		 const struct pw_obs_row *r, int *rc)
{
	char *lead = NULL;
	bool ok;
	int got;

	if ((f->year && r->year != f->year) || (f->state && (int)r->state != f->state - 1))
		return false;
	if (f->batch && (r->id < br->first || r->id > br->last))
		return false;
	if (!f->unit)
		return true;
	got = pw_store_lead_unit(s, r->entity, r->ref_id, r->year, &lead);
	if (got < 0 && got != PW_STORE_NOTFOUND)
		*rc = -1;
	ok = got == 0 && !strcmp(lead, f->unit);
	free(lead);
	return ok;
}

int pw_store_obs_select(struct pw_store *s, const struct pw_obs_filter *f, bool history,
			struct pw_obs_row **out, size_t *n)
{
	struct range br = { 0, 0 };
	int64_t unit_id;
	size_t i, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (f && f->unit && (rc = pw_store_unit_find(s, f->unit, &unit_id)) < 0)
		return rc;
	if (f && f->batch && (rc = batch_range(s, f->batch, &br)) < 0)
		return rc;
	if ((rc = pw_store_obs_list(s, PW_ENTITY_INDICATOR, 0, history, out, n)) < 0 || !f)
		return rc;
	for (i = 0; i < *n; i++) {
		if (rc == 0 && keep(s, f, &br, &(*out)[i], &rc)) {
			struct pw_obs_row t = (*out)[k];

			(*out)[k++] = (*out)[i];
			(*out)[i] = t;
		}
	}
	for (i = k; i < *n; i++) /* the rows dropped */
		pw_obs_row_release(&(*out)[i]);
	*n = k;
	if (rc < 0) {
		pw_obs_row_free_array(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static int review_tx(struct pw_store *s, const struct pw_obs_filter *f, enum pw_obs_state to,
		     const char *note, const char *who, size_t *done)
{
	struct pw_obs_filter g = f ? *f : (struct pw_obs_filter){ 0 };
	struct pw_obs_row *rows;
	size_t n, i;
	int rc;

	g.state = (to == PW_OBS_SUBMITTED ? PW_OBS_DRAFT : PW_OBS_SUBMITTED) + 1;
	if ((rc = pw_store_obs_select(s, &g, false, &rows, &n)) < 0)
		return rc;
	for (i = 0; rc == 0 && i < n; i++)
		rc = pw_store_obs_transition(s, rows[i].id, to, note, who, NULL);
	*done = rc == 0 ? n : 0;
	pw_obs_row_free_array(rows, n);
	return rc;
}

int pw_store_obs_review_all(struct pw_store *s, const struct pw_obs_filter *f,
			    enum pw_obs_state to, const char *note, const char *who,
			    size_t *done)
{
	int own, rc;

	*done = 0;
	if (to == PW_OBS_DRAFT || (unsigned)to > PW_OBS_RETURNED)
		return pw_error_kind(PW_ERR_CONFLICT, "cannot move observations back to draft");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = review_tx(s, f, to, note, who, done);
	if (rc < 0)
		*done = 0;
	return pw_store_write_end(s, own, rc);
}

/* Heads of chains of rows of plan ?1 (any version) up to year ?2 (0: any),
 * by state. */
static const char pending_sql[] =
	"SELECT COALESCE(sum(o.state = 1), 0), COALESCE(sum(o.state = 0), 0) FROM obs o"
	" WHERE o.state IN (0, 1) AND (?2 = 0 OR o.year <= ?2)"
	" AND NOT EXISTS (SELECT 1 FROM obs n WHERE n.supersedes = o.id)"
	" AND (o.indicator_id IN (SELECT i.id FROM indicators i JOIN plan_versions v"
	"  ON v.id = i.version_id WHERE v.plan_id = ?1)"
	" OR o.target_id IN (SELECT g.id FROM targets g JOIN plan_versions v"
	"  ON v.id = g.version_id WHERE v.plan_id = ?1))";

struct pending {
	unsigned submitted, drafts;
};

static void fill_pending(sqlite3_stmt *st, void *out)
{
	struct pending *p = out;

	p->submitted = (unsigned)sqlite3_column_int64(st, 0);
	p->drafts = (unsigned)sqlite3_column_int64(st, 1);
}

int pw_store_obs_pending(struct pw_store *s, int plan_id, int upto, unsigned *submitted,
			 unsigned *drafts)
{
	struct pending p = { 0, 0 };
	int rc = pw_monitor_fetch(s, pending_sql, plan_id, upto, fill_pending, &p);

	*submitted = p.submitted;
	*drafts = p.drafts;
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}

/* ?1 the row, ?2 the year, ?3 1 for approved values only */
#define NOTE_SQL(col)                                                                   \
	"SELECT o.year, o.note FROM obs o WHERE o." col " IN same AND o.year <= ?2"       \
	" AND o.note IS NOT NULL AND o.note <> '' AND (o.state = 2 OR (?3 = 0 AND"       \
	" o.state <> 3)) ORDER BY o.year DESC, o.id DESC LIMIT 1"

static const char *const note_sql[] = {
	PW_SAME_IND NOTE_SQL("indicator_id"),
	PW_SAME_TGT NOTE_SQL("target_id"),
};

int pw_store_obs_note(struct pw_store *s, enum pw_entity e, int64_t id, int upto,
		      enum pw_obs_pick pick, int *year, char **note)
{
	sqlite3_stmt *st;
	int rc;

	*note = NULL;
	*year = 0;
	if (e != PW_ENTITY_INDICATOR && e != PW_ENTITY_TARGET)
		return PW_STORE_NOTFOUND;
	if (!(st = pw_store_stmt(s, note_sql[e])))
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_int(st, 2, upto ? upto : PW_YEAR_MAX);
	pw_bind_int(st, 3, pick == PW_PICK_APPROVED);
	rc = pw_store_step(s, st);
	if (rc == 1) {
		*year = sqlite3_column_int(st, 0);
		*note = pw_col_text(st, 1);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : rc == 1 ? 0 : PW_STORE_NOTFOUND;
}
