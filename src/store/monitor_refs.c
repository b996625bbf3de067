/*
 * monitor_refs.c - what monitoring needs to know about indicators and
 * targets (facts for validation and templates, the 表/序号/指标名称
 * reference form of data files, with the one normalisation of names) and
 * external targets (按市定目标执行).  See monitor.h.
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "text/utf8.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Table numbers                                                      */

/* The number after 表 or 专栏 in a table title ("表 2 ..." -> 2), else 0. */
static int title_number(const char *title)
{
	static const char *const marks[] = { "表", "专栏" };
	const char *p;
	size_t i;
	int v = 0;

	for (i = 0; title && i < 2; i++) {
		p = strstr(title, marks[i]);
		if (!p)
			continue;
		p += strlen(marks[i]);
		while (*p == ' ')
			p++;
		while (isdigit((unsigned char)*p) && v < 1000)
			v = v * 10 + (*p++ - '0');
		if (v)
			return v;
	}
	return 0;
}

static int table_no(sqlite3_stmt *st, int title_col, int seq_col)
{
	int v = title_number((const char *)sqlite3_column_text(st, title_col));

	return v ? v : sqlite3_column_int(st, seq_col) + 1;
}

/* ------------------------------------------------------------------ */
/* Facts about one indicator or target                                */

void pw_monitor_ref_release(struct pw_monitor_ref *r)
{
	free(r->no);
	free(r->group);
	free(r->name);
	free(r->unit);
	free(r->target_text);
	free(r->kinds);
	pw_limits_release(&r->limits);
	memset(r, 0, sizeof(*r));
}

/* The years the tables of version v cover. */
#define SPAN_COLS                                                                   \
	"(SELECT min(x.period_start) FROM indicator_tables x WHERE x.version_id = v.id)," \
	" (SELECT max(x.period_end) FROM indicator_tables x WHERE x.version_id = v.id)"

/* The limits in force for row `r` (alias) of version `v` (value_limits,
 * schema step 11): the newest row for r's key in r's plan, of indicators
 * (which = "indicator") or prose targets ("target"); min, max, note. */
#define LIMIT_COL(col, r, which)                                                     \
	"(SELECT l." col " FROM value_limits l WHERE l.plan_id = v.plan_id"              \
	" AND l.key = " r ".key AND l." which "_id IS NOT NULL ORDER BY l.id DESC LIMIT 1)"
#define LIMITS_COLS(r, which)                                                        \
	LIMIT_COL("min", r, which) ", " LIMIT_COL("max", r, which) ", "                  \
	LIMIT_COL("note", r, which)

#define IND_REF_SELECT                                                                   \
	"SELECT i.id, v.plan_id, COALESCE(t.period_start, v.period_start),"                \
	" COALESCE(t.period_end, v.period_end), t.title, t.seq, i.no, i.group_name, i.name," \
	" i.unit, i.attribute, i.direction, i.baseline_year, i.baseline_value,"              \
	" (SELECT group_concat(x, '; ') FROM (SELECT COALESCE(g.text, g.kind) AS x"          \
	"  FROM targets g WHERE g.indicator_id = i.id ORDER BY g.seq)),"                     \
	" (SELECT group_concat(k, ',') FROM (SELECT g.kind AS k FROM targets g"              \
	"  WHERE g.indicator_id = i.id ORDER BY g.seq)), " SPAN_COLS ", i.measure, NULL, "   \
	LIMITS_COLS("i", "indicator")                                                         \
	" FROM indicators i JOIN indicator_tables t ON t.id = i.table_id"                    \
	" JOIN plan_versions v ON v.id = i.version_id "

static const char ind_ref_sql[] = IND_REF_SELECT "WHERE i.id = ?";

/* Every indicator of the version indicator ?1 belongs to, by id. */
static const char version_refs_sql[] =
	IND_REF_SELECT "WHERE i.version_id = (SELECT version_id FROM indicators WHERE id = ?1)"
	" ORDER BY i.id";

/* Prose targets: the same columns, with the subject as name; the table
 * indicator the target restates (monitor.h, restates; target_links) last. */
static const char tgt_ref_sql[] =
	"SELECT g.id, v.plan_id, v.period_start, v.period_end, NULL, -1, NULL, NULL,"
	" COALESCE(g.subject, g.text), g.unit, NULL, 'up', NULL, NULL, g.text, g.kind, "
	SPAN_COLS ", g.measure, " PW_TARGET_LINK("g") ", " LIMITS_COLS("g", "target")
	" FROM targets g JOIN plan_versions v ON v.id = g.version_id WHERE g.id = ?";

static void ref_row(sqlite3_stmt *st, void *out)
{
	struct pw_monitor_ref *r = out;
	int attr = pw_attr_from_name((const char *)sqlite3_column_text(st, 10));
	int dir = pw_dir_from_name((const char *)sqlite3_column_text(st, 11));

	r->id = sqlite3_column_int64(st, 0);
	r->plan_id = sqlite3_column_int(st, 1);
	r->start = sqlite3_column_int(st, 2);
	r->end = sqlite3_column_int(st, 3);
	r->table_no = r->entity == PW_ENTITY_INDICATOR ? table_no(st, 4, 5) : 0;
	r->no = pw_col_text(st, 6);
	r->group = pw_col_text(st, 7);
	r->name = pw_col_text(st, 8);
	r->unit = pw_col_text(st, 9);
	r->attribute = attr < 0 ? PW_ATTR_NONE : (enum pw_attr)attr;
	r->direction = dir < 0 ? PW_DIR_UP : (enum pw_dir)dir;
	r->has_baseline = !pw_col_null(st, 13);
	r->baseline_year = sqlite3_column_int(st, 12);
	r->baseline = sqlite3_column_double(st, 13);
	r->target_text = pw_col_text(st, 14);
	r->kinds = pw_col_text(st, 15);
	r->span_start = sqlite3_column_int(st, 16);
	r->span_end = sqlite3_column_int(st, 17);
	r->measure = (enum pw_series_mode)sqlite3_column_int(st, 18);
	if (r->measure > PW_SERIES_TOTAL)
		r->measure = PW_SERIES_AUTO;
	r->restates = sqlite3_column_int64(st, 19);
	r->limits.has_min = !pw_col_null(st, 20);
	r->limits.min = sqlite3_column_double(st, 20);
	r->limits.has_max = !pw_col_null(st, 21);
	r->limits.max = sqlite3_column_double(st, 21);
	r->limits.note = pw_col_text(st, 22);
}

int pw_store_monitor_ref(struct pw_store *s, enum pw_entity e, int64_t id,
			 struct pw_monitor_ref *out)
{
	memset(out, 0, sizeof(*out));
	out->entity = e;
	if (e == PW_ENTITY_PROJECT)
		return pw_error("a project has no indicator facts");
	return pw_monitor_fetch(s, e == PW_ENTITY_INDICATOR ? ind_ref_sql : tgt_ref_sql, id, 0,
				ref_row, out);
}

void pw_monitor_ref_free_array(struct pw_monitor_ref *refs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pw_monitor_ref_release(&refs[i]);
	free(refs);
}

static void fill_indicator_ref(sqlite3_stmt *st, void *elem, void *ctx)
{
	struct pw_monitor_ref *r = elem;

	(void)ctx;
	r->entity = PW_ENTITY_INDICATOR;
	ref_row(st, r);
}

static void free_refs(void *refs, size_t n)
{
	pw_monitor_ref_free_array(refs, n);
}

int pw_store_monitor_refs_of_version(struct pw_store *s, int64_t id,
				     struct pw_monitor_ref **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_indicator_ref, free_refs };
	sqlite3_stmt *st = pw_store_stmt(s, version_refs_sql);
	int rc;

	if (st)
		pw_bind_int(st, 1, id);
	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Names: one normalisation for every comparison (monitor.h)          */

void pw_monitor_fold(const char *s, struct strbuf *out)
{
	size_t len = s ? strlen(s) : 0, i = 0, k;
	uint32_t cp;

	sb_reset(out);
	while (i < len) {
		k = pw_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			sb_addch(out, (char)(cp - 0xFEE0));
		else if (cp == 0x3000)
			sb_addch(out, ' ');
		else if (cp == 0x2212)
			sb_addch(out, '-');
		else
			sb_add(out, s + i, k);
		i += k;
	}
	pw_utf8_trim(out);
}

void pw_monitor_name_key(const char *s, struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p;

	pw_monitor_fold(s, &tmp);
	sb_reset(out);
	for (p = tmp.buf; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			sb_addch(out, *p);
	sb_release(&tmp);
}

/* The key of a 序号: its name key without a trailing '.' or '、'. */
static void no_key(const char *s, struct strbuf *out)
{
	pw_monitor_name_key(s, out);
	while (out->len && out->buf[out->len - 1] == '.')
		sb_setlen(out, out->len - 1);
	if (out->len >= 3 && !strcmp(out->buf + out->len - 3, "、"))
		sb_setlen(out, out->len - 3);
}

/* ------------------------------------------------------------------ */
/* The 表/序号/指标名称 reference form                                  */

enum { BY_NAME, BY_FULL, BY_NO };

struct pw_index_entry {
	int64_t id;
	int plan_id, table_no;
	char *key[3]; /* name, group + name (NULL without a group), 序号 */
};

void pw_indicator_index_init(struct pw_indicator_index *x, int plan_id)
{
	memset(x, 0, sizeof(*x));
	x->plan_id = plan_id;
}

void pw_indicator_index_release(struct pw_indicator_index *x)
{
	size_t i, k;

	for (i = 0; i < x->n; i++)
		for (k = 0; k < 3; k++)
			free(x->v[i].key[k]);
	free(x->v);
	for (k = 0; k < 3; k++)
		free(x->by[k]);
	pw_indicator_index_init(x, x->plan_id);
}

static const char index_sql[] =
	"SELECT i.id, cv.plan_id, t.title, t.seq, i.no, i.group_name, i.name FROM indicators i"
	" JOIN indicator_tables t ON t.id = i.table_id"
	" JOIN current_versions cv ON cv.id = i.version_id WHERE ?1 = 0 OR cv.plan_id = ?1";

static void index_row(struct pw_index_entry *e, sqlite3_stmt *st, struct strbuf *tmp)
{
	const char *group = (const char *)sqlite3_column_text(st, 5);
	const char *name = (const char *)sqlite3_column_text(st, 6);

	e->id = sqlite3_column_int64(st, 0);
	e->plan_id = sqlite3_column_int(st, 1);
	e->table_no = table_no(st, 2, 3);
	pw_monitor_name_key(name, tmp);
	e->key[BY_NAME] = xstrdup(tmp->buf);
	pw_monitor_name_key(group, tmp);
	e->key[BY_FULL] = NULL;
	if (tmp->len) {
		sb_addstr(tmp, e->key[BY_NAME]);
		e->key[BY_FULL] = xstrdup(tmp->buf);
	}
	no_key((const char *)sqlite3_column_text(st, 4), tmp);
	e->key[BY_NO] = xstrdup(tmp->buf);
}

#define KEY_CMP(k)                                                             \
	static int cmp_key##k(const void *a, const void *b)                    \
	{                                                                      \
		return strcmp((*(struct pw_index_entry *const *)a)->key[k],    \
			      (*(struct pw_index_entry *const *)b)->key[k]);   \
	}
KEY_CMP(0)
KEY_CMP(1)
KEY_CMP(2)

static int (*const key_cmp[3])(const void *, const void *) = { cmp_key0, cmp_key1, cmp_key2 };

static void index_sort(struct pw_indicator_index *x)
{
	size_t i, k;

	for (k = 0; k < 3; k++) {
		x->by[k] = xcalloc(x->n ? x->n : 1, sizeof(*x->by[k]));
		for (i = 0; i < x->n; i++)
			if (x->v[i].key[k])
				x->by[k][x->nby[k]++] = &x->v[i];
		qsort(x->by[k], x->nby[k], sizeof(*x->by[k]), key_cmp[k]);
	}
}

static int index_load(struct pw_store *s, struct pw_indicator_index *x)
{
	struct strbuf tmp = STRBUF_INIT;
	sqlite3_stmt *st = pw_store_stmt(s, index_sql);
	size_t alloc = 0;
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, x->plan_id);
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(x->v, x->n + 1, alloc);
		index_row(&x->v[x->n++], st, &tmp);
	}
	sb_release(&tmp);
	if (rc < 0) {
		pw_indicator_index_release(x);
		return -1;
	}
	index_sort(x);
	x->loaded = true;
	return 0;
}

/* The first of x->by[k] whose key is not below key. */
static size_t lower_bound(const struct pw_indicator_index *x, int k, const char *key)
{
	size_t lo = 0, hi = x->nby[k], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(x->by[k][mid]->key[k], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct find {
	int table_no;
	const char *no; /* key, or NULL */
	int64_t id;
	int plan, nhits;
	bool several_plans;
};

static void find_hit(struct find *f, const struct pw_index_entry *e)
{
	if (f->table_no && e->table_no != f->table_no)
		return;
	if (f->no && strcmp(e->key[BY_NO], f->no))
		return;
	if (f->nhits && e->plan_id != f->plan)
		f->several_plans = true;
	f->nhits++;
	f->plan = e->plan_id;
	f->id = e->id;
}

/* Every entry whose key k is key. */
static void find_in(const struct pw_indicator_index *x, int k, const char *key, struct find *f)
{
	size_t i;

	for (i = lower_bound(x, k, key); i < x->nby[k] && !strcmp(x->by[k][i]->key[k], key); i++)
		find_hit(f, x->by[k][i]);
}

int pw_store_index_find(struct pw_store *s, struct pw_indicator_index *x, int table_no,
			const char *no, const char *name, int64_t *id, const char **why)
{
	struct strbuf sno = STRBUF_INIT, sname = STRBUF_INIT;
	struct find f = { .table_no = table_no };
	int rc = 0;

	*why = NULL;
	no_key(no, &sno);
	pw_monitor_name_key(name, &sname);
	f.no = sno.len ? sno.buf : NULL;
	if (!f.no && !sname.len)
		*why = "the row gives neither 序号 nor 指标名称";
	else if (!x->loaded)
		rc = index_load(s, x);
	if (rc == 0 && !*why && sname.len) {
		find_in(x, BY_NAME, sname.buf, &f);
		find_in(x, BY_FULL, sname.buf, &f);
	} else if (rc == 0 && !*why) {
		find_in(x, BY_NO, f.no, &f);
	}
	if (rc == 0 && f.nhits == 1)
		*id = f.id;
	else if (rc == 0 && f.several_plans)
		*why = "it matches indicators of several plans (choose one with --plan)";
	else if (rc == 0 && f.nhits > 1)
		*why = "it matches several rows (give both 序号 and 指标名称)";
	else if (rc == 0 && !*why)
		*why = "no such indicator in the table";
	sb_release(&sno);
	sb_release(&sname);
	return rc == 0 && f.nhits != 1 ? PW_STORE_NOTFOUND : rc;
}

int pw_store_find_indicator(struct pw_store *s, int plan_id, int table_no, const char *no,
			    const char *name, int64_t *id, const char **why)
{
	struct pw_indicator_index x;
	int rc;

	pw_indicator_index_init(&x, plan_id);
	rc = pw_store_index_find(s, &x, table_no, no, name, id, why);
	pw_indicator_index_release(&x);
	return rc;
}

/* ------------------------------------------------------------------ */
/* External targets                                                   */

void pw_external_release(struct pw_external *x)
{
	free(x->unit);
	free(x->source);
	free(x->note);
	free(x->set_by);
	free(x->set_at);
	memset(x, 0, sizeof(*x));
}

#define EXT_COLS                                                                   \
	"SELECT e.id, e.target_id, e.kind, e.cmp, e.value, e.value_hi, e.year, e.unit," \
	" e.source, e.note, e.set_by, e.set_at FROM external_targets e "

/* Every external target set; pw_external_in_force() picks the one in force. */
static const char *const ext_get_sql[] = {
	PW_SAME_IND EXT_COLS "JOIN targets t ON t.id = e.target_id"
			     " WHERE t.indicator_id IN same AND t.kind = 'external'",
	PW_SAME_TGT EXT_COLS "WHERE e.target_id IN same",
};

static void ext_row(sqlite3_stmt *st, void *out)
{
	struct pw_external *x = out;
	int kind = pw_kind_from_name((const char *)sqlite3_column_text(st, 2));
	int cmp = pw_cmp_from_name((const char *)sqlite3_column_text(st, 3));

	x->id = sqlite3_column_int64(st, 0);
	x->target_id = sqlite3_column_int64(st, 1);
	x->kind = kind < 0 ? PW_KIND_LEVEL : (enum pw_kind)kind;
	x->cmp = cmp < 0 ? PW_CMP_EQ : (enum pw_cmp)cmp;
	x->value = sqlite3_column_double(st, 4);
	x->has_value_hi = !pw_col_null(st, 5);
	x->value_hi = sqlite3_column_double(st, 5);
	x->year = sqlite3_column_int(st, 6);
	x->unit = pw_col_text(st, 7);
	x->source = pw_col_text(st, 8);
	x->note = pw_col_text(st, 9);
	x->set_by = pw_col_text(st, 10);
	x->set_at = pw_col_text(st, 11);
}

static bool take_ext(sqlite3_stmt *st, void *out)
{
	struct pw_external *x = out;

	if (!pw_external_in_force(sqlite3_column_int64(st, 0), x->id))
		return false;
	pw_external_release(x);
	ext_row(st, x);
	return true;
}

int pw_store_external_get(struct pw_store *s, enum pw_entity e, int64_t id,
			  struct pw_external *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (e == PW_ENTITY_PROJECT)
		return pw_error_kind(PW_ERR_INPUT, "a project has no external target");
	rc = pw_monitor_pick(s, ext_get_sql[e], id, 0, take_ext, out);
	if (rc < 0)
		pw_external_release(out);
	return rc;
}

static void fill_id(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

/* The targets row of kind external that id stands for. */
static int external_target_row(struct pw_store *s, enum pw_entity e, int64_t id,
			       int64_t *tid)
{
	int rc = pw_monitor_fetch(s, e == PW_ENTITY_INDICATOR
		? "SELECT id FROM targets WHERE indicator_id = ?1 AND kind = 'external'"
		  " ORDER BY seq LIMIT 1"
		: "SELECT id FROM targets WHERE id = ?1 AND kind = 'external'", id, 0, fill_id, tid);

	if (rc == PW_STORE_NOTFOUND)
		return pw_error_kind(PW_ERR_CONFLICT,
				     "%s %lld has no target set elsewhere (按市定目标执行)",
				     pw_entity_word(e), (long long)id);
	return rc;
}

static int insert_external(struct pw_store *s, int64_t tid, int64_t prev,
			   const struct pw_external *x, const char *who, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO external_targets (target_id, kind, cmp, value, value_hi, year,"
		" unit, source, note, set_by, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, tid);
	pw_bind_text(st, 2, pw_kind_name(x->kind));
	pw_bind_text(st, 3, pw_cmp_name(x->cmp == PW_CMP_NONE ? PW_CMP_EQ : x->cmp));
	sqlite3_bind_double(st, 4, x->value);
	pw_bind_double_or_null(st, 5, x->value_hi, x->has_value_hi);
	pw_bind_int_or_null(st, 6, x->year, x->year > 0);
	pw_bind_text(st, 7, x->unit);
	pw_bind_text(st, 8, x->source);
	pw_bind_text(st, 9, x->note);
	pw_bind_text(st, 10, who ? who : "unknown");
	pw_bind_int_or_null(st, 11, prev, prev > 0);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static const char ext_json_sql[] =
	"SELECT json_object('id', id, 'target_id', target_id, 'kind', kind, 'cmp', cmp,"
	" 'value', value, 'value_hi', value_hi, 'year', year, 'unit', unit,"
	" 'source', source, 'note', note, 'set_by', set_by, 'supersedes', supersedes)"
	" FROM external_targets WHERE id = ?";

static int external_tx(struct pw_store *s, enum pw_entity e, int64_t id,
		       const struct pw_external *x, const char *who, int64_t *ext_id)
{
	struct pw_external prev;
	int64_t tid = 0, prev_id;
	int rc;

	if (pw_monitor_check_entity(s, e, id) < 0 || external_target_row(s, e, id, &tid) < 0)
		return -1;
	rc = pw_store_external_get(s, e, id, &prev);
	if (rc == -1)
		return -1;
	prev_id = rc == 0 ? prev.id : 0;
	pw_external_release(&prev);
	if (insert_external(s, tid, prev_id, x, who, ext_id) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, "external_target.set", "external_target",
				     ext_json_sql, prev_id, *ext_id);
}

int pw_store_external_set(struct pw_store *s, enum pw_entity e, int64_t id,
			  const struct pw_external *x, const char *who, int64_t *ext_id)
{
	int64_t dummy;
	int own, rc;

	if (e == PW_ENTITY_PROJECT)
		return pw_error_kind(PW_ERR_INPUT, "a project has no external target");
	if (x->kind == PW_KIND_EXTERNAL || x->kind == PW_KIND_RELATION)
		return pw_error_kind(PW_ERR_INPUT,
				     "an external target is level, growth, cumulative or annual");
	if (x->cmp == PW_CMP_RANGE && !x->has_value_hi)
		return pw_error_kind(PW_ERR_INPUT, "a range target needs its upper value");
	if (!isfinite(x->value) || (x->has_value_hi && !isfinite(x->value_hi)))
		return pw_error_kind(PW_ERR_INPUT,
				     "an external target value is not a finite number");
	if (x->year && (x->year < PW_YEAR_MIN || x->year > PW_YEAR_MAX))
		return pw_error_kind(PW_ERR_INPUT, "year %d of an external target is out of range",
				     x->year);
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = external_tx(s, e, id, x, who, ext_id ? ext_id : &dummy);
	return pw_store_write_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* Links of prose targets to the indicators they restate              */

static const char link_json_sql[] =
	"SELECT json_object('id', id, 'target_id', target_id, 'indicator_id', indicator_id,"
	" 'origin', origin, 'set_by', set_by, 'note', note) FROM target_links WHERE id = ?";

static int link_tx(struct pw_store *s, int64_t target_id, int64_t ind_id, const char *note,
		   const char *who)
{
	sqlite3_stmt *st = pw_store_stmt(s, "INSERT INTO target_links (target_id, indicator_id,"
					 " origin, set_by, note) VALUES (?, ?, 'office', ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, target_id);
	pw_bind_int_or_null(st, 2, ind_id, ind_id > 0);
	pw_bind_text(st, 3, who);
	pw_bind_text(st, 4, note);
	if (pw_store_run(s, st) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, "target.link", "target_links", link_json_sql, 0,
				     sqlite3_last_insert_rowid(s->db));
}

/* A prose target (not a target of a table row), and an indicator of its
 * plan: 0, or an error. */
static int check_link(struct pw_store *s, int64_t target_id, int64_t ind_id)
{
	int tplan, iplan, rc = pw_monitor_fetch(s, "SELECT 1 FROM targets WHERE id = ?"
						   " AND indicator_id IS NULL", target_id, 0,
						   NULL, NULL);

	if (rc == PW_STORE_NOTFOUND && pw_monitor_check_entity(s, PW_ENTITY_TARGET, target_id) == 0)
		return pw_error_kind(PW_ERR_INPUT, "target %lld is a target of a table indicator, "
				     "not of the text: only a prose target restates one",
				     (long long)target_id);
	if (rc < 0)
		return rc;
	if (!ind_id)
		return 0;
	if ((rc = pw_store_entity_plan(s, PW_ENTITY_TARGET, target_id, &tplan)) < 0 ||
	    (rc = pw_monitor_check_entity(s, PW_ENTITY_INDICATOR, ind_id)) < 0 ||
	    (rc = pw_store_entity_plan(s, PW_ENTITY_INDICATOR, ind_id, &iplan)) < 0)
		return rc == PW_STORE_NOTFOUND ? rc : -1;
	if (tplan != iplan)
		return pw_error_kind(PW_ERR_INPUT, "indicator %lld is of plan %d, target %lld of "
				     "plan %d: a target restates an indicator of its own plan",
				     (long long)ind_id, iplan, (long long)target_id, tplan);
	return 0;
}

int pw_store_target_link(struct pw_store *s, int64_t target_id, int64_t ind_id,
			 const char *note, const char *who)
{
	int own, rc;

	if (!who || !*who)
		return pw_error_kind(PW_ERR_INPUT, "a link needs the name of who sets it");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = check_link(s, target_id, ind_id);
	if (rc == 0)
		rc = link_tx(s, target_id, ind_id, note, who);
	return pw_store_write_end(s, own, rc);
}

static void fill_link(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

int pw_store_target_link_get(struct pw_store *s, int64_t target_id, int64_t *ind_id)
{
	int rc;

	*ind_id = 0;
	rc = pw_monitor_fetch(s, "SELECT " PW_TARGET_LINK("g") " FROM targets g WHERE g.id = ?",
			      target_id, 0, fill_link, ind_id);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}
