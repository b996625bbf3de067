/*
 * batch.c - validation of monitoring values and the one-transaction
 * import of a batch (batch.h), with the per-indicator cache that keeps
 * validation linear.  Sheets are read into inputs by batch_sheet.c;
 * numbers and units are parsed by value.c.
 */
#include "monitor/batch.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include "util/nelem.h"
#include "text/utf8.h"
#include "model/year.h"

/* docs/monitoring.md, "Plausibility": a level more than RATIO_MAX times
 * (or less than 1/RATIO_MAX of) the previous value; a rate moving more
 * than RATE_JUMP percentage points. */
#define RATIO_MAX 3.0
#define RATE_JUMP 20.0

/* Unchanged values named one by one in notes; the rest are counted. */
#define UNCHANGED_NOTES 10

/* ------------------------------------------------------------------ */
/* What the batch read about each indicator                           */

struct slot {
	enum pw_entity entity;
	int64_t id;
	int found;                 /* 0, or PW_STORE_NOTFOUND */
	struct pw_monitor_ref ref;
	char *name_key, *group_key; /* of ref.name and ref.group (pw_monitor_name_key) */
	struct pw_obs_row *obs;    /* the stored rows PW_PICK_LATEST takes, by year */
	size_t nobs;
	size_t *rows, nrows, alloc; /* b->rows of this indicator, in order */
};

/* An open-addressing hash of slots by (entity, id). */
struct pw_batch_cache {
	struct slot **tab;
	size_t cap, used;
	struct pw_indicator_index index;
	bool has_index;
	bool by_version; /* read a whole plan version at its first indicator */
};

static size_t slot_hash(enum pw_entity e, int64_t id, size_t cap)
{
	uint64_t k = ((uint64_t)id << 2 | (uint64_t)e) * UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(k >> 17) & (cap - 1);
}

/* The place of (e, id) in c's table: its slot, or the empty place. */
static struct slot **slot_place(struct pw_batch_cache *c, enum pw_entity e, int64_t id)
{
	size_t i = slot_hash(e, id, c->cap);

	while (c->tab[i] && (c->tab[i]->entity != e || c->tab[i]->id != id))
		i = (i + 1) & (c->cap - 1);
	return &c->tab[i];
}

static void cache_grow(struct pw_batch_cache *c)
{
	struct slot **old = c->tab;
	size_t n = c->cap, i;

	c->cap = n ? 2 * n : 64;
	c->tab = xcalloc(c->cap, sizeof(*c->tab));
	for (i = 0; i < n; i++)
		if (old[i])
			*slot_place(c, old[i]->entity, old[i]->id) = old[i];
	free(old);
}

static struct pw_batch_cache *cache_of(struct pw_batch *b)
{
	if (!b->cache)
		b->cache = xcalloc(1, sizeof(*b->cache));
	return b->cache;
}

static void slot_free(struct slot *sl)
{
	pw_monitor_ref_release(&sl->ref);
	free(sl->name_key);
	free(sl->group_key);
	pw_obs_row_free_array(sl->obs, sl->nobs);
	free(sl->rows);
	free(sl);
}

static void cache_free(struct pw_batch_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->cap; i++)
		if (c->tab[i])
			slot_free(c->tab[i]);
	free(c->tab);
	if (c->has_index)
		pw_indicator_index_release(&c->index);
	free(c);
}

/* A slot for the facts in *ref (moved into it), found. */
static struct slot *slot_new(enum pw_entity e, int64_t id, struct pw_monitor_ref *ref)
{
	struct slot *sl = xcalloc(1, sizeof(*sl));
	struct strbuf key = STRBUF_INIT;

	sl->entity = e;
	sl->id = id;
	sl->ref = *ref;
	memset(ref, 0, sizeof(*ref));
	pw_monitor_name_key(sl->ref.name, &key);
	sl->name_key = xstrdup(key.buf);
	pw_monitor_name_key(sl->ref.group, &key);
	sl->group_key = sb_detach(&key, NULL);
	return sl;
}

/* Reads the facts and stored values of (e, id) into a new slot: a few
 * queries.  NULL on a database error. */
static struct slot *slot_load(struct pw_store *s, enum pw_entity e, int64_t id)
{
	struct pw_monitor_ref ref;
	struct slot *sl;
	int rc = pw_store_monitor_ref(s, e, id, &ref);

	if (rc == -1)
		return NULL;
	if (rc == PW_STORE_NOTFOUND) {
		sl = xcalloc(1, sizeof(*sl));
		sl->entity = e;
		sl->id = id;
		sl->found = rc;
		return sl;
	}
	sl = slot_new(e, id, &ref);
	if (pw_store_obs_picked(s, e, id, 0, PW_PICK_LATEST, &sl->obs, &sl->nobs) < 0) {
		slot_free(sl);
		return NULL;
	}
	return sl;
}

/* Puts sl in c (which has no slot for its key yet). */
static void cache_put(struct pw_batch_cache *c, struct slot *sl)
{
	if (2 * (c->used + 1) > c->cap)
		cache_grow(c);
	*slot_place(c, sl->entity, sl->id) = sl;
	c->used++;
}

static struct slot *cache_find(struct pw_batch_cache *c, enum pw_entity e, int64_t id)
{
	return c->cap ? *slot_place(c, e, id) : NULL;
}

/* The rows of obs[*at..] (by ref) whose ref is id, moved into a new
 * array *out of *n rows. */
static void take_obs(struct pw_obs_row *obs, size_t nobs, size_t *at, int64_t id,
		     struct pw_obs_row **out, size_t *n)
{
	size_t from = *at;

	while (*at < nobs && obs[*at].ref_id == id)
		(*at)++;
	*n = *at - from;
	*out = NULL;
	if (*n) {
		*out = xcalloc(*n, sizeof(**out));
		memcpy(*out, obs + from, *n * sizeof(**out));
	}
}

/* Slots for every indicator of the plan version of indicator id, read
 * with two queries for the whole version (a large file reads a plan at
 * once).  Both lists come by indicator id.  0 or -1. */
static int load_version(struct pw_store *s, struct pw_batch_cache *c, int64_t id)
{
	struct pw_monitor_ref *refs;
	struct pw_obs_row *obs = NULL, *mine;
	size_t nrefs, nobs = 0, nmine, i, at = 0;
	struct slot *sl;

	if (pw_store_monitor_refs_of_version(s, id, &refs, &nrefs) < 0)
		return -1;
	if (pw_store_obs_picked_of_version(s, id, PW_PICK_LATEST, &obs, &nobs) < 0) {
		pw_monitor_ref_free_array(refs, nrefs);
		return -1;
	}
	for (i = 0; i < nrefs; i++) {
		take_obs(obs, nobs, &at, refs[i].id, &mine, &nmine);
		if (cache_find(c, PW_ENTITY_INDICATOR, refs[i].id)) { /* read on its own before */
			pw_obs_row_free_array(mine, nmine);
			continue;
		}
		sl = slot_new(PW_ENTITY_INDICATOR, refs[i].id, &refs[i]);
		sl->obs = mine;
		sl->nobs = nmine;
		cache_put(c, sl);
	}
	free(obs); /* every row was moved: both lists are by indicator id */
	pw_monitor_ref_free_array(refs, nrefs);
	return 0;
}

static struct slot *slot_get(struct pw_store *s, struct pw_batch *b, enum pw_entity e,
			     int64_t id)
{
	struct pw_batch_cache *c = cache_of(b);
	struct slot *sl = cache_find(c, e, id);

	if (sl)
		return sl;
	if (e == PW_ENTITY_INDICATOR && c->by_version) {
		if (load_version(s, c, id) < 0)
			return NULL;
		if ((sl = cache_find(c, e, id)))
			return sl;
	}
	sl = slot_load(s, e, id);
	if (sl)
		cache_put(c, sl);
	return sl;
}

void pw_batch_read_plans(struct pw_batch *b)
{
	cache_of(b)->by_version = true;
}

struct pw_indicator_index *pw_batch_index(struct pw_batch *b, int plan_id)
{
	struct pw_batch_cache *c = cache_of(b);

	if (c->has_index && c->index.plan_id != plan_id)
		pw_indicator_index_release(&c->index);
	if (!c->has_index || c->index.plan_id != plan_id)
		pw_indicator_index_init(&c->index, plan_id);
	c->has_index = true;
	return &c->index;
}

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
	for (i = 0; i < b->nprogress; i++) {
		free(b->progress[i].source);
		free(b->progress[i].note);
		free(b->progress[i].title);
	}
	free(b->progress);
	for (i = 0; i < b->ndiags; i++)
		free(b->diags[i].msg);
	free(b->rows);
	free(b->diags);
	free(b->file);
	cache_free(b->cache);
	memset(b, 0, sizeof(*b));
}

/* Longest message kept per row (bytes). */
#define MAX_DIAG_BYTES 400

static void vdiag(struct pw_batch *b, enum pw_diag_kind k, long line, const char *fmt,
		  va_list ap)
{
	struct strbuf sb = STRBUF_INIT, cut = STRBUF_INIT;
	size_t n = MAX_DIAG_BYTES;

	sb_vaddf(&sb, _(fmt), ap);
	if (sb.len > n) {
		/* a message quoting a long cell (in every row of a file) is cut,
		 * at a character's start, into a buffer of its own size */
		while (n && ((unsigned char)sb.buf[n] & 0xC0) == 0x80)
			n--;
		sb_add(&cut, sb.buf, n);
		sb_addstr(&cut, "...");
		sb_release(&sb);
		sb = cut;
	}
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
	if ((rest[0] && strcmp(rest, "年")) || v != floor(v) || v < PW_YEAR_MIN ||
	    v > PW_YEAR_MAX)
		return 0;
	return (int)v;
}

static bool truthy(const char *s)
{
	static const char *const yes[] = { "1", "是", "预计", "yes", "y", "true", "x", "√" };
	size_t i;

	for (i = 0; s && i < NELEM(yes); i++)
		if (!strcasecmp(s, yes[i]))
			return true;
	return false;
}

/* given names slot sl: the same name key (store/monitor.h: blanks and
 * full-width forms do not count), or group + name
 * ("城镇就业城镇登记失业率"), or the beginning of the name when given was
 * cut by a writer (PW_BATCH_CUT_MARK). */
static bool same_name(const char *given, const struct slot *sl)
{
	static char mark[64];
	const char *b = sl->name_key, *g = sl->group_key;
	size_t lb = strlen(b), lg = strlen(g), lm;
	struct strbuf a = STRBUF_INIT;
	bool ok, cut;

	if (!mark[0]) { /* the key of the mark: its brackets folded */
		pw_monitor_name_key(PW_BATCH_CUT_MARK, &a);
		memcpy(mark, a.buf, a.len + 1);
	}
	lm = strlen(mark);
	pw_monitor_name_key(given, &a);
	cut = a.len > lm && !strcmp(a.buf + a.len - lm, mark);
	if (cut)
		sb_setlen(&a, a.len - lm);
	ok = !strcmp(a.buf, b) || (cut && !strncmp(a.buf, b, a.len)) ||
	     (lg && a.len == lg + lb && !strncmp(a.buf, g, lg) && !strcmp(a.buf + lg, b));
	sb_release(&a);
	return ok;
}

/* The check of one value; fills row or adds an error.  0 accepted, 1
 * rejected. */
struct check {
	struct pw_store *s;
	struct pw_batch *b;
	const struct pw_batch_input *in;
	const struct slot *sl;
	const struct pw_monitor_ref *ref;
	struct pw_batch_row *row;
};

/* The years a value may take: the period (of the table, else of the
 * plan), else the years the plan's tables cover, else PW_TEXT_YEAR_MIN..MAX (the
 * years a plan speaks of, model/year.h);
 * the year before the period (the baseline year) and the indicator's own
 * earlier baseline year too. */
struct window {
	int lo, hi;
	int from, to;    /* what the message names */
	const char *why; /* ..., and why */
};

static void year_window(const struct pw_monitor_ref *r, struct window *w)
{
	if (r->start && r->end) {
		*w = (struct window){ r->start - 1, r->end, r->start, r->end, NULL };
	} else if (r->span_start && r->span_end) {
		*w = (struct window){ r->span_start - 1, r->span_end, r->span_start, r->span_end,
				      N_(", the years of the plan's tables (the plan states no period)") };
	} else {
		*w = (struct window){ PW_TEXT_YEAR_MIN, PW_TEXT_YEAR_MAX, PW_TEXT_YEAR_MIN, PW_TEXT_YEAR_MAX,
				      N_(" (the plan states no period)") };
	}
	if (r->has_baseline && r->baseline_year && r->baseline_year < w->lo)
		w->lo = r->baseline_year;
}

static int check_year(struct check *c)
{
	struct window w;
	int y;

	if (blank(c->in->year)) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "no year given");
		return 1;
	}
	y = pw_batch_parse_year(c->in->year);
	if (!y) {
		diag(c->b, PW_DIAG_ERROR, c->in->line, "year '%s' is not a year", c->in->year);
		return 1;
	}
	year_window(c->ref, &w);
	if (y < w.lo || y > w.hi) {
		if (w.why)
			diag(c->b, PW_DIAG_ERROR, c->in->line, "year %d outside %d–%d%s", y, w.from,
			     w.to, _(w.why));
		else
			diag(c->b, PW_DIAG_ERROR, c->in->line, "year %d outside the plan period "
			     "%d–%d", y, w.from, w.to);
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

/* The value (in the indicator's unit) against the limits the planning
 * office set: outside is an error naming them (and the office's note). */
static int check_limits(struct check *c)
{
	const struct pw_limits *l = &c->ref->limits;
	struct strbuf why = STRBUF_INIT;
	int out = pw_batch_limits_check(l, c->row->value, c->ref->unit, &why);

	if (out && l->note)
		diag(c->b, PW_DIAG_ERROR, c->in->line, "'%s' %d: %.15g is outside the limits the "
		     "planning office set (%s: %s)", c->ref->name, c->row->year, c->row->value,
		     why.buf, l->note);
	else if (out)
		diag(c->b, PW_DIAG_ERROR, c->in->line, "'%s' %d: %.15g is outside the limits the "
		     "planning office set (%s)", c->ref->name, c->row->year, c->row->value, why.buf);
	sb_release(&why);
	return out;
}

/* An earlier row of the batch for the same indicator and year: O(rows of
 * the indicator), which the year check bounds. */
static int check_duplicate(struct check *c)
{
	const struct pw_batch_row *r;
	size_t i;

	for (i = 0; i < c->sl->nrows; i++) {
		r = &c->b->rows[c->sl->rows[i]];
		if (r->year == c->row->year) {
			diag(c->b, PW_DIAG_ERROR, c->in->line,
			     "'%s' %d is given twice (first on line %ld)", c->ref->name,
			     c->row->year, r->line);
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Unchanged values                                                   */

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Equal, or equal to the 15 digits a sheet keeps. */
static bool same_number(double a, double b)
{
	char x[32], y[32];

	if (a == b)
		return true;
	snprintf(x, sizeof(x), "%.15g", a);
	snprintf(y, sizeof(y), "%.15g", b);
	return !strcmp(x, y);
}

/* draft < submitted < approved; a returned row is never in force. */
static int state_rank(enum pw_obs_state st)
{
	return st == PW_OBS_RETURNED ? -1 : st == PW_OBS_APPROVED ? 2 : (int)st;
}

/* The stored row in force for the row's year (PW_PICK_LATEST), or NULL. */
static const struct pw_obs_row *in_force(const struct check *c)
{
	size_t i;

	for (i = 0; i < c->sl->nobs; i++)
		if (c->sl->obs[i].year == c->row->year)
			return &c->sl->obs[i];
	return NULL;
}

/* Marks the row unchanged when the value in force is the same value, 预计,
 * unit, source and note at the same or a later review state than the
 * batch writes (only when the batch knows its options). */
static void check_unchanged(struct check *c)
{
	const struct pw_batch_opts *o = c->b->opts;
	const struct pw_batch_row *r = c->row;
	const struct pw_obs_row *cur = o ? in_force(c) : NULL;
	enum pw_obs_state want = o && o->state == PW_OBS_APPROVED ? PW_OBS_APPROVED
				 : o && o->state == PW_OBS_SUBMITTED ? PW_OBS_SUBMITTED
								     : PW_OBS_DRAFT;

	if (!cur || !same_number(cur->value, r->value) || cur->estimated != r->estimated ||
	    !same_text(cur->unit, r->unit) || !same_text(cur->source, r->source ? r->source : o->source) ||
	    !same_text(cur->note, r->note) || state_rank(cur->state) < state_rank(want))
		return;
	c->row->unchanged = true;
	if (c->b->nunchanged < UNCHANGED_NOTES)
		diag(c->b, PW_DIAG_NOTE, c->in->line, "'%s' %d: %.15g unchanged (already %s): "
		     "skipped", c->ref->name, r->year, r->value, pw_obs_state_name(cur->state));
	else if (c->b->nunchanged == UNCHANGED_NOTES)
		diag(c->b, PW_DIAG_NOTE, c->in->line, "more values unchanged from here on "
		     "(skipped; the summary counts them all)");
}

/* ------------------------------------------------------------------ */
/* Plausibility against the history                                   */

/* A rate of change in % (地区生产总值增长, 能耗降低: a change word of
 * text/vocab.h) rather than a level. */
static bool is_rate(const struct pw_monitor_ref *r)
{
	if (!r->unit || strcmp(r->unit, "%"))
		return false;
	if (pw_vocab_has(r->name, PW_VOCAB_CHANGE))
		return true;
	return r->kinds && strstr(r->kinds, "growth") && !strstr(r->kinds, "level");
}

/* The latest earlier value: stored, earlier in this batch, or the
 * baseline.  1 found, 0 none. */
static int previous(const struct check *c, double *pv, int *py)
{
	const struct slot *sl = c->sl;
	const struct pw_batch_row *r;
	int y = c->row->year;
	size_t i;

	*py = 0;
	for (i = 0; i < sl->nobs && sl->obs[i].year < y; i++) {
		*py = sl->obs[i].year;
		*pv = sl->obs[i].value;
	}
	for (i = 0; i < sl->nrows; i++) {
		r = &c->b->rows[sl->rows[i]];
		if (r->year < y && r->year > *py) {
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

static void check_history(struct check *c)
{
	double pv = 0;
	int py;

	if (previous(c, &pv, &py))
		warn_far(c, c->row->value, pv, py);
}

/* ------------------------------------------------------------------ */

static void row_release(struct pw_batch_row *r)
{
	free(r->unit);
	free(r->source);
	free(r->note);
}

char *pw_batch_trimmed(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (blank(s))
		return NULL;
	sb_addstr(&sb, s);
	pw_utf8_trim(&sb);
	return sb_detach(&sb, NULL);
}

/* With the sending unit known (opts->unit), the row must be one it leads
 * in the row's year: 1 (an error added) when not, 0, -1. */
static int check_owner(struct check *c)
{
	const char *unit = c->b->opts ? c->b->opts->unit : NULL;
	const char *name = c->ref->name ? c->ref->name : "";
	char *lead = NULL;
	int rc;

	if (!unit)
		return 0;
	rc = pw_store_lead_unit(c->s, c->in->entity, c->in->id, c->row->year, &lead);
	if (rc < 0 && rc != PW_STORE_NOTFOUND)
		return -1;
	if (rc == 0 && !strcmp(lead, unit)) {
		free(lead);
		return 0;
	}
	if (rc == 0)
		diag(c->b, PW_DIAG_ERROR, c->in->line, "'%s' %d is reported by '%s', not by '%s' "
		     "(--by)", name, c->row->year, lead, unit);
	else
		diag(c->b, PW_DIAG_ERROR, c->in->line, "'%s' has no lead unit in %d, so '%s' "
		     "cannot report it (assign it first)", name, c->row->year, unit);
	free(lead);
	return 1;
}

static int check_all(struct check *c)
{
	const struct pw_batch_input *in = c->in;
	int rc;

	if (!blank(in->name) && !same_name(in->name, c->sl)) {
		diag(c->b, PW_DIAG_ERROR, in->line, "%s %lld is '%s', not '%s'",
		     pw_entity_word(in->entity), (long long)in->id, c->ref->name, in->name);
		return 1;
	}
	if (c->ref->restates) {
		diag(c->b, PW_DIAG_ERROR, in->line, "target %lld '%s' restates indicator %lld of "
		     "the table: enter its value once, for the indicator", (long long)in->id,
		     c->ref->name ? c->ref->name : "", (long long)c->ref->restates);
		return 1;
	}
	c->row->note = pw_batch_trimmed(in->note);
	c->row->source = pw_batch_trimmed(in->source);
	c->row->unit = blank(c->ref->unit) ? pw_batch_trimmed(in->unit) : xstrdup(c->ref->unit);
	rc = check_year(c);
	if (!rc)
		rc = check_owner(c);
	if (!rc)
		rc = check_value(c);
	if (!rc)
		rc = check_limits(c);
	if (!rc)
		rc = check_duplicate(c);
	if (!rc)
		check_unchanged(c);
	if (!rc && !c->row->unchanged)
		check_history(c);
	return rc;
}

int pw_batch_add(struct pw_store *s, struct pw_batch *b, const struct pw_batch_input *in)
{
	struct pw_batch_row row = { .entity = in->entity, .id = in->id, .line = in->line };
	struct slot *sl = slot_get(s, b, in->entity, in->id);
	struct check c = { s, b, in, sl, sl ? &sl->ref : NULL, &row };
	int rc;

	if (!sl)
		return -1;
	if (sl->found == PW_STORE_NOTFOUND) {
		diag(b, PW_DIAG_ERROR, in->line, "no %s %lld in the database",
		     pw_entity_word(in->entity), (long long)in->id);
		return 1;
	}
	rc = check_all(&c);
	if (rc != 0) {
		row_release(&row);
		return rc;
	}
	ALLOC_GROW(sl->rows, sl->nrows + 1, sl->alloc);
	sl->rows[sl->nrows++] = b->nrows;
	ALLOC_GROW(b->rows, b->nrows + 1, b->rows_alloc);
	b->rows[b->nrows++] = row;
	b->nunchanged += row.unchanged;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */

/* Writes one value; ids->first/last widen to the obs rows written. */
struct written_ids {
	int64_t first, last;
};

static int write_row(struct pw_store *s, const struct pw_batch_row *r,
		     const struct pw_batch_opts *o, struct written_ids *ids)
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
	if (!ids->first)
		ids->first = id;
	ids->last = id;
	if (o->state == PW_OBS_APPROVED)
		return pw_store_obs_transition(s, id, PW_OBS_APPROVED, NULL, o->by, &ids->last);
	return 0;
}

/* The audit row of an import: its id is the batch number that bulk
 * review takes (`obs approve --all --batch N`), and first..last the obs
 * rows it wrote (store/obs_review.c). */
static int audit_batch(struct pw_store *s, const struct pw_batch *b,
		       const struct pw_batch_opts *o, const struct written_ids *ids,
		       int64_t *batch)
{
	json_t *j = json_pack("{s:s?, s:I, s:I, s:I, s:s, s:I, s:I}", "file", b->file, "rows",
			      (json_int_t)(b->nrows - b->nunchanged), "unchanged",
			      (json_int_t)b->nunchanged, "warnings", (json_int_t)b->nwarnings,
			      "state", pw_obs_state_name(o->state), "first",
			      (json_int_t)ids->first, "last", (json_int_t)ids->last);
	char *txt = json_dumps(j, JSON_COMPACT);
	int rc = pw_store_audit(s, o->by, "observation.import", "batch", 0, NULL, txt);

	if (rc == 0)
		*batch = pw_store_last_id(s);

	free(txt);
	json_decref(j);
	return rc;
}

/* The batch was checked for unchanged values with the options it is
 * written with. */
static bool same_opts(const struct pw_batch *b, const struct pw_batch_opts *o)
{
	return !b->opts || (b->opts->state == o->state && same_text(b->opts->source, o->source));
}

int pw_batch_commit(struct pw_store *s, struct pw_batch *b,
		    const struct pw_batch_opts *o, size_t *written)
{
	const char *what = b->file ? b->file : "input";
	struct written_ids ids = { 0, 0 };
	int64_t batch = 0;
	size_t i, n = 0;
	int own, rc = 0;

	if (written)
		*written = 0;
	if (b->nerrors)
		return pw_error("%s: %zu error%s: nothing imported", what, b->nerrors,
				b->nerrors == 1 ? "" : "s");
	if (!o->by || !*o->by)
		return pw_error("an import needs the name of who makes it");
	if (!same_opts(b, o))
		return pw_error("%s: checked for another state or source than it is written "
				"with: nothing imported", what);
	if (b->nrows == b->nunchanged)
		return 0;
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	for (i = 0; rc == 0 && i < b->nrows; i++)
		if (!b->rows[i].unchanged && (rc = write_row(s, &b->rows[i], o, &ids)) == 0)
			n++;
	if (rc == 0 && b->file)
		rc = audit_batch(s, b, o, &ids, &batch);
	if (pw_store_write_end(s, own, rc) < 0)
		return pw_error("%s: nothing imported", what);
	if (written)
		*written = n;
	b->batch = batch;
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
