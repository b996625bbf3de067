/*
 * convert.c - damage done by format conversion (PDF or Word to text):
 *   repeated-word      the same phrase twice in a row (依法行政、依法行政)
 *   repeated-text      a line ending in a copy of another paragraph's start
 *                      (…而努力奋斗！加强规划实施的监督与评估。完善有利于推动)
 *   page-break         a sentence cut by a page break (a note that gives the
 *                      sentence as it reads when joined)
 *   page-break-repeat  text repeated on both sides of the break (…全区科 | 科技型…)
 *   markup             HTML tags, Markdown emphasis and list markers
 *   latin-word         a lowercase Latin word in Chinese prose ("体系 and 体系")
 * These read the raw lines: the cleaned lines ingest uses have no markup.
 */
#include "lint/lint.h"
#include "text/utf8.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPEAT 8 /* code points of the longest phrase looked at */

static int is_text_line(const struct pw_lint_line *ln)
{
	return ln->kind == PW_LK_PROSE || ln->kind == PW_LK_ITEM || ln->kind == PW_LK_HEADING;
}

/* Bytes of n CJK code points at s, or 0 if s has fewer. */
static size_t cjk_run(const char *s, size_t n)
{
	size_t off = 0;
	uint32_t cp;

	while (n-- > 0) {
		size_t k = pw_lint_cp(s + off, &cp);

		if (!k || !pw_lint_is_cjk(cp))
			return 0;
		off += k;
	}
	return off;
}

/* ---- repeated-word ---- */

static void repeated_words(struct pw_lint *L, size_t li)
{
	static const char *const SEPS[] = { "", "、", "，", NULL };
	const char *s = L->lines[li].s;
	size_t off = 0, n, j, ends[MAX_REPEAT + 1], ncjk;
	uint32_t cp;

	while (s[off]) {
		/* ends[n]: bytes of the first n CJK code points at off */
		for (ends[0] = 0, ncjk = 0; ncjk < MAX_REPEAT; ncjk++) {
			size_t k = pw_lint_cp(s + off + ends[ncjk], &cp);

			if (!k || !pw_lint_is_cjk(cp))
				break;
			ends[ncjk + 1] = ends[ncjk] + k;
		}
		for (n = ncjk; n >= 2; n--) {
			size_t len = ends[n];

			for (j = 0; SEPS[j]; j++) {
				size_t sl = strlen(SEPS[j]);

				if (!sl && n < 3)
					continue; /* 研究研究, 天天: reduplication, not damage */
				if (!strncmp(s + off + len, SEPS[j], sl) &&
				    !strncmp(s + off + len + sl, s + off, len)) {
					pw_lint_report(L, "repeated-word", PW_LINT_WARNING, (int)li + 1,
						       off + len + sl, len, "'%.*s' repeated", (int)len,
						       s + off);
					off += 2 * len + sl;
					goto next;
				}
			}
		}
		off += ncjk ? ends[1] : (pw_lint_cp(s + off, &cp) ? pw_lint_cp(s + off, &cp) : 1);
next:;
	}
}

/* ---- page breaks ---- */

static int reduplicates(const char *s, size_t len)
{
	static const char REDUP[] = "人天年家处事时常个村户层步点渐刚稍仅往深紧牢实切";
	char buf[8];

	if (len > 4)
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return strstr(REDUP, buf) != NULL;
}

static void page_break(struct pw_lint *L, size_t li)
{
	const struct pw_lint_line *a = &L->lines[li], *b = &L->lines[L->lines[li].cont];
	size_t alen = pw_utf8_rtrim(a->s, a->len), rep = 0, n, from, to;
	const char *bs = b->s + pw_utf8_blanks(b->s);
	struct strbuf sb;

	for (n = 6; n >= 1 && !rep; n--) {
		size_t k = cjk_run(bs, n);

		if (k && k <= alen && !memcmp(a->s + alen - k, bs, k) &&
		    !(n == 1 && reduplicates(bs, k)))
			rep = k;
	}
	if (rep)
		pw_lint_report(L, "page-break-repeat", PW_LINT_WARNING, L->lines[li].cont + 1,
			       (size_t)(bs - b->s), rep,
			       "'%.*s' repeated across the page break after line %d", (int)rep, bs,
			       (int)li + 1);
	from = pw_utf8_columns(a->s, alen) > 12 ? pw_lint_cps(a->s, pw_utf8_columns(a->s, alen) - 12) : 0;
	to = rep + pw_lint_cps(bs + rep, 12);
	sb_init(&sb, 128);
	sb_add(&sb, a->s + from, alen - from);
	sb_add(&sb, bs + rep, to - rep);
	pw_lint_report(L, "page-break", PW_LINT_NOTE, (int)li + 1, alen, 0,
		       "sentence broken by a page break; joined it reads '…%s…'", sb.buf);
	sb_release(&sb);
}

/* ---- markup ---- */

static size_t html_tag(const char *s)
{
	const char *e;

	if (s[0] != '<' || !(s[1] == '/' || s[1] == '!' || (s[1] >= 'a' && s[1] <= 'z') ||
			     (s[1] >= 'A' && s[1] <= 'Z')))
		return 0;
	e = strchr(s, '>');
	return e && e - s < 400 ? (size_t)(e - s) + 1 : 0;
}

static void markup(struct pw_lint *L, size_t li)
{
	const char *s = L->lines[li].s, *p;
	size_t off, k;
	int emphasis = 0;

	p = s + pw_utf8_blanks(s);
	if ((p[0] == '-' || p[0] == '*' || p[0] == '#') && p[1] == ' ')
		pw_lint_report(L, "markup", PW_LINT_WARNING, (int)li + 1, (size_t)(p - s), 1,
			       "stray Markdown list marker '%c'", p[0]);
	for (off = 0; s[off]; off++) {
		if ((k = html_tag(s + off))) {
			pw_lint_report(L, "markup", PW_LINT_WARNING, (int)li + 1, off, k,
				       "stray HTML tag '%.*s'", (int)(k > 40 ? 40 : k), s + off);
			off += k - 1;
		} else if (!emphasis && (!strncmp(s + off, "**", 2) || !strncmp(s + off, "__", 2))) {
			pw_lint_report(L, "markup", PW_LINT_WARNING, (int)li + 1, off, 2,
				       "stray Markdown emphasis '%.2s'", s + off);
			emphasis = 1; /* once a line: a line of **x** pairs is one fault */
		}
	}
}

/* ---- latin-word ---- */

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }

/* Units and web words that legitimately stand in Chinese text. */
static int is_unit(const char *w, size_t n)
{
	static const char *const UNITS[] = { "kv", "kw", "kwh", "mw", "gw", "km", "kg", "mm", "cm",
					     "ml", "mg", "ppm", "tce", "www", "http", "https", "com",
					     "cn", "gov", "org", "net", "html", "pdf", "app", NULL };
	size_t i;

	for (i = 0; UNITS[i]; i++)
		if (strlen(UNITS[i]) == n && !strncmp(UNITS[i], w, n))
			return 1;
	return 0;
}

static void latin_words(struct pw_lint *L, size_t li)
{
	const char *s = L->lines[li].s;
	size_t off = 0, k, n;
	uint32_t cp;

	if (!pw_utf8_multibyte_count(s, L->lines[li].len))
		return; /* not Chinese prose */
	while (s[off]) {
		if ((k = html_tag(s + off))) {
			off += k;
			continue;
		}
		if (!is_alpha(s[off])) {
			k = pw_lint_cp(s + off, &cp);
			off += k ? k : 1;
			continue;
		}
		for (n = 0; is_alpha(s[off + n]); n++)
			;
		if (n >= 2 && (off == 0 || !(s[off - 1] >= '0' && s[off - 1] <= '9')) &&
		    s[off + n] != '.' && s[off + n] != '/' && s[off + n] != '-' &&
		    (off == 0 || (s[off - 1] != '.' && s[off - 1] != '/' && s[off - 1] != '-'))) {
			size_t i;
			int lower = 1;

			for (i = 0; i < n; i++)
				lower &= is_lower(s[off + i]);
			if (lower && !is_unit(s + off, n))
				pw_lint_report(L, "latin-word", PW_LINT_WARNING, (int)li + 1, off, n,
					       "Latin word '%.*s' in Chinese prose", (int)n, s + off);
		}
		off += n;
	}
}

/* ---- repeated-text ---- */

#define COPY_MIN 12 /* code points a copied tail must have */

struct start_key {
	const char *s; /* the line */
	size_t len;    /* bytes of its first COPY_MIN code points */
	int li;
};

static int cmp_start(const void *a, const void *b)
{
	const struct start_key *x = a, *y = b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->s, y->s, x->len);
	return c ? c : x->li - y->li;
}

/* The next 。！？ or ； at or after s (each 3 bytes), or NULL. */
static const char *next_sentence_end(const char *s)
{
	for (; *s; s++)
		if (pw_utf8_starts(s, "。") || pw_utf8_starts(s, "！") || pw_utf8_starts(s, "？") ||
		    pw_utf8_starts(s, "；"))
			return s;
	return NULL;
}

/* A tail of a line, after a sentence end, that is the beginning of
 * another paragraph and runs to the end of the line: the conversion
 * pasted a copy.  Paragraph starts are sorted once, so this is one binary
 * search per sentence end. */
static void repeated_text(struct pw_lint *L)
{
	struct start_key *keys = calloc(L->nlines + 1, sizeof(*keys)), want;
	size_t li, n = 0;

	if (!keys)
		return;
	for (li = 0; li < L->nlines; li++) {
		const char *s = L->lines[li].s + pw_utf8_blanks(L->lines[li].s);
		size_t k = pw_lint_cps(s, COPY_MIN);

		if (L->lines[li].kind == PW_LK_PROSE && pw_utf8_columns(s, k) == COPY_MIN)
			keys[n++] = (struct start_key){ s, k, (int)li };
	}
	qsort(keys, n, sizeof(*keys), cmp_start);
	for (li = 0; li < L->nlines && n; li++) {
		const char *s = L->lines[li].s, *p, *end = s + L->lines[li].len;

		if (L->lines[li].kind != PW_LK_PROSE)
			continue;
		for (p = s; (p = next_sentence_end(p)); p += 3) {
			const char *tail = p + 3;
			size_t lo = 0, hi = n, rest = (size_t)(end - tail);

			want.s = tail;
			want.len = pw_lint_cps(tail, COPY_MIN);
			want.li = -1;
			if (pw_utf8_columns(tail, want.len) < COPY_MIN)
				break;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (cmp_start(&keys[mid], &want) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < n && keys[lo].len == want.len &&
			       !memcmp(keys[lo].s, tail, want.len); lo++)
				if (keys[lo].li != (int)li && !strncmp(keys[lo].s, tail, rest) &&
				    strlen(keys[lo].s) > rest) {
					pw_lint_report(L, "repeated-text", PW_LINT_WARNING, (int)li + 1,
						       (size_t)(tail - s), rest,
						       "the end of this line repeats the start of line %d",
						       keys[lo].li + 1);
					goto next_line;
				}
		}
next_line:;
	}
	free(keys);
}

/* A Markdown source: its markup is the format, not damage. */
static int is_markdown(const char *file)
{
	size_t n = strlen(file);

	return (n > 3 && !strcmp(file + n - 3, ".md")) ||
	       (n > 9 && !strcmp(file + n - 9, ".markdown"));
}

void pw_lint_convert(struct pw_lint *L)
{
	size_t li;
	int md = is_markdown(L->file);

	for (li = 0; li < L->nlines; li++) {
		const struct pw_lint_line *ln = &L->lines[li];

		if (ln->kind == PW_LK_BLANK)
			continue;
		if (!md)
			markup(L, li);
		if (!is_text_line(ln))
			continue;
		repeated_words(L, li);
		latin_words(L, li);
		if (ln->cont >= 0)
			page_break(L, li);
	}
	repeated_text(L);
}
