/*
 * api.c - the handlers of the JSON API (docs/api.md).  They read the
 * request, call the library through adapt.c and choose the status; the
 * route table (routes.c) has already checked the session, the CSRF token
 * and the role.  Messages to users are Chinese.
 */
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/web_int.h"
#include "model/year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The answer to an adapter's return code rc (0: 200 with body, which
 * the caller must have filled BEFORE this call); a failure as
 * web_fail() answers it. */
static enum MHD_Result answer(struct web_req *r, int rc, json_t *body, const char *missing)
{
	if (rc == 0)
		return web_json(r, 200, body);
	json_decref(body);
	return web_fail(r, rc, missing);
}

enum MHD_Result web_get_plans(struct web_req *r)
{
	json_t *body = NULL;
	int rc = web_lib_plans(r->store, &body);

	r->shared = true; /* the same for everyone: ETag, gzip kept */

	return answer(r, rc, body, N_("no such plan"));
}

static int param_int(const struct web_req *r, size_t i)
{
	return r->params[i] > 0x3fffffff ? 0x3fffffff : (int)r->params[i];
}

enum MHD_Result web_get_plan(struct web_req *r)
{
	json_t *body = NULL;
	int rc = web_lib_plan(r->store, param_int(r, 0), &body);

	r->shared = true; /* the same for everyone: ETag, gzip kept */

	return answer(r, rc, body, N_("no such plan"));
}

/* ?year=Y: 0 when absent, -1 when not a year PW_YEAR_MIN..MAX. */
static int query_year(struct web_req *r)
{
	const char *y = web_query(r, "year");
	char *end;
	long v;

	if (!y)
		return 0;
	v = strtol(y, &end, 10);
	return *y && !*end && v >= PW_YEAR_MIN && v <= PW_YEAR_MAX ? (int)v : -1;
}

/* The evaluation as JSON text, computed or from the cache (web/cache.c):
 * 0 with *text (caller frees), or with *text NULL and r->cached; or an
 * adapter's code. */
static int evaluation_text(struct web_req *r, int plan_id, int year, char **text, size_t *len)
{
	json_t *body = NULL;
	int64_t stamp;
	time_t now = time(NULL);
	struct tm tm;
	/* the default year depends on the calendar year only: cache it under
	 * that, so a hit reads no plan (-calendar year: not a year asked for) */
	int key = year ? year : -(localtime_r(&now, &tm) ? tm.tm_year + 1900 : 0);
	int rc;

	if ((rc = web_change_stamp(r->store, &stamp)) < 0)
		return rc;
	*text = NULL;
	*len = 0;
	if (web_cache_get(r, plan_id, key, stamp))
		return 0;
	if ((rc = web_lib_eval_year(r->store, plan_id, year, &year)) < 0 ||
	    (rc = web_lib_plan_indicators(r->store, plan_id, year, &body)) < 0)
		return rc;
	*text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(body);
	if (!*text)
		return pw_error("evaluation of plan %d is not JSON", plan_id);
	*len = strlen(*text);
	web_cache_put(plan_id, key, stamp, *text, *len, r->etag);
	return 0;
}

enum MHD_Result web_get_plan_indicators(struct web_req *r)
{
	int year = query_year(r), rc;
	char *text;
	size_t len;

	r->shared = true; /* the same for everyone: ETag, gzip kept */

	if (year < 0)
		return web_error(r, 400, "bad year: give an integer from 1900 to 2200");
	rc = evaluation_text(r, param_int(r, 0), year, &text, &len);
	if (rc == 0)
		return web_json_text(r, 200, text, len);
	return answer(r, rc, NULL, N_("no such plan"));
}

enum MHD_Result web_get_indicator(struct web_req *r)
{
	json_t *body = NULL;
	int rc = web_lib_indicator(r->store, r->params[0], &body);

	r->shared = true; /* the same for everyone: ETag, gzip kept */

	return answer(r, rc, body, N_("no such indicator"));
}

/* ---- POST /api/observations ---- */

/* The fields of the request as text, in the buffers of *f. */
struct obs_fields {
	char year[24], value[64];
	struct web_obs in;
};

/* A JSON number as a decimal without exponent (the batch parser reads
 * numbers as units write them, not 1e-05). */
static void number_text(double v, char *out, size_t size)
{
	char *e;

	snprintf(out, size, "%.15g", v);
	if (!strchr(out, 'e'))
		return;
	snprintf(out, size, "%.15f", v);
	e = out + strlen(out) - 1;
	while (e > out && *e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
}

/* An optional string member: 0 (absent, null or a string), -1 otherwise. */
static int opt_string(json_t *req, const char *key, const char **out)
{
	json_t *v = json_object_get(req, key);

	*out = json_is_string(v) ? json_string_value(v) : NULL;
	return !v || json_is_null(v) || json_is_string(v) ? 0 : -1;
}

/* Reads the request into f; NULL, or the Chinese reason it is refused. */
static const char *read_fields(json_t *req, struct obs_fields *f)
{
	json_t *id = json_object_get(req, "indicator_id"), *year = json_object_get(req, "year");
	json_t *value = json_object_get(req, "value"), *est = json_object_get(req, "estimated");

	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		return N_("indicator_id must be a positive integer");
	f->in.indicator_id = json_integer_value(id);
	if (json_is_integer(year))
		snprintf(f->year, sizeof(f->year), "%lld", (long long)json_integer_value(year));
	else if (json_is_string(year) && strlen(json_string_value(year)) < sizeof(f->year))
		snprintf(f->year, sizeof(f->year), "%s", json_string_value(year));
	else
		return N_("year must be a year (an integer)");
	if (json_is_number(value))
		number_text(json_number_value(value), f->value, sizeof(f->value));
	else if (json_is_string(value) && strlen(json_string_value(value)) < sizeof(f->value))
		snprintf(f->value, sizeof(f->value), "%s", json_string_value(value));
	else
		return N_("value must be a number");
	if (opt_string(req, "note", &f->in.note) < 0 || opt_string(req, "unit", &f->in.unit) < 0 ||
	    opt_string(req, "source", &f->in.source) < 0)
		return N_("note, unit and source must be strings");
	if (est && !json_is_boolean(est))
		return N_("estimated must be true or false");
	f->in.estimated = json_is_true(est);
	f->in.year = f->year;
	f->in.value = f->value;
	return NULL;
}

/* Whether the signed-in user may write values of the indicator: a
 * planner or admin any, an editor those its unit leads.  -1: db error. */
int web_may_write(struct web_req *r, int64_t indicator_id)
{
	const struct pw_user *u = &r->session.user;
	char *lead = NULL;
	int ok;

	if (web_role_bit(u->role) & (WEB_ADMIN | WEB_PLANNER))
		return 1;
	if (web_lib_lead_unit(r->store, indicator_id, &lead) < 0)
		return -1;
	ok = lead && u->unit && !strcmp(lead, u->unit);
	free(lead);
	return ok;
}

/* Whether the value of the indicator for the year f gives is approved
 * (locked for editors: a correction goes through the planning office).
 * -1: database error. */
static int locked(struct web_req *r, const struct obs_fields *f)
{
	json_t *ind, *o;
	long year = strtol(f->year, NULL, 10);
	size_t i;
	int yes = 0;

	if (web_lib_indicator(r->store, f->in.indicator_id, &ind) < 0)
		return -1;
	json_array_foreach(json_object_get(ind, "observations"), i, o)
		if (json_integer_value(json_object_get(o, "year")) == year &&
		    json_is_true(json_object_get(o, "current")) &&
		    !strcmp(json_string_value(json_object_get(o, "state")), "approved"))
			yes = 1;
	json_decref(ind);
	return yes;
}

static enum MHD_Result record(struct web_req *r, struct obs_fields *f)
{
	const struct pw_user *u = &r->session.user;
	json_t *out = NULL;
	int rc;

	f->in.by = u->name;
	f->in.user_id = u->id;
	f->in.approved = (web_role_bit(u->role) & (WEB_ADMIN | WEB_PLANNER)) != 0;
	rc = web_lib_record(r->store, &f->in, &out);
	if (rc == 0)
		return web_json(r, 201, out);
	if (rc < 0)
		return web_internal(r);
	json_object_set_new(out, "error", json_string(_("the data did not pass validation")));
	return web_json(r, 422, out);
}

enum MHD_Result web_post_observation(struct web_req *r)
{
	struct obs_fields f;
	enum MHD_Result rc;
	json_t *req = web_body_object(r, &rc);
	const char *why;
	int st;

	if (!req)
		return rc;
	memset(&f, 0, sizeof(f));
	if ((why = read_fields(req, &f))) {
		rc = web_error(r, 400, why);
	} else if ((st = web_lib_indicator_exists(r->store, f.in.indicator_id)) < 0) {
		rc = st == PW_STORE_NOTFOUND ? web_error(r, 404, "no such indicator") : web_internal(r);
	} else if ((st = web_may_write(r, f.in.indicator_id)) <= 0) {
		rc = st < 0 ? web_internal(r)
			    : web_error(r, 403, "you may enter figures only for the indicators your unit leads");
	} else if (web_role_bit(r->session.user.role) == WEB_EDITOR &&
		   (st = locked(r, &f)) != 0) {
		rc = st < 0 ? web_internal(r)
			    : web_error(r, 409, "the value of this year is approved and locked; ask the planning office to correct it");
	} else {
		rc = record(r, &f);
	}
	json_decref(req); /* f borrows its strings */
	return rc;
}
