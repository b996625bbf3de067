/*
 * para.c - logical paragraphs rejoined across page breaks; see para.h.
 */
#include "text/para.h"
#include "text/number.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include <string.h>
#include "util/nelem.h"

#define MAX_GAP_LINES 6      /* blank or page-number lines bridged by a join */
#define TITLE_MAX_CHARS 20   /* a shorter line without punctuation is a title */
#define HEADING_MAX_CHARS 40 /* 一、… and （一）… headings are at most this long */
#define MAX_REPEAT_CHARS 4   /* longest word repeated across a break */

void pw_para_init(struct pw_para *pa)
{
	memset(pa, 0, sizeof(*pa));
	sb_init(&pa->text, 0);
}

void pw_para_release(struct pw_para *pa)
{
	sb_release(&pa->text);
	free(pa->segs);
	pw_para_init(pa);
}

/* ---- code point helpers ---------------------------------------------- */

static uint32_t cp_at(const char *s, size_t len, size_t *n)
{
	uint32_t cp = 0;

	*n = len ? pw_utf8_decode(s, len, &cp) : 0;
	return cp;
}

/* Start of the code point that ends at s[end]. */
static size_t cp_start_before(const char *s, size_t end)
{
	size_t i = end;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i ? i - 1 : 0;
}

static bool is_han(uint32_t cp)
{
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

static size_t count_chars(const char *s)
{
	return pw_utf8_columns(s, strlen(s));
}

/* Bounds of line s (len = strlen(s)) without surrounding blanks. */
static void trim_bounds(const char *s, size_t len, size_t *b, size_t *e)
{
	*b = pw_utf8_blanks(s);
	*e = pw_utf8_rtrim(s, len);
	if (*e < *b)
		*e = *b; /* a blank line */
}

bool pw_para_blank(const char *s)
{
	return s[pw_utf8_blanks(s)] == '\0';
}

/* ---- line classes ------------------------------------------------------ */

static bool has_cjk_punct(const char *s)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：", "！", "？" };
	size_t i;

	for (i = 0; i < NELEM(marks); i++)
		if (strstr(s, marks[i]))
			return true;
	return false;
}

/* Length of a run of Han numerals (and ASCII digits if digits is set) at
 * s, in bytes. */
static size_t numeral_run(const char *s, bool digits)
{
	size_t i = 0, n;

	for (;;) {
		if (digits && s[i] >= '0' && s[i] <= '9')
			n = 1;
		else if (!(n = pw_scan_cnum_char(s + i)))
			return i;
		i += n;
	}
}

static enum pw_para_level numbered_level(const char *s)
{
	size_t k, m;

	if ((m = pw_utf8_starts(s, "第")) && (k = numeral_run(s + m, true)) > 0) {
		const char *t = s + m + k;

		if (pw_utf8_starts(t, "篇"))
			return PW_PARA_PART;
		if (pw_utf8_starts(t, "章"))
			return PW_PARA_CHAPTER;
		if (pw_utf8_starts(t, "节"))
			return PW_PARA_SECTION;
	}
	if (strstr(s, "。") || count_chars(s) > HEADING_MAX_CHARS)
		return PW_PARA_NOT_HEADING;
	/* 一、 and （一）: Han numerals; 1、 and （1） are list entries */
	k = numeral_run(s, false);
	if (k > 0 && pw_utf8_starts(s + k, "、"))
		return PW_PARA_ITEM;
	if ((m = pw_utf8_starts(s, "（")) && (k = numeral_run(s + m, false)) > 0 &&
	    pw_utf8_starts(s + m + k, "）"))
		return PW_PARA_SUBITEM;
	return PW_PARA_NOT_HEADING;
}

static bool box_heading(const char *s)
{
	const char *t;
	size_t k;

	if ((k = pw_utf8_starts(s, "专栏")) != 0) {
		t = s + k;
		return !*t || pw_utf8_blank(t) || (*t >= '0' && *t <= '9') ||
		       pw_utf8_starts(t, "“") || numeral_run(t, true);
	}
	if ((k = pw_utf8_starts(s, "表")) != 0) {
		t = s + k + pw_utf8_blanks(s + k);
		return (*t >= '0' && *t <= '9') || (numeral_run(t, true) && !strstr(s, "。"));
	}
	return false;
}

enum pw_para_level pw_para_heading_level(const char *s)
{
	enum pw_para_level lv;

	s += pw_utf8_blanks(s);
	while (*s == '#')
		s++;
	s += pw_utf8_blanks(s);
	if (!*s)
		return PW_PARA_NOT_HEADING;
	lv = numbered_level(s);
	if (lv != PW_PARA_NOT_HEADING)
		return lv;
	if (box_heading(s))
		return PW_PARA_BOX;
	if (!has_cjk_punct(s) && count_chars(s) < TITLE_MAX_CHARS)
		return PW_PARA_TITLE;
	return PW_PARA_NOT_HEADING;
}

/* Table rows are not running text. */
static bool is_text_line(const char *s)
{
	return !strchr(s, '\t') && s[pw_utf8_blanks(s)] != '|';
}

/* "- 12 -", "12", "第 3 页": page furniture between the pieces of a paragraph. */
static bool is_page_number(const char *s)
{
	bool digit = false;
	size_t n;

	if (strlen(s) > 24)
		return false;
	while (*s) {
		uint32_t cp = cp_at(s, strnlen(s, 4), &n);

		if (cp >= '0' && cp <= '9')
			digit = true;
		else if (!pw_utf8_is_blank(cp) && cp != '-' && cp != 0x2014 && cp != 0x2013 &&
			 cp != '/' && cp != 0x7B2C /* 第 */ && cp != 0x9875 /* 页 */ &&
			 cp != 0x5171 /* 共 */)
			return false;
		s += n;
	}
	return digit;
}

/* "1." "1、" "（1）" "(1)" "- " "①": a list item never continues a paragraph. */
static bool starts_list_item(const char *s)
{
	size_t i = 0;
	uint32_t cp;
	size_t n;

	s += pw_utf8_blanks(s);
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i && ((s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) ||
		  pw_utf8_starts(s + i, "、") || pw_utf8_starts(s + i, "．")))
		return true;
	if ((pw_utf8_starts(s, "（") && s[3] >= '0' && s[3] <= '9') ||
	    (s[0] == '(' && s[1] >= '0' && s[1] <= '9'))
		return true;
	if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
		return true;
	cp = cp_at(s, strnlen(s, 4), &n);
	return (cp >= 0x2460 && cp <= 0x2473) || cp == 0x2022; /* ①..⑳, • */
}

enum para_end {
	END_NONE, /* the sentence runs on */
	END_SOFT, /* ； ;: a clause ends; a line right below goes on with it */
	END_HARD, /* 。！？：…, or lost text */
};

/* Does a line end its paragraph?  A ； ends a clause, not a sentence: the
 * line right below it (no blank line between) continues the sentence
 * ("到2025年，…年均增长7.5%左右；" / "城镇居民人均可支配收入达到…。"), a
 * line after a blank starts a new paragraph. */
static enum para_end ends_paragraph(const char *s, size_t len)
{
	static const char *const enders = "。！？：!?:…";
	static const char *const soft = "；;";
	static const char *const closers = "”’」』）)】\"'";
	size_t b, e, n, st;
	char buf[5] = { 0 };
	uint32_t cp;

	trim_bounds(s, len, &b, &e);
	if (e == b)
		return END_HARD;
	st = cp_start_before(s, e);
	cp = cp_at(s + st, e - st, &n);
	if (cp == 0xFFFD)
		return END_HARD;
	pw_utf8_encode(cp, buf);
	if (strstr(closers, buf) && st > b) {
		st = cp_start_before(s, st);
		cp = cp_at(s + st, e - st, &n);
		memset(buf, 0, sizeof(buf));
		pw_utf8_encode(cp, buf);
	}
	if (strstr(enders, buf))
		return END_HARD;
	return strstr(soft, buf) ? END_SOFT : END_NONE;
}

/* ---- joining ------------------------------------------------------------ */

static void add_seg(struct pw_para *pa, int line, size_t dropped)
{
	ALLOC_GROW(pa->segs, pa->nsegs + 1, pa->segs_alloc);
	pa->segs[pa->nsegs].off = pa->text.len;
	pa->segs[pa->nsegs].line = line;
	pa->segs[pa->nsegs].dropped = dropped;
	pa->nsegs++;
}

/* Bytes of the longest Han word (up to MAX_REPEAT_CHARS) that ends text and
 * starts s: "科" in "…全区科" + "科技型…". */
static size_t repeated_word(const struct strbuf *text, const char *s, size_t len)
{
	size_t k;

	for (k = MAX_REPEAT_CHARS; k > 0; k--) {
		size_t tb = text->len, sb = 0, i, n;
		bool ok = true;

		for (i = 0; i < k && ok; i++) {
			if (!tb)
				ok = false;
			else
				tb = cp_start_before(text->buf, tb);
		}
		for (i = 0; i < k && ok; i++) {
			uint32_t cp = cp_at(s + sb, len - sb, &n);

			ok = n && is_han(cp);
			sb += n;
		}
		if (ok && text->len - tb == sb && !memcmp(text->buf + tb, s, sb))
			return sb;
	}
	return 0;
}

static void append_piece(struct pw_para *pa, const struct pw_line *l, bool dedup)
{
	size_t b, e, drop = 0;

	trim_bounds(l->s, l->len, &b, &e);
	if (dedup)
		drop = repeated_word(&pa->text, l->s + b, e - b);
	add_seg(pa, l->no, drop);
	sb_add(&pa->text, l->s + b + drop, e - b - drop);
}

static bool usable(const struct pw_doc *d, const unsigned char *skip, size_t i)
{
	return !(skip && skip[i]) && is_text_line(d->lines[i].s);
}

/* Index of the line that continues the paragraph ending at line i, or 0.
 * max_gap: blank or page-number lines that may lie between. */
static size_t continuation(const struct pw_doc *d, const unsigned char *skip, size_t i,
			   size_t max_gap)
{
	size_t j, gap = 0;
	enum pw_para_level lv;

	for (j = i + 1; j < d->nlines; j++) {
		const char *s = d->lines[j].s;

		if (skip && skip[j])
			return 0;
		if (!pw_para_blank(s) && !is_page_number(s))
			break;
		if (++gap > max_gap)
			return 0;
	}
	if (j >= d->nlines || !usable(d, skip, j) || starts_list_item(d->lines[j].s))
		return 0;
	lv = pw_para_heading_level(d->lines[j].s);
	if (lv != PW_PARA_NOT_HEADING && lv != PW_PARA_TITLE)
		return 0;
	return j;
}

/* A numbered heading always; a short line without punctuation only when a
 * blank line, a non-text line or the end follows it (else it is a line
 * wrapped in the middle of a sentence: "学前三岁儿童入园率达" / "到95%以上。"). */
static bool is_heading(const struct pw_doc *d, const unsigned char *skip, size_t i)
{
	enum pw_para_level lv = pw_para_heading_level(d->lines[i].s);

	if (lv != PW_PARA_TITLE)
		return lv != PW_PARA_NOT_HEADING;
	return i + 1 >= d->nlines || pw_para_blank(d->lines[i + 1].s) || !usable(d, skip, i + 1);
}

static void reset(struct pw_para *pa, size_t i)
{
	sb_reset(&pa->text);
	pa->nsegs = 0;
	pa->first = pa->last = i;
	pa->heading = false;
}

int pw_para_next(const struct pw_doc *d, const unsigned char *skip, size_t *pos,
		 struct pw_para *pa)
{
	size_t i = *pos, j;
	enum para_end end;

	while (i < d->nlines && (!usable(d, skip, i) || pw_para_blank(d->lines[i].s)))
		i++;
	if (i >= d->nlines) {
		*pos = i;
		return 0;
	}
	reset(pa, i);
	append_piece(pa, &d->lines[i], false);
	if (is_heading(d, skip, i)) {
		pa->heading = true;
		*pos = i + 1;
		return 1;
	}
	while ((end = ends_paragraph(d->lines[i].s, d->lines[i].len)) != END_HARD &&
	       (j = continuation(d, skip, i, end == END_SOFT ? 0 : MAX_GAP_LINES)) != 0) {
		append_piece(pa, &d->lines[j], true);
		i = j;
	}
	pa->last = i;
	*pos = i + 1;
	return 1;
}

int pw_para_line_at(const struct pw_para *pa, size_t off)
{
	size_t lo = 1, hi = pa->nsegs, mid;

	if (!pa->nsegs)
		return 0;
	/* Binary search for the first segment starting after off: a paragraph
	 * of wrapped lines without sentence ends may have thousands. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pa->segs[mid].off > off)
			hi = mid;
		else
			lo = mid + 1;
	}
	return pa->segs[lo - 1].line;
}
