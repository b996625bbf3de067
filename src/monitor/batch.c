/*
 * batch.c - validation of monitoring values and the one-transaction
 * import of a batch (batch.h).  Sheets are read into inputs by
 * batch_sheet.c; numbers and units are parsed by value.c.
 */
#include "monitor/batch.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

/* docs/monitoring.md, "Plausibility": a level more than RATIO_MAX times
 * (or less than 1/RATIO_MAX of) the previous value; a rate moving more
 * than RATE_JUMP percentage points. */
#define RATIO_MAX 3.0
#define RATE_JUMP 20.0

void pw_batch_init(struct pw_batch *b, const char *file)
{
	memset(b, 0, sizeof(*b));
	b->file = xstrdup_or_null(file);
}

void pw_batch_release(struct pw_batch *b)
{
	size_t i;

	for (i = 0; i < b->nrows; i++) {
		free(b->rows[i].unit);
		free(b->rows[i].source);
		free(b->rows[i].note);
	}
	for (i = 0; i < b->ndiags; i++)
		free(b->diags[i].msg);
	free(b->rows);
	free(b->diags);
	free(b->file);
	memset(b, 0, sizeof(*b));
}

static void vdiag(struct pw_batch *b, enum pw_diag_kind k, long line, const char *fmt,
		  va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	sb_vaddf(&sb, fmt, ap);
	ALLOC_GROW(b->diags, b->ndiags + 1, b->diags_alloc);
	b->diags[b->ndiags].kind = k;
	b->diags[b->ndiags].line = line;
	b->diags[b->ndiags++].msg = sb_detach(&sb, NULL);
	if (k == PW_DIAG_ERROR)
		b->nerrors++;
	else if (k == PW_DIAG_WARNING)
		b->nwarnings++;
}

static void diag(struct pw_batch *b, enum pw_diag_kind k, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void diag(struct pw_batch *b, enum pw_diag_kind k, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(b, k, line, fmt, ap);
	va_end(ap);
}

void pw_batch_add_error(struct pw_batch *b, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(b, PW_DIAG_ERROR, line, fmt, ap);
	va_end(ap);
}

void pw_batch_add_note(struct pw_batch *b, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(b, PW_DIAG_NOTE, line, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* One value                                                          */

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

int pw_batch_parse_year(const char *s)
{
	double v;
	bool est;
	char rest[16];

	if (pw_batch_parse_value(s, &v, &est, rest, sizeof(rest)) < 0 || est)
		return 0;
	if ((rest[0] && strcmp(rest, "年")) || v != floor(v) || v < PW_MONITOR_YEAR_MIN ||
	    v > PW_MONITOR_YEAR_MAX)
		return 0;
	return (int)v;
}

static bool truthy(const char *s)
{
	static const char *const yes[] = { "1", "是", "预计", "yes", "y", "true", "x", "√" };
	size_t i;

	for (i = 0; s && i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcasecmp(s, yes[i]))
			return true;
	return false;
}

/* The same name, ignoring blanks (ASCII and full-width); a row of a
 * group may also be written group + name ("城镇就业城镇登记失业率"). */
static bool same_name(const char *given, const struct pw_monitor_ref *r)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, g = STRBUF_INIT;
	bool ok;

	pw_batch_squeeze(given, &a);
	pw_batch_squeeze(r->name, &b);
	pw_batch_squeeze(r->group, &g);
	ok = !strcmp(a.buf, b.buf) ||
	     (g.len && a.len == g.len + b.len && !strncmp(a.buf, g.buf, g.len) &&
	      !strcmp(a.buf + g.len, b.buf));
	sb_release(&a);
	sb_release(&b);
	sb_release(&g);
	return ok;
}

/* The check of one value; fills row or adds an error.  0 accepted, 1
 * rejected. */
struct check {
	struct pw_batch *b;
	const struct pw_batch_input *in;
	const struct pw_monitor_ref *ref;
	struct pw_batch_row *row;
};

static int check_year(struct check *c)
{
	const struct pw_monitor_ref *r = c->ref;
	int lo = r->start - 1, y;

	if (blank(c->in->year)) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "no year given");
		return 1;
	}
	y = pw_batch_parse_year(c->in->year);
	if (!y) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "year '%s' is not a year", c->in->year);
		return 1;
	}
	if (r->has_baseline && r->baseline_year < lo)
		lo = r->baseline_year;
	if (r->start && r->end && (y < lo || y > r->end)) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "year %d outside the plan period %d–%d", y,
		     r->start, r->end);
		return 1;
	}
	c->row->year = y;
	return 0;
}

static int convert_unit(struct check *c, const char *given)
{
	const char *want = c->ref->unit;
	double f;

	if (blank(given) || blank(want))
		return 0;
	f = pw_batch_unit_factor(given, want);
	if (f == 0) {
		diag(c->b, PW_DIAG_ERROR, c->in->line,
		     "unit '%s' does not match the unit of '%s' (%s)", given, c->ref->name, want);
		return 1;
	}
	if (f != 1) {
		struct strbuf note = STRBUF_INIT;

		sb_addf(&note, "换算自 %.15g %s", c->row->value, given);
		diag(c->b, PW_DIAG_NOTE, c->in->line, "converted %.15g %s to %.15g %s",
		     c->row->value, given, c->row->value * f, want);
		c->row->value *= f;
		if (c->row->note)
			sb_addf(&note, "; %s", c->row->note);
		free(c->row->note);
		c->row->note = sb_detach(&note, NULL);
	}
	return 0;
}

static int check_value(struct check *c)
{
	char suffix[32];
	const char *given = c->in->unit;

	if (blank(c->in->value)) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "no value given");
		return 1;
	}
	if (pw_batch_parse_value(c->in->value, &c->row->value, &c->row->estimated, suffix,
				 sizeof(suffix)) < 0) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "value '%s' is not a number", c->in->value);
		return 1;
	}
	c->row->estimated = c->row->estimated || truthy(c->in->estimated);
	if (suffix[0] && !blank(given) && pw_batch_unit_factor(suffix, given) != 1) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "value '%s' and unit '%s' disagree",
		     c->in->value, given);
		return 1;
	}
	if (suffix[0] && !c->row->unit) /* nothing to check it against: keep it */
		c->row->unit = xstrdup(suffix);
	return convert_unit(c, blank(given) ? suffix : given);
}

static int check_duplicate(struct check *c)
{
	const struct pw_batch *b = c->b;
	size_t i;

	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].entity == c->row->entity && b->rows[i].id == c->row->id &&
		    b->rows[i].year == c->row->year) {
			diag(c->b, PW_DIAG_ERROR, c->in->line,
			     "'%s' %d is given twice (first on line %ld)", c->ref->name,
			     c->row->year, b->rows[i].line);
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Plausibility against the history                                   */

/* A rate of change in % (地区生产总值增长, 能耗降低) rather than a level. */
static bool is_rate(const struct pw_monitor_ref *r)
{
	static const char *const words[] = { "增长", "增速", "降低", "降幅", "下降", "减少", "提高" };
	size_t i;

	if (!r->unit || strcmp(r->unit, "%"))
		return false;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (r->name && strstr(r->name, words[i]))
			return true;
	return r->kinds && strstr(r->kinds, "growth") && !strstr(r->kinds, "level");
}

/* The latest earlier value: stored, earlier in this batch, or the
 * baseline.  1 found, 0 none, -1 error. */
static int previous(struct pw_store *s, struct check *c, double *pv, int *py)
{
	struct pw_obs *obs;
	size_t n, i;
	int y = c->row->year;

	*py = 0;
	if (pw_store_obs_series(s, c->row->entity, c->row->id, y - 1, PW_PICK_LATEST, &obs, &n) < 0)
		return -1;
	if (n) {
		*py = obs[n - 1].year;
		*pv = obs[n - 1].value;
	}
	free(obs);
	for (i = 0; i < c->b->nrows; i++) {
		const struct pw_batch_row *r = &c->b->rows[i];

		if (r->entity == c->row->entity && r->id == c->row->id && r->year < y &&
		    r->year > *py) {
			*py = r->year;
			*pv = r->value;
		}
	}
	if (!*py && c->ref->has_baseline && c->ref->baseline_year < y) {
		*py = c->ref->baseline_year;
		*pv = c->ref->baseline;
	}
	return *py != 0;
}

static void warn_far(struct check *c, double v, double pv, int py)
{
	long line = c->in->line;
	const char *name = c->ref->name;
	int y = c->row->year;

	if (is_rate(c->ref)) {
		if (fabs(v - pv) > RATE_JUMP)
			diag(c->b, PW_DIAG_WARNING, line, "'%s' %d: %.15g%% moves more than %g "
			     "points from %.15g%% in %d (check the value)", name, y, v, RATE_JUMP,
			     pv, py);
	} else if ((pv > 0 && v < 0) || (pv < 0 && v > 0)) {
		diag(c->b, PW_DIAG_WARNING, line, "'%s' %d: %.15g has not the sign of %.15g in %d "
		     "(check the value)", name, y, v, pv, py);
	} else if (pv != 0 && v / pv > RATIO_MAX) {
		diag(c->b, PW_DIAG_WARNING, line, "'%s' %d: %.15g is more than %g times %.15g in %d "
		     "(check the value)", name, y, v, RATIO_MAX, pv, py);
	} else if (pv != 0 && v / pv < 1 / RATIO_MAX) {
		diag(c->b, PW_DIAG_WARNING, line, "'%s' %d: %.15g is less than 1/%g of %.15g in %d "
		     "(check the value)", name, y, v, RATIO_MAX, pv, py);
	}
}

static int check_history(struct pw_store *s, struct check *c)
{
	double pv = 0;
	int py, rc = previous(s, c, &pv, &py);

	if (rc == 1)
		warn_far(c, c->row->value, pv, py);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */

static void row_release(struct pw_batch_row *r)
{
	free(r->unit);
	free(r->source);
	free(r->note);
}

/* s trimmed, as a new string; NULL for a blank s. */
static char *trimmed_or_null(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (blank(s))
		return NULL;
	sb_addstr(&sb, s);
	sb_trim(&sb);
	return sb_detach(&sb, NULL);
}

static int check_all(struct pw_store *s, struct check *c)
{
	const struct pw_batch_input *in = c->in;
	int rc;

	if (!blank(in->name) && !same_name(in->name, c->ref)) {
		diag(c->b, PW_DIAG_ERROR, in->line, "%s %lld is '%s', not '%s'",
		     pw_entity_name(in->entity), (long long)in->id, c->ref->name, in->name);
		return 1;
	}
	c->row->note = trimmed_or_null(in->note);
	c->row->source = trimmed_or_null(in->source);
	c->row->unit = blank(c->ref->unit) ? trimmed_or_null(in->unit) : xstrdup(c->ref->unit);
	rc = check_year(c);
	if (!rc)
		rc = check_value(c);
	if (!rc)
		rc = check_duplicate(c);
	if (!rc)
		rc = check_history(s, c);
	return rc;
}

int pw_batch_add(struct pw_store *s, struct pw_batch *b, const struct pw_batch_input *in)
{
	struct pw_monitor_ref ref;
	struct pw_batch_row row = { .entity = in->entity, .id = in->id, .line = in->line };
	struct check c = { b, in, &ref, &row };
	int rc = pw_store_monitor_ref(s, in->entity, in->id, &ref);

	if (rc == PW_STORE_NOTFOUND) {
		diag(b, PW_DIAG_ERROR, in->line, "no %s %lld in the database",
		     pw_entity_name(in->entity), (long long)in->id);
		return 1;
	}
	if (rc < 0)
		return -1;
	rc = check_all(s, &c);
	pw_monitor_ref_release(&ref);
	if (rc != 0) {
		row_release(&row);
		return rc;
	}
	ALLOC_GROW(b->rows, b->nrows + 1, b->rows_alloc);
	b->rows[b->nrows++] = row;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */

static int write_row(struct pw_store *s, const struct pw_batch_row *r,
		     const struct pw_batch_opts *o)
{
	struct pw_obs_entry e = {
		.entity = r->entity, .id = r->id, .year = r->year, .value = r->value,
		.estimated = r->estimated, .unit = r->unit,
		.source = r->source ? r->source : o->source, .note = r->note, .by = o->by,
		.user_id = o->user_id,
		.state = o->state == PW_OBS_DRAFT ? PW_OBS_DRAFT : PW_OBS_SUBMITTED,
	};
	int64_t id;

	if (pw_store_obs_record(s, &e, &id) < 0)
		return -1;
	if (o->state == PW_OBS_APPROVED)
		return pw_store_obs_transition(s, id, PW_OBS_APPROVED, NULL, o->by, NULL);
	return 0;
}

static int audit_batch(struct pw_store *s, const struct pw_batch *b,
		       const struct pw_batch_opts *o)
{
	json_t *j = json_pack("{s:s?, s:I, s:I, s:s}", "file", b->file, "rows",
			      (json_int_t)b->nrows, "warnings", (json_int_t)b->nwarnings, "state",
			      pw_obs_state_name(o->state));
	char *txt = json_dumps(j, JSON_COMPACT);
	int rc = pw_store_audit(s, o->by, "observation.import", "batch", 0, NULL, txt);

	free(txt);
	json_decref(j);
	return rc;
}

int pw_batch_commit(struct pw_store *s, const struct pw_batch *b,
		    const struct pw_batch_opts *o, size_t *written)
{
	size_t i;
	int rc = 0;

	if (written)
		*written = 0;
	if (b->nerrors)
		return pw_error("%s: %zu error%s: nothing imported", b->file ? b->file : "input",
				b->nerrors, b->nerrors == 1 ? "" : "s");
	if (!o->by || !*o->by)
		return pw_error("an import needs the name of who makes it");
	if (pw_store_begin(s) < 0)
		return -1;
	for (i = 0; rc == 0 && i < b->nrows; i++)
		rc = write_row(s, &b->rows[i], o);
	if (rc == 0 && b->file)
		rc = audit_batch(s, b, o);
	if (rc < 0) {
		pw_store_rollback(s);
		return pw_error("%s: nothing imported", b->file ? b->file : "input");
	}
	if (pw_store_commit(s) < 0)
		return -1;
	if (written)
		*written = b->nrows;
	return 0;
}

void pw_batch_print(const struct pw_batch *b, FILE *f)
{
	size_t i;

	for (i = 0; i < b->ndiags; i++) {
		const struct pw_diag *d = &b->diags[i];

		if (d->kind == PW_DIAG_ERROR)
			pw_error_at(b->file, d->line, 0, "%s", d->msg);
		else if (d->kind == PW_DIAG_WARNING)
			pw_warning_at(b->file, d->line, 0, "%s", d->msg);
		else if (b->file && d->line > 0)
			fprintf(f, "%s:%ld: note: %s\n", b->file, d->line, d->msg);
		else
			fprintf(f, "note: %s\n", d->msg);
	}
}
