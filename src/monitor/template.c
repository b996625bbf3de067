/*
 * template.c - gathers the rows of a unit's fill-in sheet and writes it as
 * CSV (template.h); the workbook is written by template_xlsx.c, the 专栏
 * project section gathered by template_project.c.
 */
#include "monitor/template.h"
#include "monitor/batch.h"
#include "monitor/csv.h"
#include "model/target_text.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/outfile.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "util/nelem.h"

static const char *const attr_labels[] = { "", "预期性", "约束性" };

#define DECREASE PW_VOCAB_BIT(PW_VOCAB_DECREASE)

/* "80（2020年）" as a new string; NULL without a baseline. */
static char *format_baseline(const struct pw_monitor_ref *r)
{
	struct strbuf sb = STRBUF_INIT;

	if (!r->has_baseline)
		return NULL;
	sb_addf(&sb, "%.15g", r->baseline);
	if (r->baseline_year)
		sb_addf(&sb, "（%d年）", r->baseline_year);
	return sb_detach(&sb, NULL);
}

/* The next piece of *p up to sep into out (reset first); advances *p past
 * it.  0 when *p is at its end. */
static int next_piece(const char **p, const char *sep, struct strbuf *out)
{
	const char *end;

	if (!*p)
		return 0;
	end = strstr(*p, sep);
	sb_reset(out);
	sb_add(out, *p, end ? (size_t)(end - *p) : strlen(*p));
	*p = end ? end + strlen(sep) : NULL;
	return 1;
}

static size_t count_pieces(const char *s, const char *sep)
{
	size_t n = 1;

	while ((s = strstr(s, sep)) != NULL) {
		s += strlen(sep);
		n++;
	}
	return n;
}

/* The targets of r ("[5]; 7左右", kinds "cumulative,growth") as a reader
 * takes them (pw_target_text(): "累计5（2021—2025年）；年均增长7%左右"),
 * into sb; as stored when the texts and kinds do not pair up. */
static void add_targets(struct strbuf *sb, const struct pw_monitor_ref *r)
{
	struct strbuf text = STRBUF_INIT, kind = STRBUF_INIT;
	const char *t = r->target_text, *k = r->kinds;
	int n = 0, kv;

	/* a prose target: the sentence as the plan writes it */
	if (r->entity == PW_ENTITY_TARGET || !t || !k ||
	    count_pieces(t, "; ") != count_pieces(k, ",")) {
		sb_addstr(sb, t ? t : "");
		return;
	}
	while (next_piece(&t, "; ", &text) && next_piece(&k, ",", &kind)) {
		kv = pw_kind_from_name(kind.buf);
		if (n++)
			sb_addstr(sb, "；");
		pw_target_text(sb, kv < 0 ? PW_KIND_LEVEL : (enum pw_kind)kv, text.buf, r->start,
			       r->end);
	}
	sb_release(&text);
	sb_release(&kind);
}

/* The targets for the unit (add_targets()), with the externally set value
 * when known, into *out (a new string, NULL when there is nothing).  0 or
 * -1. */
static int format_target(struct pw_store *s, const struct pw_monitor_ref *r, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	struct pw_external x;
	int rc = pw_store_external_get(s, r->entity, r->id, &x);

	*out = NULL;
	if (rc == -1)
		return -1;
	add_targets(&sb, r);
	if (rc == 0) {
		sb_addf(&sb, "（已下达：%s %.15g", pw_cmp_name(x.cmp), x.value);
		if (x.has_value_hi)
			sb_addf(&sb, "-%.15g", x.value_hi);
		sb_addstr(&sb, "）");
		pw_external_release(&x);
	}
	if (sb.len)
		*out = sb_detach(&sb, NULL);
	sb_release(&sb);
	return 0;
}

/* The latest value before the year, and this year's value in force if
 * there is one (whole: 预计, source and note too). */
static int fill_values(struct pw_store *s, struct pw_template_row *row, int year)
{
	struct pw_obs_row *obs;
	size_t n, total;

	if (pw_store_obs_picked(s, row->entity, row->id, year, PW_PICK_LATEST, &obs, &total) < 0)
		return -1;
	n = total;
	if (n && obs[n - 1].year == year) {
		n--;
		row->has_value = true;
		row->value = obs[n].value;
		row->estimated = obs[n].estimated;
		row->source = xstrdup_or_null(obs[n].source);
		row->note = xstrdup_or_null(obs[n].note);
	}
	if (n) {
		row->has_last = true;
		row->last = obs[n - 1].value;
		row->last_year = obs[n - 1].year;
	}
	pw_obs_row_free_array(obs, total);
	return 0;
}

/* Whether the measure of r is judged against where it started (a level's
 * path, growth of levels, a change of a level): a base-year value is
 * needed when the plan gives no baseline. */
static bool needs_base(const struct pw_monitor_ref *r)
{
	return !r->has_baseline && r->start &&
	       (r->measure == PW_SERIES_LEVEL || r->measure == PW_SERIES_AUTO);
}

/* A row for the base year (the year before the period) after row `from`,
 * when the value the path starts from is missing: same indicator, year
 * start - 1, pre-filled like the others. */
static int add_base_row(struct pw_store *s, struct pw_template *t, size_t from,
			const struct pw_monitor_ref *r)
{
	struct pw_template_row *row;

	if (!needs_base(r) || t->year != r->start)
		return 0;
	ALLOC_GROW(t->rows, t->nrows + 1, t->alloc);
	row = &t->rows[t->nrows++];
	*row = t->rows[from];
	row->no = xstrdup_or_null(row->no);
	row->name = xstrdup_or_null(row->name);
	row->unit = xstrdup_or_null(row->unit);
	row->attribute = xstrdup_or_null(row->attribute);
	row->entered = xstrdup_or_null(row->entered);
	row->baseline = NULL;
	row->target = xstrdup("基期值：规划未给出基数，请填报该年数值，作为评估的起点");
	row->source = row->note = NULL;
	row->has_last = row->has_value = row->estimated = false;
	row->year = r->start - 1;
	return fill_values(s, row, row->year);
}

/* The 填报口径 cell: what the value is (pw_measure_hint()), and the limits
 * the planning office set, which import enforces (batch.h).  New string,
 * or NULL. */
static char *guide(const struct pw_monitor_ref *r)
{
	const char *hint = pw_measure_hint(r->measure, pw_vocab_has(r->name, DECREASE) ||
					   pw_vocab_has(r->target_text, DECREASE));
	struct strbuf sb = STRBUF_INIT, lim = STRBUF_INIT;

	sb_addstr(&sb, hint ? hint : "");
	pw_batch_limits_text(&r->limits, r->unit, &lim);
	if (lim.len) {
		sb_addf(&sb, "%s合理范围 %s", sb.len ? "；" : "", lim.buf);
		if (r->limits.note)
			sb_addf(&sb, "（%s）", r->limits.note);
		sb_addstr(&sb, "，超出不予接受");
	}
	sb_release(&lim);
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

static int add_row(struct pw_store *s, struct pw_template *t, const struct pw_assigned *a)
{
	struct pw_template_row *row;
	struct pw_monitor_ref r;
	int rc = pw_store_monitor_ref(s, a->entity, a->id, &r);

	if (rc < 0)
		return rc == PW_STORE_NOTFOUND ? 0 : -1;
	if ((r.start && r.end && (t->year < r.start || t->year > r.end)) || r.restates) {
		/* a table of another period (表1); a prose target entered with
		 * the indicator it restates */
		pw_monitor_ref_release(&r);
		return 0;
	}
	ALLOC_GROW(t->rows, t->nrows + 1, t->alloc);
	row = &t->rows[t->nrows++];
	memset(row, 0, sizeof(*row));
	row->entity = a->entity;
	row->id = a->id;
	row->table_no = r.table_no;
	row->no = xstrdup_or_null(r.no);
	row->name = xstrdup_or_null(r.name);
	row->unit = xstrdup_or_null(r.unit);
	row->attribute = xstrdup(attr_labels[r.attribute]);
	row->baseline = format_baseline(&r);
	row->entered = guide(&r);
	rc = format_target(s, &r, &row->target);
	if (rc == 0)
		rc = fill_values(s, row, t->year);
	if (rc == 0)
		rc = add_base_row(s, t, t->nrows - 1, &r);
	pw_monitor_ref_release(&r);
	return rc;
}

int pw_template_build(struct pw_store *s, const char *unit, int year, struct pw_template *t)
{
	struct pw_assigned *a;
	size_t i, n;
	int64_t uid;
	int rc;

	memset(t, 0, sizeof(*t));
	t->unit = xstrdup(unit);
	t->year = year;
	rc = pw_store_unit_find(s, unit, &uid);
	if (rc < 0)
		return rc;
	if (pw_store_unit_assigned(s, unit, year, &a, &n) < 0)
		return -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = a[i].entity == PW_ENTITY_PROJECT ? pw_template_add_project(s, t, a[i].id)
						      : add_row(s, t, &a[i]);
	free(a);
	return rc;
}

void pw_template_release(struct pw_template *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		struct pw_template_row *r = &t->rows[i];

		free(r->no);
		free(r->name);
		free(r->unit);
		free(r->attribute);
		free(r->entered);
		free(r->baseline);
		free(r->target);
		free(r->source);
		free(r->note);
	}
	for (i = 0; i < t->nprojects; i++)
		pw_template_project_release(&t->projects[i]);
	free(t->projects);
	free(t->rows);
	free(t->unit);
	memset(t, 0, sizeof(*t));
}

/* ------------------------------------------------------------------ */
/* CSV                                                                */

static const char *const csv_headings[] = {
	"indicator_id", "target_id", "表", "序号", "指标名称", "单位", "属性", "基数", "目标",
	"上年值", "上年年份", "年份", "填报值", "预计", "来源", "备注", "填报口径",
};

static void add_num(struct strbuf *sb, bool has, double v)
{
	if (has)
		sb_addf(sb, "%.15g", v);
	sb_addch(sb, ',');
}

static void csv_texts(struct strbuf *sb, const char *const *texts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_addch(sb, ',');
		pw_csv_field(sb, texts[i]);
	}
}

static void csv_row(struct strbuf *sb, const struct pw_template_row *r, int year)
{
	const char *const texts[] = { r->no, r->name, r->unit, r->attribute, r->baseline,
				      r->target };
	const char *const fill[] = { r->has_value && r->estimated ? "是" : NULL, r->source,
				     r->note, r->entered };

	if (r->entity == PW_ENTITY_INDICATOR)
		sb_addf(sb, "%lld,,", (long long)r->id);
	else
		sb_addf(sb, ",%lld,", (long long)r->id);
	if (r->table_no)
		sb_addf(sb, "表%d", r->table_no);
	sb_addch(sb, ',');
	csv_texts(sb, texts, NELEM(texts));
	sb_addch(sb, ',');
	add_num(sb, r->has_last, r->last);
	if (r->has_last)
		sb_addf(sb, "%d", r->last_year);
	sb_addf(sb, ",%d,", r->year ? r->year : year);
	add_num(sb, r->has_value, r->value);
	csv_texts(sb, fill, NELEM(fill));
	sb_addstr(sb, "\r\n");
}

int pw_template_write_csv(const struct pw_template *t, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc = 0;

	sb_addstr(&sb, "\xEF\xBB\xBF");
	for (i = 0; i < NELEM(csv_headings); i++)
		sb_addf(&sb, "%s%s", i ? "," : "", csv_headings[i]);
	sb_addstr(&sb, "\r\n");
	for (i = 0; i < t->nrows; i++)
		csv_row(&sb, &t->rows[i], t->year);
	pw_template_projects_csv(&sb, t);
	if (strcmp(path, "-"))
		rc = pw_outfile_write(path, sb.buf, sb.len);
	else if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout) != 0)
		rc = pw_error_kind(PW_ERR_IO, "cannot write to standard output: %s", strerror(errno));
	sb_release(&sb);
	return rc;
}
