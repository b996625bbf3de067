/*
 * outline.c - the outline: 第N篇 / 第N章 / 第N节 / 一、 / （一） headings
 * as struct pw_section with parent links; heading lines are claimed as
 * PW_CLAIM_HEADING.  A heading is a short line: number, title, no sentence
 * end, no table cells.  A leading table of contents (the same headings
 * listed before the body) is claimed but not added to the outline.
 */
#include "ingest/ingest.h"
#include "ingest/outline.h"
#include "ingest/scan.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include <string.h>

#define MAX_TITLE_CHAPTER 50 /* code points */
#define MAX_TITLE_ITEM 40

/* 第 N 篇|章|节: returns bytes of the number, 0 if none. */
static size_t match_ordinal(const char *s, struct pw_heading *h)
{
	static const char *const kinds[] = { "篇", "章", "节" };
	const char *p = s;
	size_t n, k;

	if (!(n = pw_utf8_starts(p, "第")))
		return 0;
	p += n + pw_utf8_blanks(p + n);
	if (!(n = pw_scan_anynum(p, &h->value)))
		return 0;
	p += n + pw_utf8_blanks(p + n);
	for (k = 0; k < 3; k++) {
		if ((n = pw_utf8_starts(p, kinds[k]))) {
			h->level = (enum pw_level)(PW_LEVEL_PART + k);
			return (size_t)(p + n - s);
		}
	}
	return 0;
}

/* （一） or (一): returns bytes of the number, 0 if none. */
static size_t match_subitem(const char *s, struct pw_heading *h)
{
	const char *p = s;
	size_t n;

	if (!(n = pw_utf8_starts(p, "（")) && !(n = pw_utf8_starts(p, "(")))
		return 0;
	p += n;
	if (!(n = pw_scan_cnum(p, &h->value)))
		return 0;
	p += n;
	if (!(n = pw_utf8_starts(p, "）")) && !(n = pw_utf8_starts(p, ")")))
		return 0;
	h->level = PW_LEVEL_SUBITEM;
	return (size_t)(p + n - s);
}

/* 一、: returns bytes of the numeral (without 、), 0 if none. */
static size_t match_item(const char *s, struct pw_heading *h)
{
	size_t n = pw_scan_cnum(s, &h->value);

	if (!n || !pw_utf8_starts(s + n, "、"))
		return 0;
	h->level = PW_LEVEL_ITEM;
	return n;
}

/* Skips what separates a number from its title: blanks, 、, ：, :. */
static const char *skip_separator(const char *p)
{
	size_t n;

	for (;;) {
		p += pw_utf8_blanks(p);
		if ((n = pw_utf8_starts(p, "、")) || (n = pw_utf8_starts(p, "：")) ||
		    (n = pw_utf8_starts(p, ":")))
			p += n;
		else
			return p;
	}
}

/* Length of one leader character ending [t, t+k): . … · - blank. */
static size_t leader_len(const char *t, size_t k, int *dots)
{
	size_t n;

	if (k && (t[k - 1] == '.' || t[k - 1] == '-')) {
		(*dots)++;
		return 1;
	}
	if (k && (t[k - 1] == ' ' || t[k - 1] == '\t')) {
		*dots += t[k - 1] == '\t' ? 2 : 0;
		return 1;
	}
	if ((n = pw_utf8_ends(t, k, "…")) || (n = pw_utf8_ends(t, k, "⋯"))) {
		*dots += 2;
		return n;
	}
	if ((n = pw_utf8_ends(t, k, "·")) != 0) {
		(*dots)++;
		return n;
	}
	return 0;
}

/* Drops a table-of-contents page number ("…… 12", "....3") from the title
 * and marks the heading as a contents entry. */
static void strip_page_number(struct pw_heading *h)
{
	const char *t = h->title;
	size_t k = h->title_len, n;
	int dots = 0;

	while (k && t[k - 1] >= '0' && t[k - 1] <= '9')
		k--;
	if (k == h->title_len)
		return;
	while ((n = leader_len(t, k, &dots)))
		k -= n;
	if (dots < 2)
		return;
	h->title_len = pw_utf8_rtrim(t, k);
	h->toc = true;
}

static bool contains(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(s + i, lit, n))
			return true;
	return false;
}

/* The title is short, has no sentence end and no table cells, and does
 * not continue a list of numerals (一、二、三产业). */
static bool title_ok(const struct pw_heading *h)
{
	size_t max = h->level <= PW_LEVEL_SECTION ? MAX_TITLE_CHAPTER : MAX_TITLE_ITEM;
	int v;
	size_t n;

	if (contains(h->title, h->title_len, "。") ||
	    contains(h->title, h->title_len, "；") || contains(h->title, h->title_len, "|"))
		return false;
	if (pw_scan_width(h->title, h->title_len) > max)
		return false;
	if ((n = pw_scan_anynum(h->title, &v)) && pw_utf8_starts(h->title + n, "、"))
		return false;
	return h->title_len > 0 || h->level <= PW_LEVEL_SECTION;
}

bool pw_outline_match(const char *line, struct pw_heading *h)
{
	const char *s = line + pw_utf8_blanks(line), *t;
	size_t n;

	memset(h, 0, sizeof(*h));
	if (!(n = match_ordinal(s, h)) && !(n = match_subitem(s, h)) && !(n = match_item(s, h)))
		return false;
	h->number = s;
	h->number_len = n;
	t = skip_separator(s + n);
	if (strchr(t, '\t'))
		return false; /* a table row: 一、经济发展<TAB><TAB>... */
	h->title = t;
	h->title_len = pw_utf8_rtrim(t, strlen(t));
	strip_page_number(h);
	return title_ok(h);
}

/* A heading line found in the first pass. */
struct cand {
	size_t li; /* index into d->lines */
	struct pw_heading h;
};

static bool same_heading(const struct pw_heading *a, const struct pw_heading *b)
{
	return a->level == b->level && a->value == b->value && a->title_len == b->title_len &&
	       !memcmp(a->title, b->title, a->title_len);
}

/* A line that may sit between contents entries: blank, or short without a
 * sentence end (序 言, 目 录, 附件). */
static bool toc_filler(const char *s)
{
	size_t len = strlen(s);

	return pw_scan_blank(s) || (pw_scan_width(s, len) <= 30 && !contains(s, len, "。"));
}

/* Number of leading candidates that form a table of contents: the run that
 * starts with the first heading and ends just before that heading appears
 * again, with nothing but headings and short lines in between. */
static size_t toc_count(const struct pw_doc *d, const struct cand *c, size_t n)
{
	size_t k, li;

	if (n < 2)
		return 0;
	for (k = 1; k < n; k++)
		if (same_heading(&c[0].h, &c[k].h))
			break;
	if (k == n)
		return 0;
	for (li = c[0].li + 1; li < c[k].li; li++)
		if (!toc_filler(d->lines[li].s))
			return 0;
	return k;
}

/* Index of the line after li holding the title of an untitled 第N章, or 0. */
static size_t title_line_after(const struct pw_doc *d, size_t li)
{
	struct pw_heading h;
	size_t j;

	for (j = li + 1; j < d->nlines && j <= li + 2; j++) {
		const char *s = d->lines[j].s;
		size_t len = strlen(s);

		if (pw_scan_blank(s))
			continue;
		if (pw_outline_match(s, &h) || contains(s, len, "。") ||
		    pw_scan_width(s, len) > MAX_TITLE_CHAPTER)
			return 0;
		return j;
	}
	return 0;
}

/* The innermost open section above level, or -1. */
static int parent_of(const int *open, enum pw_level level)
{
	int l;

	for (l = (int)level - 1; l >= 0; l--)
		if (open[l] >= 0)
			return open[l];
	return -1;
}

static void add_section(const struct pw_doc *d, struct pw_plan *p, const struct cand *c,
			int *open, unsigned char *claimed)
{
	struct pw_section *sec = pw_plan_add_section(p);
	const struct pw_heading *h = &c->h;
	size_t tl = h->title_len ? 0 : title_line_after(d, c->li);
	int l;

	sec->level = h->level;
	sec->number = xstrndup(h->number, h->number_len);
	if (tl) {
		const char *s = d->lines[tl].s + pw_utf8_blanks(d->lines[tl].s);

		sec->title = xstrndup(s, pw_utf8_rtrim(s, strlen(s)));
		claimed[tl] = PW_CLAIM_HEADING;
	} else {
		sec->title = xstrndup(h->title, h->title_len);
	}
	sec->line = d->lines[c->li].no;
	sec->parent = parent_of(open, h->level);
	open[h->level] = (int)(p->nsections - 1);
	for (l = (int)h->level + 1; l <= PW_LEVEL_SUBITEM; l++)
		open[l] = -1;
}

/* Appends to p every heading of d; see the file comment. */
void pw_read_outline(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	struct cand *c = NULL;
	size_t n = 0, alloc = 0, i, toc;
	int open[PW_LEVEL_SUBITEM + 1] = { -1, -1, -1, -1, -1 };

	for (i = 0; i < d->nlines; i++) {
		if (claimed[i])
			continue;
		ALLOC_GROW(c, n + 1, alloc);
		if (pw_outline_match(d->lines[i].s, &c[n].h))
			c[n++].li = i;
	}
	toc = toc_count(d, c, n);
	for (i = 0; i < n; i++) {
		claimed[c[i].li] = PW_CLAIM_HEADING;
		if (i >= toc && !c[i].h.toc)
			add_section(d, p, &c[i], open, claimed);
	}
	free(c);
}
