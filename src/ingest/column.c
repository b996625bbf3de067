/*
 * column.c - 专栏 boxes of key projects and their numbered items.
 *
 * A box starts at a line "专栏[number] title" that no earlier stage
 * claimed (the table reader takes 专栏 boxes that are indicator tables).
 * Its items are numbered "1." "1、" "（1）" "(1)" "①" "01", optionally
 * after a Markdown list mark ("- 1."); several items may share one line
 * ("1. 甲。… 2. 乙。…").  An item goes on over the next lines when it
 * was cut mid-sentence (a page break), when they are list bullets ("- …"),
 * or when they are further paragraphs before the next item number.  The box ends at a heading, the
 * next 专栏, a table, or the first line that is neither an item nor a
 * continuation.  Box lines are claimed as PW_CLAIM_COLUMN.
 */
#include "ingest/ingest.h"
#include "ingest/outline.h"
#include "ingest/scan.h"
#include "text/number.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <string.h>
#include "util/nelem.h"

#define MAX_HEADER 60     /* code points of a 专栏 title */
#define MIN_PAGE_LINE 20  /* code points: shorter lines are not cut by a page end */
#define LOOKAHEAD 5       /* lines searched for the next item number */

/* ---- item numbers ---- */

struct item_no {
	int no;
	size_t len; /* bytes of the number, its delimiter and following blanks */
};

/* An item number at s; fills m and returns true. */
static bool item_number(const char *s, struct item_no *m)
{
	size_t n;

	if (!(n = pw_scan_item_number(s, &m->no)))
		return false;
	if (m->no <= 0)
		return false;
	m->len = n + pw_utf8_blanks(s + n);
	return s[m->len] != '\0';
}

/* s after blanks and a Markdown list mark ("- ", "* ", "+ ", "• "). */
static const char *skip_list_mark(const char *s)
{
	size_t n = 0;

	s += pw_utf8_blanks(s);
	if (*s == '-' || *s == '*' || *s == '+')
		n = 1;
	else if (!strncmp(s, "•", strlen("•")))
		n = strlen("•");
	if (n && (s[n] == ' ' || s[n] == '\t'))
		return s + n + pw_utf8_blanks(s + n);
	return s;
}

/* ---- the 专栏 line ---- */

/* A box number after 专栏: 3, 3-1, 3.1, 三 (a numeral only before a
 * separator, so 专栏 三大工程 keeps its title).  Returns bytes, or 0. */
static size_t box_number(const char *p)
{
	const char *q = p, *r;
	size_t n;
	int v;

	if ((n = pw_scan_digits(q, &v))) {
		q += n;
		while ((*q == '-' || *q == '.') && (n = pw_scan_digits(q + 1, &v)))
			q += 1 + n;
		return (size_t)(q - p);
	}
	if (!(n = pw_scan_cnum(q, &v)))
		return 0;
	r = q + n;
	if (!*r || pw_utf8_blank(r) || *r == ':' || pw_utf8_starts(r, "：") ||
	    pw_utf8_starts(r, "、"))
		return n;
	return 0;
}

/* If s is a 专栏 line, sets its title (possibly empty) and returns true. */
static bool column_header(const char *s, const char **title, size_t *tlen)
{
	size_t n;

	s += pw_utf8_blanks(s);
	if (!(n = pw_utf8_starts(s, "专栏")))
		return false;
	s += n + pw_utf8_blanks(s + n);
	s += box_number(s);
	for (;;) {
		s += pw_utf8_blanks(s);
		if ((n = pw_utf8_starts(s, "：")) || (n = pw_utf8_starts(s, "、")) ||
		    (n = pw_utf8_starts(s, "—")) || (n = (*s == ':' || *s == '.')))
			s += n;
		else
			break;
	}
	*title = s;
	*tlen = pw_utf8_rtrim(s, strlen(s));
	return !strstr(s, "。") && pw_scan_width(s, *tlen) <= MAX_HEADER;
}

/* ---- reading one box ---- */

struct box {
	struct pw_column *col;
	struct pw_item *item; /* the open item, or NULL */
	struct strbuf text;   /* its text so far */
	size_t first_len;     /* bytes of its first line (0 while reading it) */
	size_t last_width;    /* code points of the last line read */
};

/* The title of an item: its first line up to the first 。 or ：.  A new
 * string (the item owns it). */
static char *item_title(const char *t, size_t first_len)
{
	static const char *const stops[] = { "。", "：", ":" };
	size_t end = first_len, i;
	const char *hit;
	char *line = xstrndup(t, first_len);

	for (i = 0; i < NELEM(stops); i++)
		if ((hit = strstr(line, stops[i])) && (size_t)(hit - line) < end)
			end = (size_t)(hit - line);
	free(line);
	return xstrndup(t, pw_utf8_rtrim(t, end));
}

static void finish_item(struct box *b)
{
	struct strbuf *sb = &b->text;

	if (!b->item)
		return;
	pw_utf8_trim(sb);
	if (!b->first_len || b->first_len > sb->len)
		b->first_len = sb->len;
	b->item->title = item_title(sb->buf, b->first_len);
	b->item->text = sb_detach(sb, NULL);
	b->item = NULL;
}

static void start_item(struct box *b, int no, int line)
{
	finish_item(b);
	b->item = pw_column_add_item(b->col);
	b->item->no = no;
	b->item->line = line;
	b->first_len = 0;
}

/* True if q starts a new item inside a line: after a blank or a sentence end. */
static bool item_boundary(const char *text, const char *q)
{
	static const char *const enders[] = { "。", "；", "！", "？" };
	size_t i, n;

	if (q == text)
		return false;
	if (q[-1] == ' ' || q[-1] == '\t')
		return true;
	for (i = 0; i < NELEM(enders); i++) {
		n = strlen(enders[i]);
		if ((size_t)(q - text) >= n && !memcmp(q - n, enders[i], n))
			return true;
	}
	return false;
}

/* Where in text the item numbered next starts (its number at *num), or NULL. */
static const char *find_next_item(const char *text, int next, const char **num)
{
	struct item_no m;
	const char *q, *r;
	uint32_t cp;

	for (q = text; *q; q += pw_utf8_decode(q, strnlen(q, 4), &cp)) {
		if (!item_boundary(text, q))
			continue;
		r = q + pw_utf8_blanks(q);
		if (item_number(r, &m) && m.no == next) {
			*num = r;
			return q;
		}
	}
	return NULL;
}

/* Appends text to the open item, starting new items where the next
 * number follows a blank or a sentence end ("…。 2. 乙。…"). */
static void feed(struct box *b, const char *text, int line)
{
	const char *q, *num;
	struct item_no m;

	while ((q = find_next_item(text, b->item->no + 1, &num))) {
		sb_add(&b->text, text, (size_t)(q - text));
		if (!b->first_len)
			b->first_len = pw_utf8_rtrim(b->text.buf, b->text.len);
		item_number(num, &m);
		start_item(b, m.no, line);
		text = num + m.len;
	}
	sb_addstr(&b->text, text);
	if (!b->first_len)
		b->first_len = b->text.len;
}

/* Appends a continuation line to the open item: directly after a line cut
 * by a page end, after a space when the last line was a short title
 * ("01 新一代人工智能") or when ASCII words would run together. */
static void feed_continuation(struct box *b, const char *s, int line)
{
	bool ascii;

	s += pw_utf8_blanks(s);
	ascii = b->text.len && (unsigned char)b->text.buf[b->text.len - 1] < 0x80 &&
		(unsigned char)*s < 0x80;
	if (b->text.len && (ascii || (b->last_width < MIN_PAGE_LINE &&
				       !pw_scan_ends_sentence(b->text.buf, b->text.len))))
		sb_addch(&b->text, ' ');
	feed(b, s, line);
}

/* True if line i ends the box before it is read. */
static bool box_ends(const struct pw_doc *d, size_t i, const unsigned char *claimed)
{
	struct pw_heading h;
	const char *t;
	size_t tl;

	return claimed[i] || pw_outline_match(d->lines[i].s, &h) ||
	       column_header(d->lines[i].s, &t, &tl);
}

/* True if the open item stops mid-sentence and either no blank line came
 * since or the last line was long enough to have been cut by a page end. */
static bool cut_mid_sentence(const struct box *b, bool blank)
{
	return !pw_scan_ends_sentence(b->text.buf, b->text.len) &&
	       (!blank || b->last_width >= MIN_PAGE_LINE);
}

/* True if the item numbered after the open one comes within a few lines
 * of line i, before anything that ends the box: line i is then another
 * paragraph of the open item. */
static bool next_item_follows(const struct pw_doc *d, size_t i, const struct box *b,
			      const unsigned char *claimed)
{
	struct item_no m;
	size_t seen = 0;

	for (; i < d->nlines && seen < LOOKAHEAD; i++) {
		if (pw_scan_blank(d->lines[i].s))
			continue;
		if (box_ends(d, i, claimed))
			return false;
		if (item_number(skip_list_mark(d->lines[i].s), &m))
			return m.no == b->item->no + 1;
		seen++;
	}
	return false;
}

/* True if line i (not numbered) belongs to the open item: see the file
 * comment. */
static bool continues(const struct pw_doc *d, size_t i, const struct box *b, bool blank,
		      const unsigned char *claimed)
{
	const char *s = d->lines[i].s;

	if (!b->item)
		return false;
	return cut_mid_sentence(b, blank) || skip_list_mark(s) != s + pw_utf8_blanks(s) ||
	       next_item_follows(d, i, b, claimed);
}

/* A numbered line opens an item when it is the first, the next or a
 * restart at 1 (another number is a continuation such as "3、4号线"). */
static bool opens_item(const struct box *b, const char *s, struct item_no *m)
{
	if (!item_number(s, m))
		return false;
	return !b->item || m->no == b->item->no + 1 || m->no == 1;
}

/* Reads the items after the 专栏 line; returns the index of the last line
 * that belongs to the box. */
static size_t read_items(const struct pw_doc *d, size_t from, struct box *b,
			 const unsigned char *claimed)
{
	size_t i, last = from - 1;
	bool blank = false;
	struct item_no m;

	for (i = from; i < d->nlines; i++) {
		const char *s = d->lines[i].s, *r = skip_list_mark(s);

		if (pw_scan_blank(s)) {
			blank = true;
			continue;
		}
		if (box_ends(d, i, claimed))
			break;
		if (opens_item(b, r, &m)) {
			start_item(b, m.no, d->lines[i].no);
			feed(b, r + m.len, d->lines[i].no);
		} else if (continues(d, i, b, blank, claimed)) {
			feed_continuation(b, r, d->lines[i].no);
		} else {
			break;
		}
		b->last_width = pw_scan_width(s, strlen(s));
		blank = false;
		last = i;
	}
	finish_item(b);
	return last;
}

/* Index of the first non-blank line after i, or d->nlines. */
static size_t next_nonblank(const struct pw_doc *d, size_t i)
{
	for (i++; i < d->nlines && pw_scan_blank(d->lines[i].s); i++)
		;
	return i;
}

/* An empty 专栏 title may stand on the next line; returns its index or 0. */
static size_t title_line(const struct pw_doc *d, size_t hi, const unsigned char *claimed)
{
	size_t j = next_nonblank(d, hi);
	struct item_no m;
	const char *s;

	if (j >= d->nlines || box_ends(d, j, claimed))
		return 0;
	s = d->lines[j].s;
	if (item_number(skip_list_mark(s), &m) || strstr(s, "。") ||
	    pw_scan_width(s, strlen(s)) > MAX_HEADER)
		return 0;
	return j;
}

/* Reads the box whose 专栏 line is hi; returns the last line it took. */
static size_t read_box(const struct pw_doc *d, size_t hi, const char *title, size_t tlen,
		       struct pw_plan *p, unsigned char *claimed)
{
	struct box b = { 0 };
	size_t tl = tlen ? 0 : title_line(d, hi, claimed), last, i;

	if (tl) {
		title = d->lines[tl].s + pw_utf8_blanks(d->lines[tl].s);
		tlen = pw_utf8_rtrim(title, strlen(title));
	}
	b.col = pw_plan_add_column(p);
	b.col->title = xstrndup(title, tlen);
	b.col->line = d->lines[hi].no;
	sb_init(&b.text, 0);
	last = read_items(d, (tl ? tl : hi) + 1, &b, claimed);
	sb_release(&b.text);
	if (last < hi)
		last = tl ? tl : hi;
	for (i = hi; i <= last; i++)
		claimed[i] = PW_CLAIM_COLUMN;
	return last;
}

/* True if an earlier stage took the box: its 专栏 line or first content
 * line is claimed (an indicator table titled 专栏1 …). */
static bool box_taken(const struct pw_doc *d, size_t hi, const unsigned char *claimed)
{
	size_t j = next_nonblank(d, hi);

	return claimed[hi] || (j < d->nlines && claimed[j] == PW_CLAIM_TABLE);
}

/* Appends every 专栏 box of d to p; see the file comment. */
void pw_read_columns(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	const char *title;
	size_t i, tlen;

	for (i = 0; i < d->nlines; i++) {
		if (!column_header(d->lines[i].s, &title, &tlen) || box_taken(d, i, claimed))
			continue;
		i = read_box(d, i, title, tlen, p, claimed);
	}
}
