/*
 * table.c - finding indicator tables in a plan: a header row with
 * indicator-table column words (possibly cut over up to three lines), then
 * data rows (tabs, Markdown pipes or runs of blanks; a name wrapped onto
 * the next line joins its row), across page breaks and repeated headers,
 * up to the notes (注：…) that close it.  A 单位：… line above the header
 * gives the unit of names without one.  Also the title (表N / 专栏N), the plan
 * period it covers, footnote years (带*的为2019年数据) and the claims that
 * keep later stages off the table's lines.  Rows: table_ind.c; cells and
 * header roles: table_row.c.
 */
#include "ingest/ingest.h"
#include "ingest/scan.h"
#include "ingest/table_int.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"
#include "model/year.h"


#define MAX_HEADER_LINES 3 /* lines a converter cuts one header row over */

enum lkind { L_BLANK, L_RULE, L_HEADER, L_NOTE, L_TITLE, L_ROW, L_CATROW, L_OTHER };

struct tctx {
	const struct pw_doc *d;
	struct pw_plan *p;
	unsigned char *claimed;
	enum pw_trow_kind mode; /* how the current table separates cells */
	struct pw_theader h;    /* the current header */
	struct pw_tstate st;
	struct strbuf notes;    /* text of the notes under the table */
};

static const char *line_at(const struct tctx *c, size_t i)
{
	return c->d->lines[i].s;
}

static void claim(struct tctx *c, size_t i)
{
	c->claimed[i] = PW_CLAIM_TABLE;
}

/* ------------------------------------------------------------------ */
/* Line kinds                                                         */

/* "表 1", "表2", "表一", "附表3", "专栏1", "专栏 …"; Markdown #'s skipped. */
static const char *title_text(const char *s)
{
	size_t k;
	int v;

	while (*s == '#' || *s == ' ' || *s == '>')
		s++;
	s += pw_utf8_blanks(s);
	if (pw_utf8_starts(s, "专栏"))
		return s;
	k = pw_utf8_starts(s, "附表");
	if (!k)
		k = pw_utf8_starts(s, "表");
	if (k && pw_scan_anynum(s + k + pw_utf8_blanks(s + k), &v))
		return s;
	return NULL;
}

static bool is_title(const char *s)
{
	const char *t = title_text(s);

	return t && !strchr(s, '\t') && pw_scan_width(t, strlen(t)) <= 80 &&
	       !pw_scan_ends_sentence(t, strlen(t));
}

/* A short line naming an indicator table without 表N: "主要指标". */
static bool is_loose_title(const char *s)
{
	size_t len = strlen(s);

	return (strstr(s, "主要指标") || strstr(s, "指标体系")) && !strchr(s, '\t') &&
	       pw_scan_width(s, len) <= 40 && !pw_scan_ends_sentence(s, len) &&
	       !strstr(s, "，");
}

static bool is_note(const char *s)
{
	static const char *const starts[] = {
		"注：", "注:", "注 ", "注1", "注①", "备注", "说明：", "说明:", "资料来源",
		"数据来源", "带*", "带＊", "*", "＊", "①", "②", "③", "④", "⑤", "⑥",
		"⑦", "⑧", "⑨", "⑩",
	};
	size_t i;

	s += pw_utf8_blanks(s);
	if (*s == '|')
		s += 1 + pw_utf8_blanks(s + 1);
	for (i = 0; i < NELEM(starts); i++)
		if (pw_utf8_starts(s, starts[i]))
			return true;
	return false;
}

static bool same_mode(enum pw_trow_kind mode, const struct pw_trow *r)
{
	if (mode == PW_TROW_SPACES)
		return r->kind == PW_TROW_SPACES || r->kind == PW_TROW_TABS;
	return r->kind == mode;
}

/* A row holding only a category ("一、经济发展" and empty cells). */
static bool is_category_row(const struct pw_trow *r, const struct pw_theader *h)
{
	size_t first = 0, n = pw_table_row_filled(r, &first);
	const char *s = n ? r->cells[first] : "";
	char no[32];

	if (n != 1 || pw_table_serial(s, no, sizeof(no)))
		return false;
	if (pw_table_parsed(r, first)->type != PW_CELL_TEXT || pw_scan_ends_sentence(s, strlen(s)))
		return false;
	if (first == 0 && (h->first_value > 1 || pw_table_cat_number(s)))
		return true;
	return first == 1 && first < h->first_value && pw_table_cat_number(s);
}

/* A category named without a number: "经济发展", "资源环境类". */
static bool category_words(const char *s)
{
	static const char *const ends[] = {
		"发展", "驱动", "福祉", "生态", "环境", "保障", "民生", "创新", "开放", "安全",
		"文明", "改革", "活力", "治理", "协调", "绿色", "共享", "类", "领域",
	};
	size_t len = pw_utf8_rtrim(s, strlen(s)), i, k;

	for (i = 0; i < NELEM(ends); i++) {
		k = strlen(ends[i]);
		if (len >= k && !memcmp(s + len - k, ends[i], k))
			return true;
	}
	return false;
}

/* A line without cells that reads as a category: "二、创新驱动". */
static bool is_plain_category(const char *s)
{
	size_t k = pw_table_cat_number(s), len = strlen(s);

	return (k || category_words(s)) && pw_scan_width(s, len) <= 24 &&
	       !pw_scan_ends_sentence(s, len) && !strstr(s + k, "，");
}

/* Line j right under a data row that holds only the rest of the row's
 * name, wrapped by the converter ("支出", "业率（%）"): a short piece of
 * text that is no category, note, title or sentence.  Returns it
 * trimmed (caller frees), or NULL. */
static char *name_tail(const struct tctx *c, size_t j)
{
	const char *s = j < c->d->nlines ? line_at(c, j) : "";
	size_t len;
	struct pw_cell cell;
	struct pw_trow r;
	bool one;

	s += pw_utf8_blanks(s);
	len = pw_utf8_rtrim(s, strlen(s));
	if (!len || pw_scan_width(s, len) > 20 || is_note(s) || is_title(s) ||
	    is_plain_category(s) || pw_scan_ends_sentence(s, len) || strstr(s, "，") ||
	    strstr(s, "：") || pw_utf8_starts(s, "第"))
		return NULL;
	pw_table_split(&r, s, c->mode == PW_TROW_SPACES);
	one = r.n == 1;
	pw_table_row_release(&r);
	pw_parse_cell(s, &cell);
	return one && cell.type == PW_CELL_TEXT ? xstrndup(s, len) : NULL;
}

/* True if the next non-blank line from i on has cells like the table's. */
static bool row_follows(const struct tctx *c, size_t i)
{
	struct pw_trow r;
	bool ok;

	while (i < c->d->nlines && pw_scan_blank(line_at(c, i)))
		i++;
	if (i >= c->d->nlines)
		return false;
	pw_table_split(&r, line_at(c, i), c->mode == PW_TROW_SPACES);
	ok = same_mode(c->mode, &r) && r.n >= 2 && !r.rule;
	pw_table_row_release(&r);
	return ok;
}

static bool is_header(const struct tctx *c, const struct pw_trow *r)
{
	struct pw_theader h;

	if (!pw_table_header(r, c->p->start, &h))
		return false;
	pw_table_header_release(&h);
	return true;
}

/* What line i is inside a table; r gets its cells (caller releases). */
static enum lkind classify(struct tctx *c, size_t i, struct pw_trow *r)
{
	const char *s = line_at(c, i);

	pw_table_split(r, s, c->mode == PW_TROW_SPACES);
	if (pw_scan_blank(s))
		return L_BLANK;
	if (r->rule)
		return L_RULE;
	if (is_note(s))
		return L_NOTE;
	if (is_title(s))
		return L_TITLE;
	if (!same_mode(c->mode, r) || r->n < 2)
		return is_plain_category(s) && row_follows(c, i + 1) ? L_CATROW : L_OTHER;
	if (is_header(c, r))
		return L_HEADER;
	return is_category_row(r, &c->h) ? L_CATROW : L_ROW;
}

/* ------------------------------------------------------------------ */
/* Period and title                                                   */

/* The plan ordinal from "十三五" / "第十四个五年"; 0 if none. */
static int plan_ordinal(const char *s)
{
	const char *p;
	int v;

	for (p = strstr(s, "十"); p; p = strstr(p + 1, "十"))
		if ((v = pw_scan_plan_name_at(p)) != 0)
			return v;
	p = strstr(s, "第");
	if (p && pw_scan_cnum(p + strlen("第"), &v) && strstr(p, "个五年"))
		return v;
	return 0;
}

/* "2021—2025年" or "2021-2025": sets start and end. */
static bool year_span(const char *s, int *start, int *end)
{
	int a, b;
	size_t k, n;

	for (; *s; s++) {
		if (*s < '0' || *s > '9' || pw_scan_digits(s, &a) != 4)
			continue;
		k = 4;
		while ((n = pw_scan_range_sep(s + k)) != 0)
			k += n;
		if (k > 4 && pw_scan_digits(s + k, &b) == 4 && b > a && b - a <= 10) {
			*start = a;
			*end = b;
			return true;
		}
		s += 3;
	}
	return false;
}

static void period_from_text(const char *s, int *start, int *end)
{
	int n = plan_ordinal(s);

	if (n >= 6 && n <= 30) {
		*start = 2021 + 5 * (n - 14);
		*end = *start + 4;
		return;
	}
	year_span(s, start, end);
}

/* Period from the header's years when the title has none. */
static void period_from_header(const struct pw_theader *h, int *start, int *end)
{
	if (h->target_year) {
		*end = h->target_year;
		*start = *end - 4;
	} else if (h->base_year) {
		*start = h->base_year + 1;
		*end = *start + 4;
	} else if (h->actual_year) {
		*end = h->actual_year;
		*start = *end - 4;
	}
}

static bool is_unit_line(const char *s)
{
	s += pw_utf8_blanks(s);
	return pw_utf8_starts(s, "单位：") || pw_utf8_starts(s, "单位:") ||
	       pw_utf8_starts(s, "计量单位");
}

/* The title line above the header at hline (nearest non-empty line, a
 * unit line skipped), or -1. */
static long find_title(struct tctx *c, size_t hline)
{
	size_t i = hline;
	const char *s;

	while (i-- > 0) {
		s = line_at(c, i);
		if (pw_scan_blank(s))
			continue;
		if (is_unit_line(s)) {
			claim(c, i);
			continue;
		}
		if (c->claimed[i] == PW_CLAIM_TABLE)
			return -1;
		if (is_title(s) || (is_loose_title(s) && c->claimed[i] == PW_CLAIM_NONE))
			return (long)i;
		return -1;
	}
	return -1;
}

/* The unit of a "单位：亿元" line just above the header at hline, or of
 * the title line; NULL if none.  Caller frees. */
static char *unit_above(const struct tctx *c, size_t hline, long tl)
{
	size_t i = hline;

	while (i-- > 0 && (long)i >= tl) {
		const char *s = line_at(c, i);

		if (pw_scan_blank(s))
			continue;
		if (is_unit_line(s) || (long)i == tl)
			return pw_table_unit_note(s);
		break;
	}
	return NULL;
}

/* The title text of line s without Markdown marks; caller frees. */
static char *clean_title(const char *s)
{
	const char *t = title_text(s);
	struct strbuf sb = STRBUF_INIT;

	if (!t) {
		while (*s == '#' || *s == ' ')
			s++;
		t = s;
	}
	sb_addstr(&sb, t);
	pw_utf8_trim(&sb);
	return sb_detach(&sb, NULL);
}

/* ------------------------------------------------------------------ */
/* Notes and footnotes                                                */

/* Reads the notes from line i on; returns the last note line. */
static size_t read_notes(struct tctx *c, size_t i)
{
	size_t last = i, j;

	sb_addstr(&c->notes, line_at(c, i));
	claim(c, i);
	for (j = i + 1; j < c->d->nlines && j <= last + 2; j++) {
		const char *s = line_at(c, j);

		if (pw_scan_blank(s))
			continue;
		if (!is_note(s))
			break;
		sb_addch(&c->notes, '\n');
		sb_addstr(&c->notes, s);
		claim(c, j);
		last = j;
	}
	return last;
}

/* "带*的为2019年数据": the year a * marks (0 if none), and then the
 * clause as the note in *clause, a new string the caller frees. */
static int footnote_year(const char *notes, char **clause)
{
	static const char *const stops[] = { "。", "；", ";", "，", "\n", "②", "③", "④" };
	const char *star = strchr(notes, '*'), *p, *e;
	size_t i;
	int y;

	if (!star)
		star = strstr(notes, "＊");
	if (!star)
		return 0;
	for (p = star; *p && p - star < 40; p++)
		if (pw_scan_digits(p, &y) == 4 && pw_text_year(y) && pw_utf8_starts(p + 4, "年"))
			break;
	if (!*p || p - star >= 40)
		return 0;
	e = p + strlen(p);
	for (i = 0; i < NELEM(stops); i++) {
		const char *q = strstr(p, stops[i]);

		if (q && q < e)
			e = q;
	}
	*clause = xstrndup(p, (size_t)(e - p));
	return y;
}

static void apply_footnotes(struct tctx *c, struct pw_table *t)
{
	char *clause = NULL;
	int y = footnote_year(c->notes.buf, &clause);
	size_t i;

	for (i = 0; y && i < t->nrows && i < c->st.stars_alloc; i++) {
		if (!c->st.stars[i])
			continue;
		if (c->st.stars[i] & 1)
			t->rows[i].baseline_year = y;
		if (c->st.stars[i] & 2)
			t->rows[i].actual_year = y;
		free(t->rows[i].note);
		t->rows[i].note = xstrdup(clause);
	}
	free(clause);
}

/* ------------------------------------------------------------------ */
/* Extent                                                             */

/* The roles that say what a table holds (the number and category
 * columns come and go between pages). */
static unsigned role_mask(const struct pw_theader *h)
{
	unsigned m = 0;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->roles[i] != PW_TR_NONE && h->roles[i] != PW_TR_OTHER &&
		    h->roles[i] != PW_TR_NO && h->roles[i] != PW_TR_CATEGORY)
			m |= 1u << h->roles[i];
	return m;
}

static bool same_roles(const struct pw_theader *a, const struct pw_theader *b)
{
	return role_mask(a) == role_mask(b);
}

/* Parses the header at line i into c->h (replacing it); false if the
 * header belongs to another table. */
static bool switch_header(struct tctx *c, const struct pw_trow *r, bool must_match)
{
	struct pw_theader h;

	if (!pw_table_header(r, c->st.t->start, &h))
		return false;
	if (must_match && !same_roles(&h, &c->h)) {
		pw_table_header_release(&h);
		return false;
	}
	pw_table_header_release(&c->h);
	c->h = h;
	if (h.base_year)
		c->st.base_year = h.base_year;
	if (h.target_year)
		c->st.target_year = h.target_year;
	if (h.actual_year)
		c->st.actual_year = h.actual_year;
	if (h.unit) {
		free(c->st.unit_note);
		c->st.unit_note = xstrdup(h.unit);
	}
	return true;
}

/* After a line of prose inside a table (page-break damage): the line
 * where the table goes on, or 0 if it has ended. */
static size_t resumes_at(struct tctx *c, size_t i)
{
	size_t j, prose = 0;
	enum lkind k;
	struct pw_trow r;
	bool ok;

	for (j = i; j < c->d->nlines && j < i + 12; j++) {
		k = classify(c, j, &r);
		ok = (k == L_ROW && pw_table_row_used(&r) + 1 >= c->h.n) ||
		     (k == L_HEADER && switch_header(c, &r, true));
		pw_table_row_release(&r);
		if (ok)
			return j;
		if (k == L_OTHER && ++prose <= 3)
			continue;
		if (k != L_BLANK)
			return 0;
	}
	return 0;
}

static void set_category(struct tctx *c, const struct pw_trow *r)
{
	size_t first = 0;

	if (pw_table_row_filled(r, &first))
		pw_table_set_category(&c->st, r->cells[first]);
}

/* Data row r at line i, with the rest of its name if the next line holds
 * it; sets *next and *last past what it used. */
static void read_row(struct tctx *c, size_t i, const struct pw_trow *r, size_t *next,
		     size_t *last)
{
	char *tail = name_tail(c, i + 1);

	pw_table_read_row(&c->st, &c->h, r, c->d->lines[i].no, tail);
	claim(c, i);
	*last = i;
	if (tail) {
		claim(c, i + 1);
		*last = *next = i + 1;
		(*next)++;
	}
	free(tail);
}

static bool header_piece_line(const struct pw_trow *nx, enum pw_trow_kind kind);

/* The lines after a header at line i that hold only pieces of it (a
 * header cut over two or three lines, as in 2020年 / 基数, repeated
 * after a page break or in runs of blanks, whose pieces do not line up
 * cell by cell): claimed, so that none is read as a data row.  Returns
 * the line after them. */
static size_t skip_header_pieces(struct tctx *c, size_t i)
{
	struct pw_trow r;
	size_t n;
	bool piece;

	for (n = 1; n < MAX_HEADER_LINES && i + n < c->d->nlines; n++) {
		pw_table_split(&r, line_at(c, i + n), c->mode == PW_TROW_SPACES);
		piece = header_piece_line(&r, c->mode);
		pw_table_row_release(&r);
		if (!piece)
			break;
		claim(c, i + n);
	}
	return i + n;
}

/* One line inside the table; returns false when the table has ended and
 * sets *next to the line to look at next. */
static bool table_line(struct tctx *c, size_t i, size_t *next, size_t *last)
{
	struct pw_trow r;
	enum lkind k = classify(c, i, &r);
	bool go_on = true;

	*next = i + 1;
	switch (k) {
	case L_BLANK:
		break;
	case L_HEADER:
		if ((go_on = switch_header(c, &r, false)) != false) {
			claim(c, i);
			*next = skip_header_pieces(c, i);
			*last = *next - 1;
		}
		break;
	case L_RULE:
		claim(c, i);
		*last = i;
		break;
	case L_CATROW:
		set_category(c, &r);
		claim(c, i);
		*last = i;
		break;
	case L_ROW:
		read_row(c, i, &r, next, last);
		break;
	case L_NOTE:
		*last = read_notes(c, i);
		go_on = false;
		break;
	case L_TITLE:
		go_on = false;
		break;
	case L_OTHER:
		*next = resumes_at(c, i + 1);
		go_on = *next != 0;
		break;
	}
	pw_table_row_release(&r);
	return go_on;
}

static void set_years(struct tctx *c, struct pw_table *t)
{
	c->st.base_year = c->h.base_year ? c->h.base_year : (t->start ? t->start - 1 : 0);
	c->st.target_year = c->h.target_year ? c->h.target_year : t->end;
	c->st.actual_year = c->h.actual_year ? c->h.actual_year : t->end;
}

/* Title, period and header of the table whose header is at hline. */
static struct pw_table *open_table(struct tctx *c, size_t hline, const struct pw_trow *hr)
{
	struct pw_table *t = pw_plan_add_table(c->p);
	long tl = find_title(c, hline);

	t->line = c->d->lines[tl >= 0 ? (size_t)tl : hline].no;
	if (tl >= 0) {
		t->title = clean_title(line_at(c, (size_t)tl));
		claim(c, (size_t)tl);
		period_from_text(t->title, &t->start, &t->end);
	}
	pw_table_header(hr, t->start, &c->h);
	if (!t->start)
		period_from_header(&c->h, &t->start, &t->end);
	memset(&c->st, 0, sizeof(c->st));
	c->st.t = t;
	c->st.file = c->d->name;
	c->st.unit_note = c->h.unit ? xstrdup(c->h.unit) : unit_above(c, hline, tl);
	set_years(c, t);
	claim(c, hline);
	return t;
}

/* A header cell cut by the converter: a role word, a year or a short
 * piece of a word ("号", "年基", "（%）"). */
static bool header_piece_cell(const struct pw_trow *r, size_t j)
{
	const char *s = r->cells[j];
	enum pw_cell_type t = pw_table_parsed(r, j)->type;

	if (!*s)
		return true;
	if (pw_table_cat_number(s))
		return false; /* 一、经济增长: a category row */
	if (pw_table_role_word(s))
		return true;
	if (t == PW_CELL_NUMBER)
		return pw_table_year(s) != 0;
	return t == PW_CELL_TEXT && pw_scan_width(s, strlen(s)) <= 6 && !strstr(s, "约束") &&
	       !strstr(s, "预期");
}

/* True if nx goes on a header of kind: no values, only header pieces,
 * and a role word unless it holds several pieces. */
static bool header_piece_line(const struct pw_trow *nx, enum pw_trow_kind kind)
{
	size_t j, first = 0, filled = pw_table_row_filled(nx, &first), roles = 0;

	if (!same_mode(kind, nx) || nx->rule || nx->n < 2 || !filled)
		return false;
	for (j = 0; j < nx->n; j++) {
		if (!header_piece_cell(nx, j))
			return false;
		roles += pw_table_role_word(nx->cells[j]);
	}
	return roles || filled >= 2;
}

/* hr and nx joined column by column (cells joined with a blank, which the
 * role reader squeezes out) into out. */
static void join_header(const struct pw_trow *hr, const struct pw_trow *nx, struct pw_trow *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t j, n = hr->n > nx->n ? hr->n : nx->n;

	for (j = 0; j < n; j++)
		sb_addf(&sb, "%s%s %s", j ? "\t" : "", pw_table_cell(hr, j), pw_table_cell(nx, j));
	pw_table_split(out, sb.buf, false);
	out->kind = hr->kind;
	sb_release(&sb);
}

/* A header cut over several lines by the converter ("2020" / "年基" /
 * "数"): the lines after hline that go on it.  Returns how many, with
 * merged (caller releases if > 0) holding all of them joined. */
static size_t header_continues(struct tctx *c, size_t i, const struct pw_trow *hr,
			       struct pw_trow *merged)
{
	struct pw_trow nx, cur;
	struct pw_theader h;
	size_t n = 0;

	for (; n + 1 < MAX_HEADER_LINES && i + n < c->d->nlines; n++) {
		pw_table_split(&nx, line_at(c, i + n), hr->kind == PW_TROW_SPACES);
		if (!header_piece_line(&nx, hr->kind)) {
			pw_table_row_release(&nx);
			break;
		}
		join_header(n ? merged : hr, &nx, &cur);
		pw_table_row_release(&nx);
		if (!pw_table_header(&cur, 0, &h)) {
			pw_table_row_release(&cur);
			break;
		}
		pw_table_header_release(&h);
		if (n)
			pw_table_row_release(merged);
		*merged = cur;
	}
	return n;
}

/* Reads the table whose header is at hline; returns the line after it. */
static size_t read_table(struct tctx *c, size_t hline, const struct pw_trow *hr0)
{
	struct pw_table *t;
	struct pw_trow two;
	const struct pw_trow *hr = hr0;
	size_t i = hline + 1, next, last = hline, k;

	c->mode = hr->kind;
	for (k = header_continues(c, i, hr0, &two); k > 0; k--) {
		hr = &two;
		claim(c, i);
		last = i++;
	}
	t = open_table(c, hline, hr);
	if (hr == &two)
		pw_table_row_release(&two);
	i = skip_header_pieces(c, i - 1);
	last = i - 1;
	sb_reset(&c->notes);
	while (i < c->d->nlines && table_line(c, i, &next, &last))
		i = next;
	if (!t->nrows)
		pw_warning_at(c->d->name, t->line, 1, "no data rows in indicator table '%s'",
			      t->title ? t->title : "(untitled)");
	apply_footnotes(c, t);
	pw_table_header_release(&c->h);
	pw_table_state_release(&c->st);
	return last + 1;
}

/* ------------------------------------------------------------------ */

/* Cheap test run on every line before the real header test: a header has
 * cells (a tab, a Markdown pipe, or a run of blanks: two spaces or a
 * U+3000).  libc's vectorised searches beat one hand-written pass here. */
static bool may_be_header(const char *s)
{
	return strchr(s, '\t') || s[pw_utf8_blanks(s)] == '|' || strstr(s, "  ") ||
	       strstr(s, "\xe3\x80\x80");
}

static void read_tables(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	struct tctx c = { .d = d, .p = p, .claimed = claimed };
	struct pw_trow r;
	struct pw_theader h;
	size_t i = 0;

	sb_init(&c.notes, 0);
	while (i < d->nlines) {
		if (!may_be_header(d->lines[i].s)) {
			i++;
			continue;
		}
		pw_table_split(&r, d->lines[i].s, true);
		if (pw_table_header(&r, 0, &h)) {
			pw_table_header_release(&h);
			i = read_table(&c, i, &r);
		} else {
			i++;
		}
		pw_table_row_release(&r);
	}
	sb_release(&c.notes);
}

/* Tables written one cell per line are read from their lines rejoined
 * (table_cells.c); a rejoined line claimed claims the lines it holds. */
int pw_read_tables(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	struct pw_table_cells j;
	unsigned char *cl;
	size_t k, i;

	if (!pw_table_join_cells(d, &j)) {
		read_tables(d, p, claimed);
		return 0;
	}
	cl = xcalloc(j.doc.nlines + 1, 1);
	read_tables(&j.doc, p, cl);
	for (k = 0; k < j.doc.nlines; k++)
		for (i = j.first[k]; cl[k] && i < j.first[k + 1]; i++)
			claimed[i] = cl[k];
	free(cl);
	pw_table_cells_release(&j);
	return 0;
}
