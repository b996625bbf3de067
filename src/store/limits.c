/*
 * limits.c - what the planning office sets for monitoring (schema step
 * 11, monitor.h): the plausible limits of the values of an indicator or
 * prose target (value_limits) and the day a year's figures are due
 * (report_deadlines).  Both tables are append-only; the newest row counts.
 * Validation reads the limits with the indicator's facts (monitor_refs.c,
 * LIMITS_COLS); this file writes them and answers single lookups.
 */
#include "store/monitor_int.h"
#include "store/plan_rows.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void pw_limits_release(struct pw_limits *l)
{
	free(l->note);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------------ */
/* Limits                                                             */

static const char limits_json_sql[] =
	"SELECT json_object('id', id, 'plan_id', plan_id, 'indicator_id', indicator_id,"
	" 'target_id', target_id, 'min', min, 'max', max, 'note', note, 'set_by', set_by)"
	" FROM value_limits WHERE id = ?";

/* The row's plan and key copied into the limits row: a row speaks for
 * the same indicator or target in every version of the plan. */
static int limits_tx(struct pw_store *s, enum pw_entity e, int64_t id, const struct pw_limits *l,
		     const char *who)
{
	static const char *const sql[] = {
		"INSERT INTO value_limits (plan_id, indicator_id, key, min, max, note, set_by)"
		" SELECT v.plan_id, r.id, r.key, ?2, ?3, ?4, ?5 FROM indicators r"
		" JOIN plan_versions v ON v.id = r.version_id WHERE r.id = ?1",
		"INSERT INTO value_limits (plan_id, target_id, key, min, max, note, set_by)"
		" SELECT v.plan_id, r.id, r.key, ?2, ?3, ?4, ?5 FROM targets r"
		" JOIN plan_versions v ON v.id = r.version_id WHERE r.id = ?1",
	};
	sqlite3_stmt *st = pw_store_stmt(s, sql[e == PW_ENTITY_TARGET]);

	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_double_or_null(st, 2, l->min, l->has_min);
	pw_bind_double_or_null(st, 3, l->max, l->has_max);
	pw_bind_text(st, 4, l->note && *l->note ? l->note : NULL);
	pw_bind_text(st, 5, who);
	if (pw_store_run(s, st) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, "limits.set", "value_limits", limits_json_sql, 0,
				     sqlite3_last_insert_rowid(s->db));
}

static int check_limits(struct pw_store *s, enum pw_entity e, int64_t id,
			const struct pw_limits *l)
{
	int rc;

	if (e != PW_ENTITY_INDICATOR && e != PW_ENTITY_TARGET)
		return pw_error_kind(PW_ERR_INPUT, "limits are set for an indicator or a prose target");
	if ((l->has_min && !isfinite(l->min)) || (l->has_max && !isfinite(l->max)))
		return pw_error_kind(PW_ERR_INPUT, "a limit is not a finite number");
	if (l->has_min && l->has_max && l->min > l->max)
		return pw_error_kind(PW_ERR_INPUT, "the minimum %.15g is above the maximum %.15g",
				     l->min, l->max);
	if ((rc = pw_monitor_check_entity(s, e, id)) < 0)
		return rc;
	if (e == PW_ENTITY_TARGET &&
	    pw_monitor_fetch(s, "SELECT 1 FROM targets WHERE id = ? AND indicator_id IS NOT NULL",
			     id, 0, NULL, NULL) == 0)
		return pw_error_kind(PW_ERR_INPUT, "target %lld is a target of a table indicator: "
				     "set the limits of the indicator", (long long)id);
	return 0;
}

int pw_store_limits_set(struct pw_store *s, enum pw_entity e, int64_t id,
			const struct pw_limits *l, const char *who)
{
	int own, rc;

	if (!who || !*who)
		return pw_error_kind(PW_ERR_INPUT, "limits need the name of who sets them");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = check_limits(s, e, id, l);
	if (rc == 0)
		rc = limits_tx(s, e, id, l, who);
	return pw_store_write_end(s, own, rc);
}

int pw_store_limits_get(struct pw_store *s, enum pw_entity e, int64_t id,
			struct pw_limits *out)
{
	struct pw_monitor_ref r;
	int rc;

	memset(out, 0, sizeof(*out));
	if (e != PW_ENTITY_INDICATOR && e != PW_ENTITY_TARGET)
		return pw_error_kind(PW_ERR_INPUT, "limits are set for an indicator or a prose target");
	rc = pw_store_monitor_ref(s, e, id, &r);
	if (rc == PW_STORE_NOTFOUND)
		return pw_monitor_check_entity(s, e, id);
	if (rc < 0)
		return rc;
	*out = r.limits;
	r.limits.note = NULL;
	pw_monitor_ref_release(&r);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Deadlines                                                          */

/* The newest row for (plan, year) and the unit ?3 (NULL: the row for
 * every unit), by the index report_deadlines_plan. */
static const char deadline_sql[] =
	"SELECT d.due FROM report_deadlines d WHERE d.plan_id = ?1 AND d.year = ?2"
	" AND d.unit_id IS (SELECT id FROM units WHERE name = ?3) AND (?3 IS NULL OR d.unit_id"
	" IS NOT NULL) ORDER BY d.id DESC LIMIT 1";

/* 1 and due filled when a row is in force (its due not NULL), 0 when
 * none, -1. */
static int deadline_row(struct pw_store *s, int plan_id, int year, const char *unit,
			char due[PW_DUE_SIZE])
{
	sqlite3_stmt *st = pw_store_stmt(s, deadline_sql);
	const char *d;
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, year);
	pw_bind_text(st, 3, unit);
	rc = pw_store_step(s, st);
	if (rc == 1) {
		d = (const char *)sqlite3_column_text(st, 0);
		rc = d && strlen(d) == PW_DUE_SIZE - 1;
		if (rc)
			memcpy(due, d, PW_DUE_SIZE);
	}
	sqlite3_reset(st);
	return rc;
}

int pw_store_deadline(struct pw_store *s, int plan_id, int year, const char *unit,
		      char due[PW_DUE_SIZE], bool *set)
{
	char buf[32];
	int rc;

	/* the default rule, 31 March of the next year, also after an error */
	snprintf(buf, sizeof(buf), "%04d-03-31", (year + 1) % 10000);
	memcpy(due, buf, PW_DUE_SIZE);
	if (set)
		*set = false;
	rc = unit ? deadline_row(s, plan_id, year, unit, due) : 0;
	if (rc == 0)
		rc = deadline_row(s, plan_id, year, NULL, due);
	if (rc < 0)
		return -1;
	if (set)
		*set = rc == 1;
	return 0;
}

/* "YYYY-MM-DD" naming a day of the calendar (2025-02-30 is not). */
static bool is_date(const char *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, day, i;
	bool leap;

	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
		return false;
	return m != 2 || day < 29 || leap;
}

static const char deadline_json_sql[] =
	"SELECT json_object('id', d.id, 'plan_id', d.plan_id, 'year', d.year, 'unit', u.name,"
	" 'due', d.due, 'note', d.note, 'set_by', d.set_by) FROM report_deadlines d"
	" LEFT JOIN units u ON u.id = d.unit_id WHERE d.id = ?";

static int deadline_tx(struct pw_store *s, int plan_id, int year, int64_t unit_id,
		       const char *due, const char *note, const char *who)
{
	sqlite3_stmt *st = pw_store_stmt(s, "INSERT INTO report_deadlines (plan_id, year, unit_id,"
					 " due, note, set_by) VALUES (?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, year);
	pw_bind_int_or_null(st, 3, unit_id, unit_id > 0);
	pw_bind_text(st, 4, due);
	pw_bind_text(st, 5, note && *note ? note : NULL);
	pw_bind_text(st, 6, who);
	if (pw_store_run(s, st) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, "deadline.set", "report_deadlines", deadline_json_sql,
				     0, sqlite3_last_insert_rowid(s->db));
}

static int deadline_check(struct pw_store *s, int plan_id, int year, const char *unit,
			  const char *due, int64_t *unit_id)
{
	struct pw_plan_info info;
	int rc;

	*unit_id = 0;
	if (due && !is_date(due))
		return pw_error_kind(PW_ERR_INPUT, "'%s' is not a date (YYYY-MM-DD)", due);
	if (year < 1900 || year > 2200)
		return pw_error_kind(PW_ERR_INPUT, "year %d is out of range", year);
	rc = pw_store_plan_info(s, plan_id, 0, &info);
	if (rc < 0)
		return rc;
	pw_plan_info_release(&info);
	return unit ? pw_store_unit_find(s, unit, unit_id) : 0;
}

int pw_store_deadline_set(struct pw_store *s, int plan_id, int year, const char *unit,
			  const char *due, const char *note, const char *who)
{
	int64_t unit_id;
	int own, rc;

	if (!who || !*who)
		return pw_error_kind(PW_ERR_INPUT, "a deadline needs the name of who sets it");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = deadline_check(s, plan_id, year, unit, due, &unit_id);
	if (rc == 0)
		rc = deadline_tx(s, plan_id, year, unit_id, due, note, who);
	return pw_store_write_end(s, own, rc);
}

bool pw_deadline_passed(const char *due, const char *today)
{
	char now[32];
	time_t t;
	struct tm tm;

	if (!today) {
		t = time(NULL);
		gmtime_r(&t, &tm);
		strftime(now, sizeof(now), "%Y-%m-%d", &tm);
		today = now;
	}
	return strcmp(today, due) > 0;
}
