/*
 * structure.c - the document's skeleton:
 *   numbering      a gap or a repeat among sibling headings (第一节 -> 第三节,
 *                  （一）（三）) or among a 专栏's numbered items (1. 2. 4.)
 *   brackets       （ ） “ ” 《 》 【 】 that do not pair within a paragraph
 *                  (a paragraph runs on across a page break)
 *   unit-mismatch  one indicator name with different units in the tables
 *   column-order   专栏 numbers (专栏1, 专栏 3) out of order
 */
#include "lint/lint.h"
#include "text/number.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- numbering ---- */

/* The value of a heading number as written ("第三章", "三", "（三）", "3"). */
static int heading_value(const char *num)
{
	int v = 0;

	if (pw_utf8_starts(num, "第"))
		num += 3;
	else if (pw_utf8_starts(num, "（"))
		num += 3;
	else if (*num == '(')
		num++;
	return pw_scan_anynum(num, &v) ? v : -1;
}

static size_t find_in_line(const struct pw_lint *L, int no, const char *what)
{
	const char *p;

	if (no < 1 || (size_t)no > L->nlines || !what)
		return 0;
	p = strstr(L->lines[no - 1].s, what);
	return p ? (size_t)(p - L->lines[no - 1].s) : 0;
}

static void check_numbering(struct pw_lint *L)
{
	const struct pw_plan *p = L->plan;
	size_t i, j;

	for (i = 0; i < p->nsections; i++) {
		const struct pw_section *s = &p->sections[i];
		int v = heading_value(s->number);

		if (v < 0)
			continue;
		/* the previous sibling: same parent and level, the nearest before */
		for (j = i; j-- > 0;) {
			const struct pw_section *t = &p->sections[j];
			int w;

			if (t->parent != s->parent || t->level != s->level)
				continue;
			w = heading_value(t->number);
			if (w >= 0 && v != w + 1 && !(v == 1 && w > 1))
				pw_lint_report(L, "numbering", PW_LINT_WARNING, s->line,
					       find_in_line(L, s->line, s->number),
					       strlen(s->number),
					       v > w + 1 ? "numbering jumps from '%s' to '%s'"
							 : "numbering goes back from '%s' to '%s'",
					       t->number, s->number);
			break;
		}
	}
}

/* The number of a numbered line "3. …", "3、…" (after a stray "- " or
 * "**"), or -1; *off is where the number starts. */
static int item_number(const char *s, size_t *off)
{
	const char *p = s + pw_utf8_blanks(s);
	int v = -1;
	size_t k;

	if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
		p += 2;
	while (*p == '*')
		p++;
	if (!(*p >= '0' && *p <= '9') || !(k = pw_scan_digits(p, &v)))
		return -1;
	if (p[k] != '.' && !pw_utf8_starts(p + k, "、") && !pw_utf8_starts(p + k, "．"))
		return -1;
	if (p[k] == '.' && p[k + 1] >= '0' && p[k + 1] <= '9')
		return -1; /* 3.5 is a number, not an item */
	*off = (size_t)(p - s);
	return v;
}

/* Runs of numbered lines (blank lines between allowed; a heading or an
 * unnumbered paragraph ends a run) must count 1, 2, 3. */
static void check_items(struct pw_lint *L)
{
	size_t li, off = 0;
	int last = -1, last_line = 0;

	for (li = 0; li < L->nlines; li++) {
		const struct pw_lint_line *ln = &L->lines[li];
		int v;

		if (ln->kind == PW_LK_BLANK)
			continue;
		if (ln->kind == PW_LK_TABLE || (v = item_number(ln->s, &off)) < 0) {
			last = -1;
			continue;
		}
		if (last >= 0 && v != last + 1)
			pw_lint_report(L, "numbering", PW_LINT_WARNING, (int)li + 1, off, 0,
				       "item %d follows item %d (line %d)", v, last, last_line);
		last = v;
		last_line = (int)li + 1;
	}
}

/* ---- brackets ---- */

struct open_mark {
	int li;
	size_t off;
	int kind;
};

static const char *const OPENS[] = { "（", "“", "《", "【", "「", "(", NULL };
static const char *const CLOSES[] = { "）", "”", "》", "】", "」", ")", NULL };

static int mark_at(const char *s, const char *const *set)
{
	int i;

	for (i = 0; set[i]; i++)
		if (pw_utf8_starts(s, set[i]))
			return i;
	return -1;
}

/* A list marker "1）" or "一)" at the start of a line or sentence. */
static int is_list_marker(const char *s, size_t off)
{
	size_t b = off;

	while (b > 0) {
		size_t q = pw_lint_prev(s, b);

		if (pw_scan_cnum_char(s + q) || (s[q] >= '0' && s[q] <= '9'))
			b = q;
		else
			break;
	}
	if (b == off)
		return 0;
	if (b == 0 || s[pw_lint_prev(s, b)] == ' ')
		return 1;
	b = pw_lint_prev(s, b);
	return pw_utf8_starts(s + b, "。") || pw_utf8_starts(s + b, "；") ||
	       pw_utf8_starts(s + b, "，") || pw_utf8_starts(s + b, "：") || pw_utf8_starts(s + b, "、");
}

static void check_paragraph(struct pw_lint *L, size_t first, unsigned char *seen)
{
	struct open_mark stack[64];
	size_t n = 0, li = first;
	int k;

	for (;;) {
		const char *s = L->lines[li].s;
		size_t off = 0;
		uint32_t cp;

		seen[li] = 1;
		while (s[off]) {
			if (s[off] == '<' && strchr(s + off, '>')) {
				off = (size_t)(strchr(s + off, '>') - s) + 1; /* markup: its own check */
				continue;
			}
			if ((k = mark_at(s + off, OPENS)) >= 0 && n < 64) {
				stack[n++] = (struct open_mark){ (int)li, off, k };
			} else if ((k = mark_at(s + off, CLOSES)) >= 0) {
				if (n && stack[n - 1].kind == k)
					n--;
				else if (n && mark_at(CLOSES[stack[n - 1].kind], CLOSES) >= 0 &&
					 ((k == 0 && stack[n - 1].kind == 5) || (k == 5 && stack[n - 1].kind == 0)))
					n--; /* （…) mixed widths: pairs all the same */
				else if (!is_list_marker(s, off)) {
					pw_lint_report(L, "brackets", PW_LINT_WARNING, (int)li + 1, off,
						       strlen(CLOSES[k]), "'%s' closes nothing", CLOSES[k]);
					return;
				}
			}
			off += pw_lint_cp(s + off, &cp) ? pw_lint_cp(s + off, &cp) : 1;
		}
		if (L->lines[li].cont < 0)
			break;
		li = (size_t)L->lines[li].cont;
	}
	if (n)
		pw_lint_report(L, "brackets", PW_LINT_WARNING, stack[0].li + 1, stack[0].off,
			       strlen(OPENS[stack[0].kind]), "'%s' is never closed (no '%s')",
			       OPENS[stack[0].kind], CLOSES[stack[0].kind]);
}

static void check_brackets(struct pw_lint *L)
{
	unsigned char *seen = calloc(L->nlines + 1, 1);
	size_t li;

	if (!seen)
		return;
	for (li = 0; li < L->nlines; li++)
		if (!seen[li] && L->lines[li].kind != PW_LK_BLANK && L->lines[li].kind != PW_LK_TABLE)
			check_paragraph(L, li, seen);
	free(seen);
}

/* ---- units ---- */

static int cmp_row_name(const void *a, const void *b)
{
	const struct pw_indicator *x = *(const struct pw_indicator *const *)a;
	const struct pw_indicator *y = *(const struct pw_indicator *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Rows sorted by name (then line): each row whose unit differs from the
 * first row of its name with a unit is reported once. */
static void check_units(struct pw_lint *L)
{
	const struct pw_plan *p = L->plan;
	const struct pw_indicator **rows;
	size_t t, r, n = 0, i, first = 0;

	for (t = 0; t < p->ntables; t++)
		n += p->tables[t].nrows;
	if (!(rows = calloc(n + 1, sizeof(*rows))))
		return;
	n = 0;
	for (t = 0; t < p->ntables; t++)
		for (r = 0; r < p->tables[t].nrows; r++)
			if (p->tables[t].rows[r].name && p->tables[t].rows[r].unit)
				rows[n++] = &p->tables[t].rows[r];
	qsort(rows, n, sizeof(*rows), cmp_row_name);
	for (i = 1; i < n; i++) {
		const struct pw_indicator *a = rows[i], *b;

		if (strcmp(a->name, rows[i - 1]->name)) {
			first = i;
			continue;
		}
		b = rows[first];
		if (strcmp(a->unit, b->unit))
			pw_lint_report(L, "unit-mismatch", PW_LINT_WARNING, a->line,
				       find_in_line(L, a->line, a->name), strlen(a->name),
				       "'%s' is in %s here but in %s on line %d", a->name, a->unit,
				       b->unit, b->line);
	}
	free(rows);
}

/* ---- 专栏 numbers ---- */

static void check_column_order(struct pw_lint *L)
{
	size_t li;
	int last = 0, last_line = 0;

	for (li = 0; li < L->nlines; li++) {
		const char *s = L->lines[li].s + pw_utf8_blanks(L->lines[li].s), *p;
		int v = 0;
		size_t k;

		if (L->lines[li].kind != PW_LK_HEADING || !pw_utf8_starts(s, "专栏"))
			continue;
		p = s + 6;
		p += pw_utf8_blanks(p);
		if (!(k = pw_scan_anynum(p, &v)))
			continue;
		if (last && v != last + 1)
			pw_lint_report(L, "column-order", PW_LINT_WARNING, (int)li + 1,
				       (size_t)(p - L->lines[li].s), k,
				       "专栏 %d follows 专栏 %d (line %d)", v, last, last_line);
		last = v;
		last_line = (int)li + 1;
	}
}

void pw_lint_structure(struct pw_lint *L)
{
	check_numbering(L);
	check_items(L);
	check_brackets(L);
	check_units(L);
	check_column_order(L);
}
