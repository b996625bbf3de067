/*
 * table_row.c - table lines as cells (tabs, Markdown pipes, runs of
 * blanks) and the column roles of an indicator-table header: base,
 * target and targets past the plan's end (2035年远景目标), the attribute
 * column, the unit note of the name column (指标名称（单位：%）).
 */
#include "ingest/table_int.h"
#include "ingest/scan.h"
#include "text/utf8.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"
#include "model/year.h"

#define IDEO_SPACE "\xe3\x80\x80"

/* ------------------------------------------------------------------ */
/* Cells                                                              */

/* Appends s[0..len) as a cell, trimmed within its own bytes: once its
 * end is trimmed, a non-blank byte stops the leading blanks inside it. */
static void add_cell(struct pw_trow *r, const char *s, size_t len)
{
	size_t k;

	len = pw_utf8_rtrim(s, len);
	k = len ? pw_utf8_blanks(s) : 0;
	s += k;
	len -= k;
	ALLOC_GROW(r->cells, r->n + 1, r->alloc);
	r->cells[r->n++] = xstrndup(s, len);
}

static void split_on(struct pw_trow *r, const char *s, char sep)
{
	const char *p;

	while ((p = strchr(s, sep)) != NULL) {
		add_cell(r, s, (size_t)(p - s));
		s = p + 1;
	}
	add_cell(r, s, strlen(s));
}

/* Bytes of a run of blanks at s that separates columns (2+ blanks, or
 * one U+3000 next to another blank), else 0. */
static size_t column_gap(const char *s)
{
	size_t i = 0, n = 0, k;

	for (;;) {
		if (s[i] == ' ') {
			i++;
			n++;
		} else if ((k = pw_utf8_starts(s + i, IDEO_SPACE)) != 0) {
			i += k;
			n++;
		} else {
			break;
		}
	}
	return n >= 2 ? i : 0;
}

static void split_spaces(struct pw_trow *r, const char *s)
{
	const char *start = s;
	size_t k;

	while (*s) {
		k = column_gap(s);
		if (k) {
			add_cell(r, start, (size_t)(s - start));
			s += k;
			start = s;
		} else {
			s++;
		}
	}
	add_cell(r, start, (size_t)(s - start));
}

static bool is_rule_cell(const char *c)
{
	if (!*c)
		return true;
	for (; *c; c++)
		if (*c != '-' && *c != ':' && *c != ' ')
			return false;
	return true;
}

static void split_pipes(struct pw_trow *r, const char *s)
{
	size_t len, i;

	s += pw_utf8_blanks(s) + 1; /* the leading | */
	len = pw_utf8_rtrim(s, strlen(s));
	if (len && s[len - 1] == '|')
		len--;
	{
		char *copy = xstrndup(s, len);

		split_on(r, copy, '|');
		free(copy);
	}
	r->rule = r->n > 0 && strchr(s, '-') != NULL;
	for (i = 0; i < r->n && r->rule; i++)
		r->rule = is_rule_cell(r->cells[i]);
}

void pw_table_split(struct pw_trow *r, const char *line, bool spaces)
{
	const char *b = line + pw_utf8_blanks(line);

	memset(r, 0, sizeof(*r));
	if (*b == '|') {
		r->kind = PW_TROW_PIPES;
		split_pipes(r, b);
	} else if (strchr(line, '\t')) {
		r->kind = PW_TROW_TABS;
		split_on(r, line, '\t');
	} else if (spaces) {
		split_spaces(r, b);
		r->kind = r->n > 1 ? PW_TROW_SPACES : PW_TROW_PLAIN;
	} else {
		r->kind = PW_TROW_PLAIN;
		add_cell(r, line, strlen(line));
	}
}

void pw_table_row_release(struct pw_trow *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->parsed);
	free(r->have_parsed);
	memset(r, 0, sizeof(*r));
}

size_t pw_table_row_used(const struct pw_trow *r)
{
	size_t n = r->n;

	while (n > 0 && !r->cells[n - 1][0])
		n--;
	return n;
}

size_t pw_table_row_filled(const struct pw_trow *r, size_t *first)
{
	size_t i, n = 0;

	for (i = r->n; i-- > 0;)
		if (r->cells[i][0]) {
			n++;
			*first = i;
		}
	return n;
}

const char *pw_table_cell(const struct pw_trow *r, size_t i)
{
	return i < r->n ? r->cells[i] : "";
}

const struct pw_cell *pw_table_parsed(const struct pw_trow *r, size_t i)
{
	static const struct pw_cell empty = { .type = PW_CELL_EMPTY };
	struct pw_trow *w = (struct pw_trow *)r; /* the cache only */

	if (i >= r->n)
		return &empty;
	if (!r->parsed) {
		w->parsed = xcalloc(r->n, sizeof(*r->parsed));
		w->have_parsed = xcalloc(r->n, 1);
	}
	if (!r->have_parsed[i]) {
		pw_parse_cell(r->cells[i], &w->parsed[i]);
		w->have_parsed[i] = 1;
	}
	return &r->parsed[i];
}

/* ------------------------------------------------------------------ */
/* Small shared scanners                                              */

char *pw_table_squeeze(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;

	while (*s) {
		if ((k = pw_utf8_blank(s)) != 0)
			s += k;
		else
			sb_addch(&sb, *s++);
	}
	return sb_detach(&sb, NULL);
}

int pw_table_year(const char *s)
{
	int y;
	size_t k;

	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			continue;
		k = pw_scan_digits(s, &y);
		if (k == 4 && pw_text_year(y) &&
		    (pw_utf8_starts(s + k, "年") || !s[k] || s[k] == ' '))
			return y;
		s += k - 1;
	}
	return 0;
}

size_t pw_table_open_paren(const char *s)
{
	size_t k = pw_utf8_starts(s, "（");

	return k ? k : pw_utf8_starts(s, "(");
}

size_t pw_table_close_paren(const char *s)
{
	size_t k = pw_utf8_starts(s, "）");

	return k ? k : pw_utf8_starts(s, ")");
}

/* A number (digits or Chinese numeral) at s; copies it to no. */
static size_t any_number(const char *s, char *no, size_t nsize)
{
	int v;
	size_t k = pw_scan_anynum(s, &v);

	if (k && nsize)
		snprintf(no, nsize, "%.*s", (int)k, s);
	return k;
}

bool pw_table_serial(const char *s, char *no, size_t nsize)
{
	size_t i = pw_table_open_paren(s), k;

	k = any_number(s + i, no, nsize);
	if (!k)
		return false;
	i += k;
	if (pw_table_open_paren(s)) {
		k = pw_table_close_paren(s + i);
		if (!k)
			return false;
		i += k;
	} else if (s[i] == '.') {
		i++;
	} else {
		i += pw_utf8_starts(s + i, "、");
	}
	return !s[i + pw_utf8_blanks(s + i)];
}

size_t pw_table_name_number(const char *s, char *no, size_t nsize)
{
	size_t i = pw_table_open_paren(s), k, c;
	int v;

	if (!pw_scan_digits(s + i, &v))
		return 0;
	k = any_number(s + i, no, nsize);
	i += k;
	if (pw_table_open_paren(s))
		c = pw_table_close_paren(s + i);
	else if (s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9'))
		c = 1;
	else
		c = pw_utf8_starts(s + i, "、");
	if (!c) {
		if (nsize)
			no[0] = '\0';
		return 0;
	}
	return i + c + pw_utf8_blanks(s + i + c);
}

size_t pw_table_cat_number(const char *s)
{
	size_t i = pw_table_open_paren(s), k, c;
	int v;

	k = pw_scan_anynum(s + i, &v);
	if (!k)
		return 0;
	i += k;
	if (pw_table_open_paren(s))
		c = pw_table_close_paren(s + i);
	else if ((c = pw_utf8_starts(s + i, "、")) == 0 && (c = pw_utf8_starts(s + i, "．")) == 0)
		c = (s[i] == '.') ? 1 : 0;
	if (!c)
		return 0;
	return i + c + pw_utf8_blanks(s + i + c);
}

/* ------------------------------------------------------------------ */
/* Header roles                                                       */

struct role_word {
	const char *w;
	enum pw_trole role;
};

/* Words of a growth or total column's header (年均增长, 增速, 五年累计). */
#define GROWTH_HEAD                                                                    \
	(PW_VOCAB_BIT(PW_VOCAB_AVERAGE) | PW_VOCAB_BIT(PW_VOCAB_GROWTH) |              \
	 PW_VOCAB_BIT(PW_VOCAB_RATE) | PW_VOCAB_BIT(PW_VOCAB_CUMULATIVE))

/* First match wins: the order settles cells with several words
 * ("指标属性" is ATTR, "2020年完成值" ACTUAL, "年均增长目标" GROWTH).  The
 * growth column's words (年均 增长 增速 累计 ...) are the vocabulary's
 * (text/vocab.h, GROWTH_HEAD), read at the place of the NULL row. */
static const struct role_word role_words[] = {
	{ "序号", PW_TR_NO }, { "编号", PW_TR_NO }, { "责任", PW_TR_OTHER },
	{ "牵头", PW_TR_OTHER }, { "负责", PW_TR_OTHER }, { "主管", PW_TR_OTHER },
	{ "属性", PW_TR_ATTR },
	{ "性质", PW_TR_ATTR }, { "完成", PW_TR_ACTUAL }, { "实际", PW_TR_ACTUAL },
	{ "实现值", PW_TR_ACTUAL }, { NULL, PW_TR_GROWTH },
	{ "基数", PW_TR_BASE }, { "基期", PW_TR_BASE }, { "基准", PW_TR_BASE },
	{ "现状", PW_TR_BASE }, { "基础值", PW_TR_BASE }, { "目标", PW_TR_TARGET },
	{ "规划值", PW_TR_TARGET }, { "预期值", PW_TR_TARGET }, { "单位", PW_TR_UNIT },
	{ "类别", PW_TR_CATEGORY }, { "领域", PW_TR_CATEGORY }, { "分类", PW_TR_CATEGORY },
	{ "类型", PW_TR_CATEGORY }, { "指标", PW_TR_NAME }, { "名称", PW_TR_NAME },
	{ "项目", PW_TR_NAME }, { "备注", PW_TR_OTHER }, { "说明", PW_TR_OTHER },
};

/* The role of the first role word in s, or PW_TR_NONE. */
static enum pw_trole word_role(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(role_words); i++)
		if (role_words[i].w ? strstr(s, role_words[i].w) != NULL
				    : pw_vocab_has(s, GROWTH_HEAD))
			return role_words[i].role;
	return PW_TR_NONE;
}

/* The header word without its unit note: bracket groups and a trailing
 * "单位：…" removed ("指标名称（单位）" -> "指标名称", "指标 单位：万元" ->
 * "指标").  s is squeezed (no blanks); caller frees. */
static char *header_word(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k, depth = 0;

	while (*s) {
		if ((k = pw_table_open_paren(s)) != 0) {
			depth++;
		} else if (depth && (k = pw_table_close_paren(s)) != 0) {
			depth--;
		} else if (!depth && (pw_utf8_starts(s, "单位：") || pw_utf8_starts(s, "单位:")) &&
			   sb.len) {
			break;
		} else {
			k = 1;
			if (!depth)
				sb_addch(&sb, *s);
		}
		s += k;
	}
	return sb_detach(&sb, NULL);
}

/* A cell's role: its words outside a unit note decide (指标名称（单位） is
 * the name column, not the unit column); if they name no role, the
 * whole cell ("2020年（基数）"); then a bare year. */
static enum pw_trole cell_role(const char *cell)
{
	char *sq = pw_table_squeeze(cell), *word;
	enum pw_trole role = PW_TR_OTHER;

	if (!*sq) {
		free(sq);
		return PW_TR_NONE;
	}
	word = header_word(sq);
	if (pw_scan_width(*word ? word : sq, strlen(*word ? word : sq)) <= 16) {
		role = *word ? word_role(word) : PW_TR_NONE;
		if (role == PW_TR_NONE)
			role = word_role(sq);
		if (role == PW_TR_NONE)
			role = pw_table_year(sq) ? PW_TR_YEAR : PW_TR_OTHER;
	}
	free(word);
	free(sq);
	return role;
}

size_t pw_table_header_find(const struct pw_theader *h, enum pw_trole role)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->roles[i] == role)
			return i;
	return (size_t)-1;
}

/* A lone year column is the target unless a target column exists (then
 * the base, or a later target: 2035年 beside 2025年目标) or the period
 * says it is before the plan starts. */
static enum pw_trole lone_year_role(const struct pw_theader *h, int year, int start)
{
	size_t t = pw_table_header_find(h, PW_TR_TARGET);

	if (t != (size_t)-1)
		return h->years[t] && year > h->years[t] ? PW_TR_TARGET : PW_TR_BASE;
	if (pw_table_header_find(h, PW_TR_BASE) != (size_t)-1)
		return PW_TR_TARGET;
	if (start && year < start)
		return PW_TR_BASE;
	return PW_TR_TARGET;
}

/* Bare year columns: the earliest is the base, the others targets. */
static void resolve_years(struct pw_theader *h, int start)
{
	size_t i, lo = (size_t)-1, count = 0;

	for (i = 0; i < h->n; i++) {
		if (h->roles[i] != PW_TR_YEAR)
			continue;
		if (lo == (size_t)-1 || h->years[i] < h->years[lo])
			lo = i;
		count++;
	}
	for (i = 0; i < h->n; i++)
		if (h->roles[i] == PW_TR_YEAR)
			h->roles[i] = count > 1 ? PW_TR_TARGET : PW_TR_OTHER;
	if (count == 1)
		h->roles[lo] = lone_year_role(h, h->years[lo], start);
	else if (count > 1)
		h->roles[lo] = PW_TR_BASE; /* mark_far_targets() keeps the right target */
}

/* The last year of the plan: the period's end, else (when a column says
 * 远景) the earliest target year; 0 if unknown. */
static int plan_end_year(const struct pw_theader *h, const struct pw_trow *r, int start)
{
	size_t i;
	int end = 0;

	if (start)
		return start + 4;
	for (i = 0; i < h->n; i++)
		if (h->roles[i] == PW_TR_TARGET && h->years[i] && (!end || h->years[i] < end))
			end = h->years[i];
	for (i = 0; i < h->n; i++)
		if (h->roles[i] == PW_TR_TARGET && strstr(r->cells[i], "远"))
			return end;
	return 0;
}

/* Target columns past the plan's end (2035年远景目标) become FAR; of
 * the others the latest stays the target (an earlier one is ignored). */
static void mark_far_targets(struct pw_theader *h, const struct pw_trow *r, int start)
{
	int end = plan_end_year(h, r, start);
	size_t i, keep = (size_t)-1;

	for (i = 0; i < h->n; i++) {
		if (h->roles[i] != PW_TR_TARGET)
			continue;
		if (end && h->years[i] > end)
			h->roles[i] = PW_TR_FAR;
		else if (keep == (size_t)-1 || h->years[i] >= h->years[keep])
			keep = i;
	}
	for (i = 0; i < h->n; i++)
		if (h->roles[i] == PW_TR_TARGET && i != keep)
			h->roles[i] = PW_TR_OTHER;
}

/* A 类别/类型 column right of the name holds 预期性/约束性: attributes. */
static void attr_after_name(struct pw_theader *h)
{
	size_t i;

	for (i = h->name_col + 1; i < h->n; i++)
		if (h->roles[i] == PW_TR_CATEGORY)
			h->roles[i] = PW_TR_ATTR;
}

/* The unit note of the name column ("指标名称（单位：%）") or of a unit
 * column that names one unit for all ("单位：亿元"). */
static char *header_unit(const struct pw_theader *h, const struct pw_trow *r)
{
	size_t u = pw_table_header_find(h, PW_TR_UNIT);
	char *unit = pw_table_unit_note(r->cells[h->name_col]);

	if (!unit && u != (size_t)-1)
		unit = pw_table_unit_note(r->cells[u]);
	return unit;
}

static void set_years(struct pw_theader *h, const struct pw_trow *r)
{
	size_t i;

	h->years = xcalloc(h->n, sizeof(*h->years));
	for (i = 0; i < h->n; i++)
		h->years[i] = pw_table_year(r->cells[i]);
}

/* "2020年实际" beside "2025年目标" and no base column: the base. */
static void actual_as_base(struct pw_theader *h, const struct pw_trow *r)
{
	size_t a = pw_table_header_find(h, PW_TR_ACTUAL), t = pw_table_header_find(h, PW_TR_TARGET);
	int ya, yt;

	if (a == (size_t)-1 || t == (size_t)-1 || pw_table_header_find(h, PW_TR_BASE) != (size_t)-1)
		return;
	ya = pw_table_year(r->cells[a]);
	yt = pw_table_year(r->cells[t]);
	if (ya && yt && ya < yt)
		h->roles[a] = PW_TR_BASE;
}

bool pw_table_role_word(const char *cell)
{
	enum pw_trole r = cell_role(cell);

	return r != PW_TR_NONE && r != PW_TR_OTHER && r != PW_TR_YEAR;
}

static int role_year(const struct pw_theader *h, const struct pw_trow *r, enum pw_trole role)
{
	size_t i = pw_table_header_find(h, role);

	return i == (size_t)-1 ? 0 : pw_table_year(r->cells[i]);
}

static size_t count_value_roles(const struct pw_theader *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->n; i++)
		switch (h->roles[i]) {
		case PW_TR_BASE: case PW_TR_TARGET: case PW_TR_GROWTH: case PW_TR_CUMUL:
		case PW_TR_ACTUAL: case PW_TR_ATTR: case PW_TR_YEAR: case PW_TR_UNIT: case PW_TR_FAR:
			n++;
			break;
		default:
			break;
		}
	return n;
}

static bool has_number_cell(const struct pw_trow *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (pw_table_parsed(r, i)->type == PW_CELL_NUMBER && !pw_table_year(r->cells[i]))
			return true;
	return false;
}

/* A growth column headed only 累计 ("五年累计", "五年累 计" cut by the
 * converter) or another total word (新增), without a rate word, holds
 * period totals: it becomes a PW_TR_CUMUL column, beside or
 * instead of a 年均 column. */
static void mark_cumulative(struct pw_theader *h, const struct pw_trow *r)
{
	const unsigned rate = PW_VOCAB_BIT(PW_VOCAB_AVERAGE) | PW_VOCAB_BIT(PW_VOCAB_GROWTH) |
			      PW_VOCAB_BIT(PW_VOCAB_RATE);
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->roles[i] == PW_TR_GROWTH &&
		    (strstr(r->cells[i], "累") ||
		     pw_vocab_has(r->cells[i], PW_VOCAB_BIT(PW_VOCAB_CUMULATIVE))) &&
		    !pw_vocab_has(r->cells[i], rate))
			h->roles[i] = PW_TR_CUMUL;
}

/* The first column after the name part: a value role right of the name. */
static size_t first_value_col(const struct pw_theader *h)
{
	size_t i;

	for (i = h->name_col + 1; i < h->n; i++)
		if (h->roles[i] != PW_TR_NONE && h->roles[i] != PW_TR_NO &&
		    h->roles[i] != PW_TR_NAME && h->roles[i] != PW_TR_CATEGORY)
			return i;
	return h->n;
}

/* Cheap test before the role words: a header names its name column with
 * 指标, 名称 or 项目 (possibly broken by a blank: 指 标). */
static bool may_name_column(const struct pw_trow *r)
{
	static const char *const chars[] = { "指", "名", "项" };
	size_t i, k;

	for (i = 0; i < r->n; i++)
		for (k = 0; k < NELEM(chars); k++)
			if (strstr(r->cells[i], chars[k]))
				return true;
	return false;
}

bool pw_table_header(const struct pw_trow *r, int start, struct pw_theader *h)
{
	size_t i;

	memset(h, 0, sizeof(*h));
	if (r->rule || pw_table_row_used(r) < 3 || !may_name_column(r))
		return false;
	h->n = pw_table_row_used(r);
	h->roles = xcalloc(h->n, sizeof(*h->roles));
	for (i = 0; i < h->n; i++)
		h->roles[i] = cell_role(r->cells[i]);
	h->name_col = pw_table_header_find(h, PW_TR_NAME);
	if (h->name_col == (size_t)-1 || count_value_roles(h) < 2 || has_number_cell(r)) {
		pw_table_header_release(h);
		return false;
	}
	set_years(h, r);
	resolve_years(h, start);
	mark_far_targets(h, r, start);
	mark_cumulative(h, r);
	actual_as_base(h, r);
	attr_after_name(h);
	h->unit = header_unit(h, r);
	h->first_value = first_value_col(h);
	h->base_year = role_year(h, r, PW_TR_BASE);
	h->target_year = role_year(h, r, PW_TR_TARGET);
	h->actual_year = role_year(h, r, PW_TR_ACTUAL);
	return true;
}

void pw_table_header_release(struct pw_theader *h)
{
	free(h->roles);
	free(h->years);
	free(h->unit);
	memset(h, 0, sizeof(*h));
}
