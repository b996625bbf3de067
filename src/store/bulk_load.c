/*
 * bulk_load.c - loading checked figures as approved observations in bulk
 * (bulk.h): one row per value where an indicator or target has no data
 * yet, one audit row per load; values joining existing chains go through
 * the ordinary record-and-approve path of observations.c.
 */
#include "store/bulk.h"
#include "store/monitor_int.h"
#include "util/error.h"

#include <jansson.h>
#include <string.h>

static const char *const any_obs_sql[] = {
	PW_SAME_IND "SELECT EXISTS (SELECT 1 FROM obs o WHERE o.indicator_id IN same)",
	PW_SAME_TGT "SELECT EXISTS (SELECT 1 FROM obs o WHERE o.target_id IN same)",
};

/* 1 if row id of entity e (any version) has observations, 0 if not. */
static int has_obs(struct pw_store *s, enum pw_entity e, int64_t id)
{
	sqlite3_stmt *st = pw_store_stmt(s, any_obs_sql[e]);
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	rc = pw_store_step(s, st);
	if (rc != 1)
		return rc < 0 ? -1 : 0;
	rc = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* The obs_texts ids of the load's unit, source and who, looked up again
 * only when the unit changes. */
struct load_texts {
	const char *unit;
	int64_t unit_id, source_id, who_id;
	bool have;
};

static int insert_row(struct pw_store *s, const struct pw_bulk_value *v, const char *who,
		      const char *source, struct load_texts *lt, int64_t *id)
{
	sqlite3_stmt *st;

	if (!lt->have && (pw_monitor_obs_text_id(s, source, &lt->source_id) < 0 ||
			  pw_monitor_obs_text_id(s, who, &lt->who_id) < 0))
		return -1;
	if ((!lt->have || !lt->unit != !v->unit || (v->unit && strcmp(lt->unit, v->unit))) &&
	    pw_monitor_obs_text_id(s, v->unit, &lt->unit_id) < 0)
		return -1;
	lt->have = true;
	lt->unit = v->unit;
	st = pw_store_stmt(s,
		"INSERT INTO obs (indicator_id, target_id, year, value, unit_id, source_id,"
		" state, version, entered_by_id, estimated) VALUES (?, ?, ?, ?, ?, ?, 2, 1, ?, ?)");
	if (!st)
		return -1;
	pw_bind_int_or_null(st, 1, v->id, v->entity == PW_ENTITY_INDICATOR);
	pw_bind_int_or_null(st, 2, v->id, v->entity == PW_ENTITY_TARGET);
	pw_bind_int(st, 3, v->year);
	sqlite3_bind_double(st, 4, v->value);
	pw_bind_int_or_null(st, 5, lt->unit_id, lt->unit_id > 0);
	pw_bind_int_or_null(st, 6, lt->source_id, lt->source_id > 0);
	pw_bind_int(st, 7, lt->who_id);
	pw_bind_int(st, 8, v->estimated);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(pw_store_sqlite(s));
	return 0;
}

/* The ordinary way: a submitted row, then its approval. */
static int record_approved(struct pw_store *s, const struct pw_bulk_value *v, const char *who,
			   const char *source)
{
	struct pw_obs_entry e;
	int64_t id;

	memset(&e, 0, sizeof(e));
	e.entity = v->entity;
	e.id = v->id;
	e.year = v->year;
	e.value = v->value;
	e.estimated = v->estimated;
	e.unit = v->unit;
	e.source = source;
	e.by = who;
	e.state = PW_OBS_SUBMITTED;
	if (pw_store_obs_record(s, &e, &id) < 0)
		return -1;
	return pw_store_obs_transition(s, id, PW_OBS_APPROVED, NULL, who, NULL);
}

/* What the load has written so far. */
struct tally {
	int64_t first, last; /* ids of the rows inserted directly */
	size_t direct, ordinary;
	enum pw_entity entity; /* the last entity checked, and whether it had data */
	int64_t id;
	int had_obs;
	int years[64]; /* years inserted directly for it */
	size_t nyears;
	struct load_texts texts;
};

/* Whether this load has started a chain for the entity's year already
 * (then the value corrects it the ordinary way). */
static bool year_loaded(struct tally *t, int year)
{
	size_t i;

	for (i = 0; i < t->nyears; i++)
		if (t->years[i] == year)
			return true;
	if (t->nyears == sizeof(t->years) / sizeof(t->years[0]))
		return true; /* more years than kept: be safe */
	t->years[t->nyears++] = year;
	return false;
}

static int load_one(struct pw_store *s, const struct pw_bulk_value *v, const char *who,
		    const char *source, struct tally *t)
{
	int64_t id;

	if (v->entity != PW_ENTITY_INDICATOR && v->entity != PW_ENTITY_TARGET)
		return pw_error("observations are for indicators and targets, not %s",
				pw_entity_name(v->entity));
	if (!t->id || v->entity != t->entity || v->id != t->id) {
		/* a new indicator: does it exist, and has it data already? */
		if (pw_monitor_check_entity(s, v->entity, v->id) < 0)
			return -1;
		t->had_obs = has_obs(s, v->entity, v->id);
		if (t->had_obs < 0)
			return -1;
		t->entity = v->entity;
		t->id = v->id;
		t->nyears = 0;
	}
	if (t->had_obs || year_loaded(t, v->year)) {
		t->ordinary++;
		return record_approved(s, v, who, source);
	}
	if (insert_row(s, v, who, source, &t->texts, &id) < 0)
		return -1;
	if (!t->first)
		t->first = id;
	t->last = id;
	t->direct++;
	return 0;
}

static int audit_load(struct pw_store *s, const char *who, const char *source,
		      const struct tally *t)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s?}", "rows", (json_int_t)t->direct, "first_id",
			      (json_int_t)t->first, "last_id", (json_int_t)t->last, "source",
			      source);
	char *after = json_dumps(o, JSON_COMPACT);
	int rc = pw_store_audit(s, who, "observation.bulk_load", "observation", t->first, NULL,
				after);

	free(after);
	json_decref(o);
	return rc;
}

int pw_bulk_load_approved(struct pw_store *s, const struct pw_bulk_value *v, size_t n,
			  const char *who, const char *source, size_t *nrows)
{
	struct tally t;
	size_t i;
	int own, rc = 0;

	memset(&t, 0, sizeof(t));
	if (!who || !*who)
		return pw_error("a load needs the name of who enters it");
	if (pw_monitor_tx_begin(s, &own) < 0)
		return -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = load_one(s, &v[i], who, source, &t);
	if (rc == 0 && t.direct)
		rc = audit_load(s, who, source, &t);
	rc = pw_monitor_tx_end(s, own, rc);
	if (nrows)
		*nrows = rc == 0 ? t.direct + 2 * t.ordinary : 0;
	return rc;
}
