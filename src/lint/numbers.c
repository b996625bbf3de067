/*
 * numbers.c - numbers that contradict each other:
 *   table-prose     a prose target for a table's indicator, same year, with
 *                   another value or unit; 力争 for a binding (约束性) one
 *   growth-rate     a table row whose baseline and target level imply a
 *                   compound annual growth the stated rate contradicts
 *   parts-total     parts after 其中 adding up to more than their total; an
 *                   industrial structure (a : b : c) not adding up to 100
 *   share-over-100  a share, coverage or proportion above 100%
 */
#include "lint/lint.h"
#include "text/number.h"
#include "text/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CLAUSE_BACK 240 /* bytes before 年均增长 searched for a row's name */

/* ---- helpers ---- */

static size_t find_in_line(const struct pw_lint *L, int no, const char *what)
{
	const char *p;

	if (no < 1 || (size_t)no > L->nlines || !what || !*what)
		return 0;
	p = strstr(L->lines[no - 1].s, what);
	return p ? (size_t)(p - L->lines[no - 1].s) : 0;
}

static const struct pw_target *target_of(const struct pw_indicator *r, enum pw_kind k)
{
	size_t i;

	for (i = 0; i < r->ntargets; i++)
		if (r->targets[i].kind == k && r->targets[i].has_value)
			return &r->targets[i];
	return NULL;
}

static int is_share_name(const char *name)
{
	static const char *const SHARE[] = { "比重", "占比", "比例", "覆盖率", "普及率", "达标率",
					     "合格率", "参保率", "城镇化率", "利用率", "处理率",
					     "治愈率", "入园率", "巩固率", NULL };
	static const char *const CHANGE[] = { "增长", "增速", "降低", "下降", "减少", "提高",
					      "增幅", "降幅", NULL };
	size_t i;
	int share = 0;

	for (i = 0; SHARE[i]; i++)
		share |= strstr(name, SHARE[i]) != NULL;
	for (i = 0; CHANGE[i]; i++)
		if (strstr(name, CHANGE[i]))
			return 0;
	return share;
}

/* ---- growth-rate and share-over-100 in the tables ---- */

static void check_row_growth(struct pw_lint *L, const struct pw_table *t,
			     const struct pw_indicator *r)
{
	const struct pw_target *lv = target_of(r, PW_KIND_LEVEL), *gr = target_of(r, PW_KIND_GROWTH);
	int years;
	double implied, g, tol;
	int bad;

	if (!lv || !gr || !r->has_baseline || r->baseline <= 0 || lv->value <= 0 ||
	    (r->unit && strchr(r->unit, '%')))
		return;
	years = (lv->year ? lv->year : t->end) - r->baseline_year;
	if (years <= 0 || years > 20)
		return;
	implied = (pow(lv->value / r->baseline, 1.0 / years) - 1) * 100;
	g = gr->value;
	tol = fmax(0.5, 0.1 * fabs(g));
	if (gr->cmp == PW_CMP_GE)
		bad = implied < g - 0.5;
	else if (gr->cmp == PW_CMP_LE)
		bad = implied > g + 0.5;
	else if (gr->cmp == PW_CMP_RANGE && gr->has_value_hi)
		bad = implied < g - 0.5 || implied > gr->value_hi + 0.5;
	else
		bad = fabs(implied - g) > tol;
	if (bad)
		pw_lint_report(L, "growth-rate", PW_LINT_WARNING, r->line,
			       find_in_line(L, r->line, gr->text), gr->text ? strlen(gr->text) : 0,
			       "'%s' from %g to %g in %d years is %.2f%% a year, against the stated growth '%s'",
			       r->name, r->baseline, lv->value, years, implied,
			       gr->text ? gr->text : "?");
}

static void check_row_share(struct pw_lint *L, const struct pw_indicator *r)
{
	size_t i;

	if (!r->unit || strcmp(r->unit, "%") || !r->name || !is_share_name(r->name))
		return;
	for (i = 0; i < r->ntargets; i++)
		if (r->targets[i].kind == PW_KIND_LEVEL && r->targets[i].has_value &&
		    r->targets[i].value > 100) {
			pw_lint_report(L, "share-over-100", PW_LINT_ERROR, r->line,
				       find_in_line(L, r->line, r->targets[i].text),
				       r->targets[i].text ? strlen(r->targets[i].text) : 0,
				       "'%s' cannot exceed 100%%: the target is %g%%", r->name,
				       r->targets[i].value);
			return;
		}
	if (r->has_baseline && r->baseline > 100)
		pw_lint_report(L, "share-over-100", PW_LINT_ERROR, r->line, 0, 0,
			       "'%s' cannot exceed 100%%: the baseline is %g%%", r->name, r->baseline);
}

/* ---- table-prose ---- */

/* The core of an indicator's name: without 全区/全市 before it and 增长,
 * 增速 after it (地区生产总值增长 and 全区地区生产总值 are one indicator). */
static size_t name_core(const char *name, const char **start)
{
	static const char *const PRE[] = { "全区", "全市", "全县", "全省", "全镇", "地区", NULL };
	static const char *const SUF[] = { "年均增长", "增长率", "增长", "增速", NULL };
	size_t n, i, k;

	for (i = 0; PRE[i]; i++)
		if ((k = pw_utf8_starts(name, PRE[i]))) {
			name += k;
			break;
		}
	n = strlen(name);
	for (i = 0; SUF[i]; i++) {
		k = strlen(SUF[i]);
		if (n > k && !strcmp(name + n - k, SUF[i])) {
			n -= k;
			break;
		}
	}
	*start = name;
	return n;
}

static int same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)) + 1e-12;
}

/* A table row by the core of its name, for matching prose targets. */
struct row_key {
	const char *core;
	size_t len;
	const struct pw_table *table;
	const struct pw_indicator *row;
};

static int cmp_key(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->core, y->core, n);

	if (c || x->len == y->len)
		return c ? c : (x->row->line > y->row->line) - (x->row->line < y->row->line);
	return x->len < y->len ? -1 : 1;
}

static void check_pair(struct pw_lint *L, const struct pw_prose_target *pt,
		       const struct pw_indicator *row)
{
	const struct pw_target *tt = target_of(row, pt->t.kind);
	size_t off = find_in_line(L, pt->line, pt->t.text);

	if (row->attribute == PW_ATTR_BINDING && pt->line >= 1 &&
	    (strstr(L->lines[pt->line - 1].s, "力争") || strstr(L->lines[pt->line - 1].s, "争取")))
		pw_lint_report(L, "table-prose", PW_LINT_WARNING, pt->line, off, 0,
			       "'%s' is binding (约束性) in the table (line %d), but the "
			       "text only strives for it (力争)", row->name, row->line);
	if (!tt)
		return;
	if (pt->t.kind != PW_KIND_GROWTH && pt->unit && row->unit && strcmp(pt->unit, row->unit))
		pw_lint_report(L, "table-prose", PW_LINT_WARNING, pt->line, off,
			       pt->t.text ? strlen(pt->t.text) : 0,
			       "'%s' is in %s here but in %s in the table (line %d)", row->name,
			       pt->unit, row->unit, row->line);
	else if (!same_value(pt->t.value, tt->value))
		pw_lint_report(L, "table-prose", PW_LINT_WARNING, pt->line, off,
			       pt->t.text ? strlen(pt->t.text) : 0,
			       "the text sets '%s' to %g, the table (line %d) to %g", row->name,
			       pt->t.value, row->line, tt->value);
}

/* Each prose target with a value and a year against the first row of the
 * same name in a table ending that year (binary search over sorted names:
 * a concatenation of many plans stays linear-logarithmic). */
static void check_table_prose(struct pw_lint *L)
{
	const struct pw_plan *p = L->plan;
	struct row_key *keys, want;
	size_t t, r, n = 0, i;

	for (t = 0; t < p->ntables; t++)
		n += p->tables[t].nrows;
	if (!(keys = calloc(n + 1, sizeof(*keys))))
		return;
	n = 0;
	for (t = 0; t < p->ntables; t++)
		for (r = 0; r < p->tables[t].nrows; r++)
			if (p->tables[t].rows[r].name) {
				keys[n] = (struct row_key){ NULL, 0, &p->tables[t], &p->tables[t].rows[r] };
				keys[n].len = name_core(keys[n].row->name, &keys[n].core);
				if (keys[n].len >= 6)
					n++;
			}
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 0; i < p->ntargets; i++) {
		const struct pw_prose_target *pt = &p->targets[i];
		size_t lo = 0, hi = n;

		if (!pt->subject || !pt->t.has_value || !pt->t.year)
			continue;
		want.len = name_core(pt->subject, &want.core);
		/* the first key of that core: compare by core only */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2, m = keys[mid].len < want.len ? keys[mid].len : want.len;
			int c = memcmp(keys[mid].core, want.core, m);

			if (c < 0 || (!c && keys[mid].len < want.len))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && keys[lo].len == want.len && !memcmp(keys[lo].core, want.core, want.len);
		     lo++)
			if (keys[lo].table->end == pt->t.year) {
				check_pair(L, pt, keys[lo].row);
				break;
			}
	}
	free(keys);
}

/* ---- growth-rate: the text's 年均增长 against a table's baseline and actual ---- */

/* In a clause naming a table row that has a baseline and an actual value
 * (表1's 2015年基数 and 2020年完成值), "年均增长 g%" must be the compound rate
 * between them (地区生产总值…年均增长 6.8% against 108.8 -> 221.29). */
static void check_growth_clause(struct pw_lint *L, size_t li, const char *clause,
				const char *at, double g, size_t glen)
{
	const struct pw_plan *p = L->plan;
	const struct pw_indicator *best = NULL;
	size_t t, r, best_len = 0;
	int years;
	double implied;

	/* the most specific row named in the clause (城镇居民人均可支配收入 over
	 * 居民人均可支配收入) */
	for (t = 0; t < p->ntables; t++)
		for (r = 0; r < p->tables[t].nrows; r++) {
			const struct pw_indicator *row = &p->tables[t].rows[r];
			const char *core, *hit;
			size_t n;

			if (!row->has_baseline || !row->has_actual || row->baseline <= 0 ||
			    row->actual <= 0 || !row->name || (row->unit && strchr(row->unit, '%')))
				continue;
			n = name_core(row->name, &core);
			if (n < 6 || n <= best_len)
				continue;
			hit = strstr(clause, core);
			if (hit && hit + n <= at) {
				best = row;
				best_len = n;
			}
		}
	if (!best)
		return;
	years = best->actual_year - best->baseline_year;
	if (years <= 0 || years > 20)
		return;
	implied = (pow(best->actual / best->baseline, 1.0 / years) - 1) * 100;
	if (fabs(implied - g) > fmax(1.0, 0.15 * fabs(g)))
		pw_lint_report(L, "growth-rate", PW_LINT_WARNING, (int)li + 1,
			       (size_t)(at - L->lines[li].s), glen,
			       "the text says '%s' grew %g%% a year, the table (line %d) has %g to %g "
			       "from %d to %d: %.2f%% a year",
			       best->name, g, best->line, best->baseline, best->actual,
			       best->baseline_year, best->actual_year, implied);
}

static void check_prose_growth(struct pw_lint *L, size_t li, const char *s)
{
	const char *p = s, *clause = s;

	while ((p = strstr(p, "年均增长"))) {
		const char *q = p + strlen("年均增长"), *c;
		double g;
		size_t k;

		for (c = clause; c < p; c++)
			if (pw_utf8_starts(c, "；") || pw_utf8_starts(c, "。"))
				clause = c + 3;
		if (p - clause > CLAUSE_BACK) {
			/* a clause that long names nothing near: look at its end */
			clause = p - CLAUSE_BACK;
			while (((unsigned char)*clause & 0xc0) == 0x80)
				clause++;
		}
		q += pw_utf8_blanks(q);
		if ((k = pw_scan_number(q, &g)) && q[k] == '%')
			check_growth_clause(L, li, clause, q, g, k + 1);
		p = q;
	}
}

/* ---- sentences: parts after 其中, structures, shares in prose ---- */

/* Bytes of the unit after a number (up to 3 CJK or % ‰), copied to unit. */
static size_t unit_after(const char *s, char *unit, size_t size)
{
	size_t off = 0, n = 0;
	uint32_t cp;

	s += pw_utf8_blanks(s);
	if (*s == '%') {
		snprintf(unit, size, "%%");
		return 1;
	}
	while (n < 2) {
		size_t k = pw_lint_cp(s + off, &cp);

		if (!k || !pw_lint_is_cjk(cp))
			break;
		if (pw_utf8_starts(s + off, "，") || pw_utf8_starts(s + off, "、"))
			break;
		off += k;
		n++;
	}
	snprintf(unit, size, "%.*s", (int)off, s);
	return off;
}

static int sentence_end(const char *s)
{
	return pw_utf8_starts(s, "。") || pw_utf8_starts(s, "；") || pw_utf8_starts(s, "！");
}

#define PARTS_BACK 240 /* bytes before 其中 searched for the total */

static void check_parts(struct pw_lint *L, size_t li, const char *s, const char *qz)
{
	double total = -1, sum = 0, v;
	size_t off, k, tot_off = 0;
	char unit[16] = "", u[16];
	int nparts = 0;
	uint32_t cp;

	/* the total: the last number before 其中, in the same sentence, within
	 * a few dozen characters (bounded, so many 其中 stay linear) */
	off = (size_t)(qz - s) > PARTS_BACK ? (size_t)(qz - s) - PARTS_BACK : 0;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	for (; s + off < qz;) {
		if (sentence_end(s + off))
			total = -1;
		if (s[off] >= '0' && s[off] <= '9' && (k = pw_scan_number(s + off, &v))) {
			total = v;
			tot_off = off;
			unit_after(s + off + k, unit, sizeof(unit));
			off += k;
			continue;
		}
		off += pw_lint_cp(s + off, &cp) ? pw_lint_cp(s + off, &cp) : 1;
	}
	if (total < 0 || !*unit)
		return;
	for (off = (size_t)(qz - s); s[off] && !sentence_end(s + off);) {
		if (s[off] >= '0' && s[off] <= '9' && (k = pw_scan_number(s + off, &v))) {
			unit_after(s + off + k, u, sizeof(u));
			if (!strcmp(u, unit)) {
				sum += v;
				nparts++;
			}
			off += k;
			continue;
		}
		off += pw_lint_cp(s + off, &cp) ? pw_lint_cp(s + off, &cp) : 1;
	}
	if (nparts >= 2 && sum > total * (1 + 1e-9) + 1e-9)
		pw_lint_report(L, "parts-total", PW_LINT_WARNING, (int)li + 1, tot_off, 0,
			       "the parts after 其中 add up to %g %s, more than the total %g %s", sum,
			       unit, total, unit);
}

static void check_structure_ratio(struct pw_lint *L, size_t li, const char *s)
{
	const char *p = s;

	while ((p = strstr(p, "结构"))) {
		const char *q = p + 6;
		size_t n = 0, k, start = 0;
		double v, sum = 0;
		int guard = 0;

		/* the first number within 20 bytes of 结构 */
		while (*q && !(*q >= '0' && *q <= '9') && guard++ < 30)
			q++;
		for (;;) {
			if (!(k = pw_scan_number(q, &v)))
				break;
			if (!n)
				start = (size_t)(q - s);
			sum += v;
			n++;
			q += k;
			q += pw_utf8_blanks(q);
			if (*q == ':')
				q++;
			else if (pw_utf8_starts(q, "："))
				q += 3;
			else
				break;
			q += pw_utf8_blanks(q);
		}
		if (n >= 3 && fabs(sum - 100) > 0.6)
			pw_lint_report(L, "parts-total", PW_LINT_WARNING, (int)li + 1, start,
				       (size_t)(q - s) - start,
				       "the structure's shares add up to %g, not 100", sum);
		p += 6;
	}
}

static void check_prose_shares(struct pw_lint *L, size_t li, const char *s)
{
	static const char *const KEYS[] = { "比重", "占比", "比例", "覆盖率", "普及率", "达标率",
					    "合格率", "参保率", "城镇化率", NULL };
	static const char *const LINKS[] = { "达到", "提高到", "保持在", "超过", "为", "不低于",
					     "稳定在", "提升到", " ", NULL };
	size_t i;

	for (i = 0; KEYS[i]; i++) {
		const char *p = s;

		while ((p = strstr(p, KEYS[i]))) {
			const char *q = p + strlen(KEYS[i]);
			size_t k, j;
			double v;

			for (;;) {
				for (j = 0; LINKS[j]; j++)
					if ((k = pw_utf8_starts(q, LINKS[j])))
						break;
				if (!LINKS[j])
					break;
				q += k;
			}
			if ((k = pw_scan_number(q, &v)) && q[k] == '%' && v > 100)
				pw_lint_report(L, "share-over-100", PW_LINT_ERROR, (int)li + 1,
					       (size_t)(q - s), k + 1,
					       "a share (%s) of %g%% is more than the whole", KEYS[i], v);
			p = q;
		}
	}
}

void pw_lint_numbers(struct pw_lint *L)
{
	const struct pw_plan *p = L->plan;
	size_t t, r, li;

	for (t = 0; t < p->ntables; t++)
		for (r = 0; r < p->tables[t].nrows; r++) {
			check_row_growth(L, &p->tables[t], &p->tables[t].rows[r]);
			check_row_share(L, &p->tables[t].rows[r]);
		}
	check_table_prose(L);
	for (li = 0; li < L->nlines; li++) {
		const char *s = L->lines[li].s, *qz;

		if (L->lines[li].kind == PW_LK_BLANK || L->lines[li].kind == PW_LK_TABLE)
			continue;
		for (qz = strstr(s, "其中"); qz; qz = strstr(qz + 6, "其中"))
			check_parts(L, li, s, qz);
		check_structure_ratio(L, li, s);
		if (L->lines[li].kind == PW_LK_PROSE)
			check_prose_growth(L, li, s);
		check_prose_shares(L, li, s);
	}
}
