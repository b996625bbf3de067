/*
 * meta.c - plan title, region, ordinal (第N个五年规划) and period.
 *
 * The title is a heading-like line at the top of the document naming a
 * plan or report, else the first 《…》 naming a 国民经济和社会发展 plan.
 * The region is the place name before 国民经济和社会发展 (or 人民政府).
 * The ordinal comes from 第十四个五年 or “十四五” forms; the period from
 * explicit years next to it (（2021-2025年）), else from the ordinal, else
 * from 规划期 2021—2025年.  Government work reports get ordinal 0 and, when
 * their title names one, a single year.
 */
#include "ingest/ingest.h"
#include "text/number.h"
#include "ingest/scan.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <string.h>
#include "util/nelem.h"
#include "model/year.h"

#define TOP_LINES 12   /* non-blank lines searched for a title line */
#define MAX_TITLE 80   /* code points */
#define MAX_REGION 12  /* code points */

static const char ANCHOR[] = "国民经济和社会发展";

/* ---- plan years ---- */

/* First year of the nth five-year plan (1st 1953, 6th 1981, 14th 2021). */
static int plan_start(int n)
{
	static const int early[] = { 1953, 1958, 1966, 1971, 1976 };

	if (n <= 0)
		return 0;
	return n <= 5 ? early[n - 1] : 1981 + 5 * (n - 6);
}

/* The plan whose period starts in year y (2021 -> 14), or 0. */
static int plan_of_year(int y)
{
	int n;

	for (n = 1; n <= 5; n++)
		if (plan_start(n) == y)
			return n;
	return y >= 1981 && (y - 1981) % 5 == 0 ? 6 + (y - 1981) / 5 : 0;
}

/* ---- title ---- */

static bool has(const char *s, const char *lit)
{
	return strstr(s, lit) != NULL;
}

/* A line that names a plan or report and is not prose. */
static bool title_like(const char *s)
{
	size_t len = strlen(s);

	return !has(s, "。") && pw_scan_width(s, len) <= MAX_TITLE &&
	       (has(s, "规划") || has(s, "纲要") || has(s, "工作报告") || has(s, ANCHOR));
}

/* Appends the trimmed line to sb, without enclosing 《》. */
static void add_title_text(struct strbuf *sb, const char *s)
{
	size_t len, n;

	s += pw_utf8_blanks(s);
	if ((n = pw_utf8_starts(s, "《")))
		s += n;
	len = pw_utf8_rtrim(s, strlen(s));
	len -= pw_utf8_ends(s, len, "》");
	sb_add(sb, s, len);
}

/* Index of the next non-blank line after i, or d->nlines. */
static size_t next_nonblank(const struct pw_doc *d, size_t i)
{
	for (i++; i < d->nlines && pw_scan_blank(d->lines[i].s); i++)
		;
	return i;
}

/* The title from the top lines: a title-like line, joined with the next
 * one when the title is split (…国民经济和社会发展 / 第十四个五年规划…).
 * Here and below, a returned string is new and the caller frees it (it
 * ends up in the plan); NULL means not found. */
static char *title_from_top(const struct pw_doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = next_nonblank(d, (size_t)-1), seen = 0, j;

	for (; i < d->nlines && seen < TOP_LINES; i = next_nonblank(d, i), seen++) {
		const char *s = d->lines[i].s;

		if (has(s, "。"))
			break;
		if (!title_like(s))
			continue;
		add_title_text(&sb, s);
		j = next_nonblank(d, i);
		if (!has(s, "规划") && !has(s, "报告") && j < d->nlines &&
		    title_like(d->lines[j].s))
			add_title_text(&sb, d->lines[j].s);
		return sb_detach(&sb, NULL);
	}
	return NULL;
}

/* The first 《…》 in d naming a plan outline (not a 建议 on one). */
static char *title_from_quotes(const struct pw_doc *d)
{
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		const char *p = d->lines[i].s, *open, *close;

		while ((open = strstr(p, "《")) && (close = strstr(open, "》"))) {
			size_t n = strlen("《");
			char *t = xstrndup(open + n, (size_t)(close - open) - n);

			if ((has(t, ANCHOR) || has(t, "五年规划")) && !has(t, "建议"))
				return t;
			free(t);
			p = close + strlen("》");
		}
	}
	return NULL;
}

/* ---- region ---- */

static bool is_han(uint32_t cp)
{
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* Start of the run of Han characters that ends at end (at most max). */
static const char *han_run_before(const char *start, const char *end, size_t max)
{
	const char *p = end, *q;
	uint32_t cp;

	while (max-- && p > start) {
		for (q = p - 1; q > start && ((unsigned char)*q & 0xC0) == 0x80; q--)
			;
		pw_utf8_decode(q, (size_t)(p - q), &cp);
		if (!is_han(cp))
			break;
		p = q;
	}
	return p;
}

/* Moves *s past the last word that ends a lead-in (关于制定, 年, 在...). */
static void cut_lead_in(const char **s, const char *end)
{
	static const char *const words[] = { "关于制定", "制定", "关于", "编制", "代表", "年", "在", "的", "中共" };
	size_t i;

	for (i = 0; i < NELEM(words); i++) {
		const char *hit = *s, *last = NULL;

		while ((hit = strstr(hit, words[i])) && hit + strlen(words[i]) <= end)
			last = hit++;
		if (last)
			*s = last + strlen(words[i]);
	}
}

static bool place_suffix(const char *s, size_t len)
{
	static const char *const sfx[] = { "省", "市", "区", "县", "州", "旗", "盟", "国", "镇", "乡" };
	size_t i;

	for (i = 0; i < NELEM(sfx); i++)
		if (pw_utf8_ends(s, len, sfx[i]))
			return true;
	return false;
}

/* Drops a trailing 第九届 (…第九届人民代表大会) from [start, *end). */
static void cut_session(const char *start, const char **end)
{
	const char *di = NULL, *p;
	size_t jie = strlen("届");

	if ((size_t)(*end - start) < jie || memcmp(*end - jie, "届", jie))
		return;
	for (p = start; (p = strstr(p, "第")) && p < *end; p++)
		di = p;
	if (di)
		*end = di;
}

/* Skips a leading 第十四届 (在第十四届全国人民代表大会: the session comes
 * before the place when the place is 全国). */
static void skip_session(const char **start, const char *end)
{
	const char *jie;

	if (*start >= end || !pw_utf8_starts(*start, "第") ||
	    !(jie = memmem(*start, (size_t)(end - *start), "届", strlen("届"))))
		return;
	*start = jie + strlen("届");
}

/* [start, end) as a region name, or NULL if it does not look like one. */
static char *region_or_null(const char *start, const char *end)
{
	size_t w;

	if (end <= start)
		return NULL;
	w = pw_scan_width(start, (size_t)(end - start));
	if (w < 2 || w > MAX_REGION || !place_suffix(start, (size_t)(end - start)))
		return NULL;
	return xstrndup(start, (size_t)(end - start));
}

/* The place name written just before anchor in s, or NULL. */
static char *place_before(const char *s, const char *anchor)
{
	const char *end = strstr(s, anchor), *start;

	if (!end)
		return NULL;
	start = han_run_before(s, end, 24);
	cut_lead_in(&start, end);
	cut_session(start, &end);
	skip_session(&start, end);
	return region_or_null(start, end);
}

/* A title that opens with its place (某某县城乡融合发展规划): the shortest
 * prefix of at least three characters ending in 省/市/区/县/州/旗 and not
 * in a common noun (城市, 城区). */
static char *place_prefix(const char *title)
{
	static const char *const sfx[] = { "省", "市", "区", "县", "州", "旗" };
	const char *p = title;
	size_t i, w, chars;
	uint32_t cp;

	for (chars = 0; *p && chars < MAX_REGION; chars++, p += w) {
		w = pw_utf8_decode(p, strnlen(p, 4), &cp);
		if (!is_han(cp))
			return NULL;
		for (i = 0; chars >= 2 && i < NELEM(sfx); i++)
			if (pw_utf8_starts(p, sfx[i]) && memcmp(p - w, "城", w))
				return xstrndup(title, (size_t)(p + w - title));
	}
	return NULL;
}

/* The region from the title, else from the first line of d that names one,
 * else the place the title opens with. */
static char *find_region(const struct pw_doc *d, const char *title)
{
	static const char *const anchors[] = { ANCHOR, "人民政府", "人民代表大会" };
	char *r;
	size_t i, a;

	if (title && (r = place_before(title, ANCHOR)))
		return r;
	for (a = 0; a < NELEM(anchors); a++)
		for (i = 0; i < d->nlines; i++)
			if (strstr(d->lines[i].s, anchors[a]) &&
			    (r = place_before(d->lines[i].s, anchors[a])))
				return r;
	return title ? place_prefix(title) : NULL;
}

/* ---- ordinal ---- */

/* 第十四个五年 at s: returns N, or 0. */
static int ordinal_di(const char *s)
{
	size_t n = pw_utf8_starts(s, "第"), m;
	int v;

	if (!n || !(m = pw_scan_anynum(s + n, &v)))
		return 0;
	s += n + m;
	if ((n = pw_utf8_starts(s, "个")))
		s += n;
	return pw_utf8_starts(s, "五年") ? v : 0;
}

/* “十四五” (or 十四五 before 规划/时期/期间) at s, s just after the
 * opening quote or at a numeral: returns N, or 0. */
static int ordinal_short(const char *s, bool quoted)
{
	static const char *const after[] = { "规划", "时期", "期间", "计划", "末" };
	size_t run, five = strlen("五"), i;
	char *num;
	int v, ok;

	run = pw_scan_cnum(s, &v);
	if (run <= five || memcmp(s + run - five, "五", five))
		return 0;
	num = xstrndup(s, run - five); /* 十四五 -> 十四 */
	ok = pw_scan_cnum(num, &v) == run - five;
	free(num);
	if (!ok)
		return 0;
	if (quoted && pw_utf8_starts(s + run, "”"))
		return v;
	for (i = 0; i < NELEM(after); i++)
		if (pw_utf8_starts(s + run, after[i]))
			return v;
	return 0;
}

/* Bytes of the character at s (at least 1).  Bounded: called at every
 * character of a line, which strlen(s) would make quadratic. */
static size_t char_len(const char *s)
{
	uint32_t cp;

	return pw_utf8_decode(s, strnlen(s, 4), &cp);
}

/* The first 第N个五年 form in s, or 0. */
static int ordinal_di_line(const char *s)
{
	const char *p;
	int v;

	for (p = s; (p = strstr(p, "第")); p += 3)
		if ((v = ordinal_di(p)))
			return v;
	return 0;
}

/* Best ordinal named in s: the first 第N个五年 form, else the largest
 * “N五” form (a plan looks back at the previous one, not forward). */
static int ordinal_in(const char *s)
{
	const char *p;
	int best, v;
	size_t n;

	if ((best = ordinal_di_line(s)))
		return best;
	if (!strstr(s, "五"))
		return 0;
	for (p = s; *p; p += n) {
		v = 0;
		if ((n = pw_utf8_starts(p, "“")))
			v = ordinal_short(p + n, true);
		else if ((n = pw_scan_cnum(p, &v)))
			v = ordinal_short(p, false);
		else
			n = char_len(p);
		if (v > best)
			best = v;
	}
	return best;
}

/* ---- period ---- */

/* A year (pw_text_year) at s not preceded by a digit; bytes or 0. */
static size_t year_at(const char *s, const char *line, int *y)
{
	size_t n;

	if (s > line && s[-1] >= '0' && s[-1] <= '9')
		return 0;
	n = pw_scan_digits(s, y);
	return n == 4 && pw_text_year(*y) ? n : 0;
}

/* 2021-2025年, 2021年—2025年, 2021至2025: a five-year span at s; bytes or 0. */
static size_t span_at(const char *s, const char *line, int *y1, int *y2)
{
	const char *p = s;
	size_t n, any = 0;

	if (!(n = year_at(p, line, y1)))
		return 0;
	p += n;
	if ((n = pw_utf8_starts(p, "年")))
		p += n;
	p += pw_utf8_blanks(p);
	/* the shared range separators, and 一 which PDF conversion makes of a
	 * dash between years (2021一2025年) */
	while ((n = pw_scan_range_sep(p)) || (n = pw_utf8_starts(p, "一")))
		p += n, any++;
	p += pw_utf8_blanks(p);
	if (!any || !(n = pw_scan_digits(p, y2)) || n != 4 || *y2 != *y1 + 4)
		return 0;
	return (size_t)(p + n - s);
}

/* The first five-year span in s. */
static bool span_in(const char *s, int *y1, int *y2)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p >= '1' && *p <= '2' && span_at(p, s, y1, y2))
			return true;
	return false;
}

/* The span written on the first line that names plan ordinal n and has one. */
static bool span_near_ordinal(const struct pw_doc *d, int n, int *y1, int *y2)
{
	size_t i;

	for (i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i].s, "五") && ordinal_in(d->lines[i].s) == n &&
		    span_in(d->lines[i].s, y1, y2))
			return true;
	return false;
}

/* 规划期 2021—2025年, else the span written most often. */
static bool span_anywhere(const struct pw_doc *d, int *y1, int *y2)
{
	int count[PW_TEXT_YEAR_MAX - PW_TEXT_YEAR_MIN + 1] = { 0 }, best = 0, a, b;
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		const char *s = d->lines[i].s;

		if (!span_in(s, &a, &b))
			continue;
		if (strstr(s, "规划期")) {
			*y1 = a, *y2 = b;
			return true;
		}
		if (++count[a - PW_TEXT_YEAR_MIN] > best ||
		    (count[a - PW_TEXT_YEAR_MIN] == best && a == *y1))
			best = count[a - PW_TEXT_YEAR_MIN], *y1 = a, *y2 = b;
	}
	return best > 0;
}

/* A single year in a work report title (2024年政府工作报告). */
static void report_year(struct pw_plan *p)
{
	const char *s;
	int y;

	for (s = p->title; *s; s++)
		if (year_at(s, p->title, &y) && pw_utf8_starts(s + 4, "年")) {
			p->start = p->end = y;
			return;
		}
}

/* The period when the title does not state one. */
static void read_period(const struct pw_doc *d, struct pw_plan *p)
{
	int a = 0, b = 0;

	if (p->title && strstr(p->title, "工作报告")) {
		report_year(p);
	} else if ((p->ordinal && span_near_ordinal(d, p->ordinal, &a, &b)) ||
		   (!p->ordinal && span_anywhere(d, &a, &b))) {
		p->start = a, p->end = b;
	} else if (p->ordinal) {
		p->start = plan_start(p->ordinal);
		p->end = p->start + 4;
	}
}

/* The ordinal from the title, else the first mention in the text. */
static int find_ordinal(const struct pw_doc *d, const char *title)
{
	size_t i;
	int v, best;

	if (title && strstr(title, "工作报告"))
		return 0;
	if (title && (v = ordinal_in(title)))
		return v;
	for (i = 0; i < d->nlines; i++)
		if ((v = ordinal_di_line(d->lines[i].s)))
			return v;
	for (i = 0, best = 0; i < d->nlines; i++)
		if ((v = ordinal_in(d->lines[i].s)) > best)
			best = v;
	return best;
}

static void read_plan_meta(const struct pw_doc *d, struct pw_plan *p);

/* ---- annual documents ---- */

/* Does the title name an annual document: a work report (政府工作报告), a
 * report on the annual plan (…执行情况与2024年计划草案的报告), or a year's
 * plan (2024年国民经济和社会发展计划, 年度计划), not a five-year 规划? */
static bool annual_title(const char *t)
{
	if (has(t, "工作报告") || has(t, "计划草案") || has(t, "年度计划"))
		return true;
	return has(t, "国民经济和社会发展计划") && !has(t, "规划") && !has(t, "五年");
}

/* The last year written with 年 in s (执行情况与2024年计划草案 -> 2024),
 * or 0: a plan report names the past year first and the planned one last. */
static int last_year_in(const char *s)
{
	const char *q;
	int y, last = 0;

	for (q = s; *q; q++)
		if (year_at(q, s, &y) && pw_utf8_starts(q + 4, "年"))
			last = y;
	return last;
}

/* The year of a dated line at the top (——2024年1月15日在…会议上): when a
 * work report's title names no year, the year it is delivered in is the
 * year whose targets it sets (今年). */
static int date_year(const struct pw_doc *d)
{
	size_t i = next_nonblank(d, (size_t)-1), seen = 0;

	for (; i < d->nlines && seen < TOP_LINES; i = next_nonblank(d, i), seen++) {
		const char *s = d->lines[i].s, *q;
		int y;

		for (q = s; *q; q++)
			if (year_at(q, s, &y) && pw_utf8_starts(q + 4, "年") &&
			    q[4 + 3] >= '0' && q[4 + 3] <= '9' && has(q, "月"))
				return y;
	}
	return 0;
}

/* Sets p->doc_kind and p->year when the title names an annual document
 * (or the caller set p->doc_kind already: --kind annual; a year it set,
 * --year, stays);
 * its period is then that one year, so that the prose finder reads the
 * years before it as past. */
static void read_doc_kind(const struct pw_doc *d, struct pw_plan *p)
{
	char *place;
	size_t n;

	if (p->doc_kind != PW_DOC_ANNUAL && (!p->title || !annual_title(p->title)))
		return;
	p->doc_kind = PW_DOC_ANNUAL;
	p->ordinal = 0;
	/* 关于湛河区2021年国民经济和社会发展计划…: the year hides the place
	 * from place_before(), the place opens the title after 关于 */
	if (p->title && (n = pw_utf8_starts(p->title, "关于")) &&
	    (place = place_prefix(p->title + n))) {
		free(p->region);
		p->region = place;
	}
	if (!p->year && p->title)
		p->year = last_year_in(p->title);
	if (!p->year)
		p->year = date_year(d);
	if (p->year)
		p->start = p->end = p->year;
}

/* Fills p->title, region, ordinal, start and end, and the document kind
 * and year, from d (each left NULL or 0 when not found). */
void pw_read_meta(const struct pw_doc *d, struct pw_plan *p)
{
	read_plan_meta(d, p);
	read_doc_kind(d, p);
}

/* The title, region, ordinal and period. */
static void read_plan_meta(const struct pw_doc *d, struct pw_plan *p)
{
	p->title = title_from_top(d);
	if (!p->title)
		p->title = title_from_quotes(d);
	p->region = find_region(d, p->title);
	if (p->title && span_in(p->title, &p->start, &p->end)) {
		/* …规划纲要（2021—2025年）: the years name the plan; a
		 * 国民经济和社会发展 plan starting in 2021 is the 14th */
		p->ordinal = ordinal_in(p->title);
		if (!p->ordinal && strstr(p->title, ANCHOR))
			p->ordinal = plan_of_year(p->start);
		return;
	}
	p->ordinal = find_ordinal(d, p->title);
	read_period(d, p);
}
