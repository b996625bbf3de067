/*
 * lint.c - the lint driver: raw lines and what each one is, page-break
 * joins, the table of checks and their -W switches, and the one place
 * diagnostics are added (lint.h).
 */
#include "lint/lint.h"
#include "ingest/outline.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const pw_lint_checks[] = {
	"place-name",
	"table-prose", "growth-rate", "parts-total", "share-over-100",
	"repeated-word", "repeated-text", "page-break-repeat", "page-break", "markup", "latin-word",
	"numbering", "brackets", "unit-mismatch", "column-order",
	NULL,
};

int pw_lint_check_index(const char *name)
{
	int i;

	for (i = 0; pw_lint_checks[i]; i++)
		if (!strcmp(pw_lint_checks[i], name))
			return i;
	return -1;
}

int pw_lint_enable(struct pw_lint *L, const char *name, int on)
{
	int i = pw_lint_check_index(name);

	if (!strcmp(name, "all")) {
		memset(L->disabled, !on, sizeof(L->disabled));
		return 0;
	}
	if (i < 0)
		return -1;
	L->disabled[i] = (unsigned char)!on;
	return 0;
}

size_t pw_lint_cp(const char *s, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t n, i;

	if (!c) {
		*cp = 0;
		return 0;
	}
	/* no strlen: this runs at every position of long lines */
	n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	for (i = 1; i < n; i++)
		if (!s[i]) {
			n = i;
			break;
		}
	return pw_utf8_decode(s, n, cp);
}

int pw_lint_is_cjk(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x20000 && cp <= 0x2ffff) || cp == 0x3007; /* 〇 */
}

size_t pw_lint_cps(const char *s, size_t n)
{
	size_t off = 0;
	uint32_t cp;

	while (n-- > 0) {
		size_t k = pw_lint_cp(s + off, &cp);

		if (!k)
			break;
		off += k;
	}
	return off;
}

size_t pw_lint_prev(const char *s, size_t off)
{
	do
		off--;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80);
	return off;
}

/* ---- lines ---- */

static int starts_heading(const char *s)
{
	struct pw_heading h;

	s += pw_utf8_blanks(s);
	return pw_outline_match(s, &h) || pw_utf8_starts(s, "专栏") ||
	       (pw_utf8_starts(s, "表") && (s[3] == ' ' || (s[3] >= '0' && s[3] <= '9'))) ||
	       pw_utf8_starts(s, "注：");
}

static void mark_plan_lines(struct pw_lint *L, const struct pw_plan *p)
{
	size_t i, j;

#define MARK(no, k)                                                            \
	do {                                                                   \
		if ((no) >= 1 && (size_t)(no) <= L->nlines)                    \
			L->lines[(no) - 1].kind = (k);                         \
	} while (0)
	for (i = 0; i < p->nsections; i++)
		MARK(p->sections[i].line, PW_LK_HEADING);
	for (i = 0; i < p->ntables; i++) {
		MARK(p->tables[i].line, PW_LK_HEADING);
		for (j = 0; j < p->tables[i].nrows; j++)
			MARK(p->tables[i].rows[j].line, PW_LK_TABLE);
	}
	for (i = 0; i < p->ncolumns; i++) {
		MARK(p->columns[i].line, PW_LK_HEADING);
		for (j = 0; j < p->columns[i].nitems; j++)
			if (L->lines[p->columns[i].items[j].line - 1].kind == PW_LK_PROSE)
				MARK(p->columns[i].items[j].line, PW_LK_ITEM);
	}
#undef MARK
}

/* Does the raw line end a sentence (。！？；：… or such a mark and a closing
 * quote or bracket)? */
static int ends_sentence(const char *s, size_t len)
{
	static const char *const ends[] = { "。", "！", "？", "；", "：", "…", ".", "!", "?", ";",
					    ":", NULL };
	size_t i;

	len = pw_utf8_rtrim(s, len);
	while (len > 0) {
		size_t p = pw_lint_prev(s, len);

		if (pw_utf8_starts(s + p, "”") || pw_utf8_starts(s + p, "」") ||
		    pw_utf8_starts(s + p, "’") || s[p] == '*') {
			size_t q = p;

			/* a closing mark after a sentence end: look before it */
			len = q;
			if (len && (pw_utf8_starts(s + pw_lint_prev(s, len), "。") ||
				    pw_utf8_starts(s + pw_lint_prev(s, len), "！") ||
				    pw_utf8_starts(s + pw_lint_prev(s, len), "？") ||
				    s[len - 1] == '*'))
				continue;
			return 0;
		}
		for (i = 0; ends[i]; i++)
			if (pw_utf8_starts(s + p, ends[i]))
				return 1;
		return 0;
	}
	return 1;
}

/* A page number line left by the conversion: "— 22 —", "- 3 -", "22". */
static int is_page_number(const char *s)
{
	int digits = 0;

	for (;;) {
		s += pw_utf8_blanks(s);
		if (*s >= '0' && *s <= '9')
			digits++, s++;
		else if (*s == '-')
			s++;
		else if (pw_utf8_starts(s, "—") || pw_utf8_starts(s, "－"))
			s += 3;
		else
			break;
	}
	return digits && !*s;
}

/* A short line ending in a colon opens what follows (各位代表：). */
static int is_salutation(const struct pw_lint_line *b)
{
	size_t len = pw_utf8_rtrim(b->s, b->len);

	return len >= 3 && pw_utf8_starts(b->s + len - 3, "：") && pw_utf8_columns(b->s, len) < 12;
}

static void find_page_breaks(struct pw_lint *L)
{
	size_t i, j, seen = 0;

	for (i = 0; i < L->nlines; i++) {
		const struct pw_lint_line *a = &L->lines[i];

		if (a->kind == PW_LK_BLANK)
			continue;
		if (++seen <= 3) /* the title block: short lines without a full stop */
			continue;
		if ((a->kind != PW_LK_PROSE && a->kind != PW_LK_ITEM) ||
		    pw_utf8_columns(a->s, a->len) < 12 || ends_sentence(a->s, a->len))
			continue;
		for (j = i + 1; j < L->nlines && (L->lines[j].kind == PW_LK_BLANK ||
						  is_page_number(L->lines[j].s)); j++)
			;
		if (j == i + 1 || j >= L->nlines || L->lines[j].kind != PW_LK_PROSE ||
		    is_salutation(&L->lines[j]))
			continue;
		L->lines[i].cont = (int)j;
	}
}

void pw_lint_init(struct pw_lint *L, const struct pw_doc *d, const struct pw_plan *p)
{
	size_t n = 0, cap = 0;
	char *s, *e;

	memset(L, 0, sizeof(*L));
	L->file = d->name;
	L->plan = p;
	L->subject_name = "";
	L->subject_short = "";
	L->subject_suffix = "";
	L->raw = xmalloc(d->text_len + 1);
	memcpy(L->raw, d->text, d->text_len);
	L->raw[d->text_len] = '\0';
	for (s = L->raw; s <= L->raw + d->text_len; s = e + 1) {
		e = memchr(s, '\n', (size_t)(L->raw + d->text_len - s));
		if (!e)
			e = L->raw + d->text_len;
		if (e == L->raw + d->text_len && s == e && n > 0)
			break; /* no line after the last line end */
		*e = '\0';
		if (e > s && e[-1] == '\r')
			e[-1] = '\0';
		ALLOC_GROW(L->lines, n + 1, cap);
		L->lines[n].s = s;
		L->lines[n].len = strlen(s);
		L->lines[n].cont = -1;
		L->lines[n].kind = L->lines[n].s[pw_utf8_blanks(s)] ? PW_LK_PROSE : PW_LK_BLANK;
		if (L->lines[n].kind == PW_LK_PROSE && strchr(s, '\t'))
			L->lines[n].kind = PW_LK_TABLE;
		else if (L->lines[n].kind == PW_LK_PROSE && starts_heading(s))
			L->lines[n].kind = PW_LK_HEADING;
		n++;
		if (e == L->raw + d->text_len)
			break;
	}
	L->nlines = n;
	mark_plan_lines(L, p);
	find_page_breaks(L);
}

void pw_lint_release(struct pw_lint *L)
{
	size_t i;

	for (i = 0; i < L->ndiags; i++)
		free(L->diags[i].message);
	free(L->diags);
	free(L->lines);
	free(L->raw);
	memset(L, 0, sizeof(*L));
}

/* The 1-based code-point column of byte off of line no, counted from the
 * last column asked on that line when it lies before (a long paragraph with
 * many findings is read once, not once per finding). */
static size_t column_of(struct pw_lint *L, int no, size_t off)
{
	const char *s = L->lines[no - 1].s;

	if (L->col_line != no || L->col_off > off) {
		L->col_line = no;
		L->col_off = 0;
		L->col_cps = 0;
	}
	L->col_cps += pw_utf8_columns(s + L->col_off, off - L->col_off);
	L->col_off = off;
	return L->col_cps + 1;
}

void pw_lint_report(struct pw_lint *L, const char *check, enum pw_lint_sev sev, int no,
		    size_t off, size_t span, const char *fmt, ...)
{
	struct pw_lint_diag *g;
	struct strbuf sb;
	va_list ap;
	int i = pw_lint_check_index(check);

	if (i < 0 || L->disabled[i] || no < 1 || (size_t)no > L->nlines)
		return;
	if (off > L->lines[no - 1].len)
		off = L->lines[no - 1].len;
	ALLOC_GROW(L->diags, L->ndiags + 1, L->diags_alloc);
	g = &L->diags[L->ndiags++];
	g->line = no;
	g->off = off;
	g->span = span;
	g->col = (int)column_of(L, no, off);
	g->sev = sev;
	g->check = pw_lint_checks[i];
	sb_init(&sb, 80);
	va_start(ap, fmt);
	sb_vaddf(&sb, _(fmt), ap);
	va_end(ap);
	g->message = sb_detach(&sb, NULL);
}

size_t pw_lint_count(const struct pw_lint *L, enum pw_lint_sev sev)
{
	size_t i, n = 0;

	for (i = 0; i < L->ndiags; i++)
		n += L->diags[i].sev == sev;
	return n;
}

static int cmp_diag(const void *a, const void *b)
{
	const struct pw_lint_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->check, y->check);
}

void pw_lint_run(struct pw_lint *L)
{
	pw_lint_names(L);
	pw_lint_convert(L);
	pw_lint_structure(L);
	pw_lint_numbers(L);
	if (L->ndiags)
		qsort(L->diags, L->ndiags, sizeof(*L->diags), cmp_diag);
}
