/*
 * prose_qty.c - one quantity in running text: "1-2 所", "4.5%以下",
 * "3 微克每立方米", "200 万尾", "14/10万"; and the numbers that are names
 * or labels rather than amounts (PM10, 5G, 3A级, 第4期, 等7个, 1+11+1+1).
 * Numbers themselves are read by pw_scan_number() (text/number.h).
 */
#include "ingest/prose_int.h"
#include "text/number.h"
#include "text/utf8.h"

#include <string.h>
#include "util/nelem.h"
#include "model/year.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* i after the blanks at s[i], but not past hi. */
static size_t skip_blank(const char *s, size_t i, size_t hi)
{
	if (i < hi)
		i += pw_utf8_blanks(s + i);
	return i < hi ? i : hi;
}

/* A range separator: the one list in text/number.h (PW_RANGE_SEPS). */
static size_t range_sep(const char *s)
{
	return pw_scan_range_sep(s);
}

/* After the first number at i: "-2", "%—5" (the % is read again as unit). */
static size_t scan_range(const char *s, size_t i, size_t hi, struct pw_prose_qty *q)
{
	size_t j = i, k;
	double hi_v;

	if (j < hi && s[j] == '%')
		j++;
	j = skip_blank(s, j, hi);
	k = range_sep(s + j);
	if (!k)
		return i;
	j = skip_blank(s, j + k, hi);
	if (j >= hi || !is_digit(s[j]))
		return i;
	k = pw_scan_number(s + j, &hi_v);
	if (!k || j + k > hi || hi_v <= q->value)
		return i;
	q->value_hi = hi_v;
	q->has_hi = true;
	return j + k;
}

/* "/10万" after a number (the cell parser's reading, text/number.h). */
static size_t scan_rate(const char *s, size_t i, size_t hi, struct pw_prose_qty *q)
{
	char unit[sizeof(q->unit)];
	size_t k = i < hi ? pw_scan_rate(s + i, unit, sizeof(unit)) : 0;

	if (!k || i + k > hi)
		return 0;
	memcpy(q->unit, unit, sizeof(unit));
	q->uflags = PW_U_MEASURE;
	return k;
}

static size_t scan_unit(const char *s, size_t i, size_t hi, struct pw_prose_qty *q)
{
	size_t k = scan_rate(s, i, hi, q);

	if (k)
		return k;
	k = pw_prose_unit(s + i, &q->uflags);
	if (!k || i + k > hi || k >= sizeof(q->unit))
		return 0;
	memcpy(q->unit, s + i, k);
	q->unit[k] = '\0';
	return k;
}

/* Closing quotes and brackets, then the clause end. */
static bool at_clause_end(const char *s, size_t i, size_t hi)
{
	static const char *const closers[] = { "”", "’", "》", "）", ")", "」", "』" };
	size_t c, k;

	for (;;) {
		i = skip_blank(s, i, hi);
		for (c = 0, k = 0; c < NELEM(closers) && !k; c++)
			k = pw_utf8_starts(s + i, closers[c]);
		if (!k || i + k > hi)
			return i >= hi;
		i += k;
	}
}

/* 10万吨级码头, 500强: the quantity grades a name. */
static bool is_grade(const char *s)
{
	return pw_utf8_starts(s, "级") || pw_utf8_starts(s, "型") || pw_utf8_starts(s, "强") ||
	       pw_utf8_starts(s, "档");
}

/* A length of time that a noun follows names a period, not an amount:
 * 3年过渡期, 1小时通勤圈, 3年攻坚行动.  What may follow a time that is a
 * goal: a comparator or 内 (30天以内, 3天内), a list, the clause end. */
static bool names_period(const char *s, const struct pw_prose_qty *q, size_t hi)
{
	static const char *const ok[] = { "以", "左右", "内", "前", "后", "、", "和", "及",
					   "或", "至", "到", "—", "－", "-", "~" };
	size_t i;

	if (!(q->uflags & PW_U_TIME) || q->end >= hi || (unsigned char)s[q->end] < 0xE0)
		return false;
	for (i = 0; i < NELEM(ok); i++)
		if (pw_utf8_starts(s + q->end, ok[i]))
			return false;
	return !at_clause_end(s, q->end, hi);
}

static bool is_year(const struct pw_prose_qty *q)
{
	return !strcmp(q->unit, "年") && pw_text_year((long)q->value) &&
	       q->value == (double)(long)q->value;
}

/* Words that close a target's phrase after its comparator: 3.2%左右安排,
 * 3%左右为宜, 6%左右的水平.  What follows is not a thing it grades. */
static bool closes_phrase(const char *s)
{
	static const char *const words[] = { "安排", "为宜", "的水平", "水平" };
	size_t i;

	for (i = 0; i < NELEM(words); i++)
		if (pw_utf8_starts(s, words[i]))
			return true;
	return false;
}

/* A threshold (亿元以上企业, 5000万元以上的项目): the comparator ending at
 * end is followed by more words, not by the clause end, a list or a
 * closing verb. */
static bool is_threshold(const char *s, size_t end, size_t hi)
{
	size_t i = skip_blank(s, end, hi);

	return !at_clause_end(s, end, hi) && !pw_utf8_starts(s + i, "、") &&
	       !pw_utf8_starts(s + i, "和") && !closes_phrase(s + i);
}

#define MAX_BARE_MEMBERS 6 /* numbers of a list that share the last one's unit */

/* 分别控制在42、70微克/立方米以内: a number without a unit that a list of
 * numbers follows, the last of them with a unit, shares what follows that
 * last number: its unit, its comparator (以内) and whether it is a modifier
 * (10、20万吨级码头: a grade).  Copies them into q and returns true; false
 * when the list ends without a unit. */
static bool list_unit(const char *s, size_t end, size_t hi, struct pw_prose_qty *q)
{
	struct pw_prose_qty m;
	size_t i, k, n;
	double v;

	for (n = 0; n < MAX_BARE_MEMBERS && (i = pw_prose_qty_list_next(s, end, hi)); n++) {
		if (!(k = pw_scan_number(s + i, &v)) || i + k > hi)
			return false;
		end = i + k;
		memset(&m, 0, sizeof(m));
		if (!scan_unit(s, skip_blank(s, end, hi), hi, &m))
			continue;
		/* the last member has its unit: read it whole (no list again) */
		if (!pw_prose_qty_scan(s, i, hi, &m))
			return false;
		memcpy(q->unit, m.unit, sizeof(q->unit));
		q->uflags = m.uflags;
		q->suffix = m.suffix;
		q->modifier = m.modifier;
		return true;
	}
	return false;
}

bool pw_prose_qty_scan(const char *s, size_t pos, size_t hi, struct pw_prose_qty *q)
{
	size_t i, k;
	enum pw_cmp c;

	memset(q, 0, sizeof(*q));
	q->suffix = PW_CMP_NONE;
	q->start = pos;
	k = pw_scan_number(s + pos, &q->value);
	if (!k || pos + k > hi)
		return false;
	i = scan_range(s, pos + k, hi, q);
	q->end = i;
	i = skip_blank(s, i, hi);
	k = scan_unit(s, i, hi, q);
	if (!k && !q->has_hi && list_unit(s, q->end, hi, q)) {
		q->unit_end = q->end; /* the unit is written once, after the last */
		q->year = is_year(q);
		return true;
	}
	if (!k)
		return false;
	q->unit_end = q->end = i + k;
	q->modifier = is_grade(s + q->end) || names_period(s, q, hi);
	i = skip_blank(s, q->end, hi);
	k = pw_scan_cmp_suffix(s + i, &c);
	if (k && i + k <= hi) {
		q->suffix = c;
		q->end = i + k;
		q->modifier |= is_threshold(s, q->end, hi);
	}
	q->year = is_year(q);
	return true;
}

static bool preceded_by(const char *s, size_t lo, size_t pos, const char *word)
{
	size_t n = strlen(word);

	while (pos > lo && s[pos - 1] == ' ')
		pos--;
	return pos - lo >= n && !memcmp(s + pos - n, word, n);
}

bool pw_prose_qty_is_name(const char *s, size_t lo, size_t pos, size_t hi)
{
	static const char *const before[] = { "第", "等", "每", "前", "+", "No.", "#" };
	double v;
	size_t i, k;

	if (pos > lo && (is_alpha(s[pos - 1]) || is_digit(s[pos - 1]) || s[pos - 1] == '.'))
		return true; /* PM10, PM2.5, GB3095 */
	for (i = 0; i < NELEM(before); i++)
		if (preceded_by(s, lo, pos, before[i]))
			return true;
	k = pw_scan_number(s + pos, &v);
	if (pos + k < hi && (is_alpha(s[pos + k]) || s[pos + k] == '+'))
		return true; /* 5G, 3A, 110kv, 1+11 */
	return false;
}

size_t pw_prose_qty_list_next(const char *s, size_t end, size_t hi)
{
	static const char *const joins[] = { "、", "和", "及", "与" };
	size_t i = skip_blank(s, end, hi), j, k = 0;

	for (j = 0; j < NELEM(joins) && !k; j++)
		k = pw_utf8_starts(s + i, joins[j]);
	if (!k)
		return 0;
	i = skip_blank(s, i + k, hi);
	return i < hi && is_digit(s[i]) ? i : 0;
}

/* 超10亿元企业: an amount after 超/超过/逾/高于 that a noun follows. */
static bool graded_noun(const char *s, size_t b, const struct pw_prose_qty *q, size_t e)
{
	static const char *const before[] = { "超过", "超", "逾", "高于" };
	size_t i;
	bool prefixed = false;

	if (!(q->uflags & PW_U_MEASURE) || q->suffix != PW_CMP_NONE || !is_threshold(s, q->end, e))
		return false;
	for (i = 0; i < NELEM(before) && !prefixed; i++)
		prefixed = preceded_by(s, b, q->start, before[i]);
	return prefixed && (unsigned char)s[q->end] >= 0xE0;
}

bool pw_prose_qty_grades(const char *s, size_t lo, const struct pw_prose_qty *q, size_t hi)
{
	size_t i;

	if (!graded_noun(s, lo, q, hi))
		return false;
	for (i = q->end; i < hi; i++)
		if (is_digit(s[i]))
			return true; /* the count of the graded things */
	return false;
}

/* Is the number at s[pos] a threshold inside the phrase [b, e)?  Sets *end
 * to the end of its quantity. */
static bool threshold_at(const char *s, size_t b, size_t pos, size_t e, size_t *end)
{
	struct pw_prose_qty q;

	if (!pw_prose_qty_scan(s, pos, e, &q) || q.year || q.end >= e)
		return false;
	*end = q.end;
	return q.modifier || graded_noun(s, b, &q, e);
}

size_t pw_prose_after_thresholds(const char *s, size_t b, size_t e)
{
	size_t i = b, at = b, end;

	while (i < e) {
		if (!is_digit(s[i]) || (i > b && (is_alpha(s[i - 1]) || is_digit(s[i - 1])))) {
			i++;
			continue;
		}
		if (threshold_at(s, b, i, e, &end)) {
			at = i = end;
			continue;
		}
		while (i < e && (is_digit(s[i]) || s[i] == '.'))
			i++;
	}
	return at;
}
