/*
 * prose_subject.c - the subject of a prose target.
 *
 * Before the verb for levels and changes (常住人口城镇化率力争超过83%); the
 * object after the unit for things made (新建 1-2 所学校, …较高的家政服务公司
 * → 家政服务公司); the object between verb and quantity when it comes first
 * (新改建“四好农村路”102千米).  Lead-ins (到2025年, 全区, 实现, “十四五”期间)
 * are dropped.  A list subject yields one subject per member, sharing its
 * tail: "PM10、PM2.5 年平均浓度" → PM10年平均浓度, PM2.5年平均浓度.
 */
#include "ingest/prose_int.h"
#include "text/number.h"
#include "text/utf8.h"
#include "text/words.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"

#define SHORT_MEMBER 4 /* code points: a list member this short shares the tail */

static bool is_ascii_word(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.';
}

/* b after the first word of list that starts [b, e), if any. */
static size_t strip_front(const char *s, size_t b, size_t e, const char *const *list, size_t n)
{
	return b + pw_words_at(s + b, e - b, list, n, NULL);
}

/* “十四五”期间, 十四五时期: the plan's own period as a lead-in. */
static size_t plan_period(const char *s, size_t b, size_t e)
{
	size_t i = b, k, n;

	if ((k = pw_utf8_starts(s + i, "“")) || (k = pw_utf8_starts(s + i, "\"")))
		i += k;
	n = pw_utf8_starts(s + i, "十");
	if (n && i + n < e)
		n += pw_utf8_len(s + i + n); /* the 四 of 十四五 */
	if (!n || !(k = pw_utf8_starts(s + i + n, "五")) || i + n + k > e)
		return b;
	i += n + k;
	if ((k = pw_utf8_starts(s + i, "”")) || (k = pw_utf8_starts(s + i, "\"")))
		i += k;
	return i;
}

/* Bytes of the list item number at s (4.城镇新增就业, （2）, ③) that ends
 * before len, else 0. */
static size_t list_number(const char *s, size_t len)
{
	int no;
	size_t n = pw_scan_item_number(s, &no);

	return n < len ? n : 0;
}

/* Drops blanks, punctuation, list numbers, year phrases and lead-ins from
 * the front. */
static size_t strip_leading(const char *s, size_t b, size_t e)
{
	static const char *const junk[] = { " ", "　", "，", "、", "：", "；", "“", "”", "\"",
					    "——", "—", "-", "*", "•" };
	size_t prev;
	int year;

	do {
		prev = b;
		b = strip_front(s, b, e, junk, NELEM(junk));
		b += b < e ? list_number(s + b, e - b) : 0;
		b += b < e ? pw_prose_year_phrase(s + b, &year) : 0;
		b = plan_period(s, b, e);
		b += b < e ? pw_prose_leadin(s + b) : 0;
	} while (b != prev && b < e);
	return b;
}

static size_t strip_trailing(const char *s, size_t b, size_t e)
{
	/* 同口径: how the change is measured, not what changes; 累计 (城镇新增
	 * 就业累计达到5万人): that the value is a total, said by the kind */
	static const char *const junk[] = { " ", "　", "的", "”", "\"", "，", "、", "同口径",
					    "累计" };

	return pw_words_rstrip(s, b, e, junk, NELEM(junk));
}

/* Copies [b, e) dropping quotes and the blanks that do not separate two
 * ASCII words.  Here and below a returned string is the caller's. */
static char *squeeze(const char *s, size_t b, size_t e)
{
	static const char *const quotes[] = { "“", "”" };
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	for (i = b; i < e; i++) {
		if (s[i] == ' ' && !(i > b && is_ascii_word(s[i - 1]) && i + 1 < e &&
				     is_ascii_word(s[i + 1])))
			continue;
		if (s[i] == '"')
			continue;
		if ((k = pw_words_at(s + i, e - i, quotes, NELEM(quotes), NULL)) != 0) {
			i += k - 1;
			continue;
		}
		sb_addch(&sb, s[i]);
	}
	return sb_detach(&sb, NULL);
}

char *pw_prose_clean_phrase(const char *s, size_t b, size_t e)
{
	b = strip_leading(s, b, e);
	e = strip_trailing(s, b, e);
	return squeeze(s, b, e);
}

static void push(struct pw_prose_subjects *out, char *subject)
{
	if (!*subject) {
		free(subject);
		return;
	}
	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	out->v[out->n++] = subject;
}

void pw_prose_subjects_release(struct pw_prose_subjects *out)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		free(out->v[i]);
	free(out->v);
	memset(out, 0, sizeof(*out));
}

/* After the last 的 or 等 (or 、 when members) in [b, e): the head noun of
 * an object ("…较高的家政服务公司", "村道联网等“四好农村路”",
 * "污水处理厂3座、垃圾中转站"), or b. */
static size_t after_last_de(const char *s, size_t b, size_t e, bool members)
{
	static const char *const ends[] = { "的", "等", "、" };
	size_t i = b, at = b, k;

	/* strictly before e: a 的 that ends the range leaves nothing after it */
	while (i < e) {
		k = pw_words_at(s + i, e - i - 1, ends, members ? 3 : 2, NULL);
		if (k)
			at = i + k;
		i += pw_utf8_len(s + i);
	}
	return at;
}

/* Start of a baseline phrase in a subject: 由2020年的52%, 比2020年, 比去年, 从…. */
static size_t baseline_start(const char *s, size_t b, size_t e)
{
	static const char *const words[] = { "由", "从", "比", "较" };
	size_t i, k, w;

	for (i = b; i < e; i += pw_utf8_len(s + i))
		for (w = 0; w < NELEM(words); w++) {
			if (!(k = pw_utf8_starts(s + i, words[w])) || i == b)
				continue;
			while (i + k < e && s[i + k] == ' ')
				k++;
			if (i + k < e && ((s[i + k] >= '0' && s[i + k] <= '9') ||
					  pw_utf8_starts(s + i + k, "上年") ||
					  pw_utf8_starts(s + i + k, "去年") ||
					  pw_utf8_starts(s + i + k, "“")))
				return i;
		}
	return e;
}

/* The object after a quantity, up to the clause end or a preposition:
 * "所学校" → 学校, "处公共建筑在应急状态时…" → 公共建筑. */
static char *object_after(const char *s, size_t b, size_t hi)
{
	static const char *const stops[] = { "在", "用于", "作为", "并", "以", "，", "转为",
					     "成为", "达到", "实现", "纳入", "投入" };
	size_t i, k, e = hi;

	for (i = b; i < hi && e == hi; i += pw_utf8_len(s + i)) {
		if (pw_prose_beside_base(s, i, hi)) {
			e = i; /* 540亿元、比上年增加20亿元: the change */
			break;
		}
		if (i > b && (k = pw_utf8_starts(s + i, "、")) != 0 && i + k < hi &&
		    s[i + k + pw_utf8_blanks(s + i + k)] >= '0' &&
		    s[i + k + pw_utf8_blanks(s + i + k)] <= '9') {
			e = i; /* 100个A、100个B: the next member's count */
			break;
		}
		for (k = 0; k < NELEM(stops); k++)
			if (pw_utf8_starts(s + i, stops[k]) && i > b) {
				e = i;
				break;
			}
	}
	return pw_prose_clean_phrase(s, after_last_de(s, b, e, false), e);
}

/* Member boundaries: 、 always; 和 与 及 when values are listed. */
static size_t member_sep(const char *s, bool conj)
{
	static const char *const conjs[] = { "和", "与", "及" };
	size_t k = pw_utf8_starts(s, "、"), i;

	for (i = 0; !k && conj && i < NELEM(conjs); i++)
		k = pw_utf8_starts(s, conjs[i]);
	return k;
}

/* Length in bytes of the head of the last member that matches the shape of
 * the first: its ASCII word, or as many code points as the first has. */
static size_t head_len(const char *first, const char *last)
{
	size_t n = 0, chars, i;

	if (is_ascii_word(first[0])) {
		while (is_ascii_word(last[n]))
			n++;
		return n;
	}
	chars = pw_utf8_columns(first, strlen(first));
	for (i = 0; i < chars && last[n]; i++)
		n += pw_utf8_len(last + n);
	return n;
}

static bool is_ascii_str(const char *s)
{
	for (; *s; s++)
		if (!is_ascii_word(*s))
			return false;
	return true;
}

/* "PM10、PM2.5 年平均浓度" → "PM10年平均浓度" "PM2.5年平均浓度". */
static void share_tail(struct pw_prose_subjects *m)
{
	const char *first = m->v[0], *last = m->v[m->n - 1];
	size_t fchars = pw_utf8_columns(first, strlen(first)), h, i;
	char *tail;

	if (!(is_ascii_str(first) || fchars <= SHORT_MEMBER))
		return;
	h = head_len(first, last);
	if (!h || !last[h] || (is_ascii_word(first[0]) && !is_ascii_str(first)))
		return;
	tail = xstrdup(last + h);
	for (i = 0; i + 1 < m->n; i++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addstr(&sb, m->v[i]);
		sb_addstr(&sb, tail);
		free(m->v[i]);
		m->v[i] = sb_detach(&sb, NULL);
	}
	free(tail);
}

/* Bytes of the "per unit of output" head that opens an intensity
 * indicator (单位国内生产总值, 万元GDP, 单位工业增加值), 0 if none. */
static size_t intensity_head(const char *m)
{
	static const char *const opens[] = { "单位", "万元", "每万元" };
	static const char *const outputs[] = { "国内生产总值", "地区生产总值", "生产总值",
						"GDP", "工业增加值", "增加值", "产值" };
	size_t k = pw_words_at(m, PW_WORDS_NOLIMIT, opens, NELEM(opens), NULL);
	size_t n;

	if (!k)
		return 0;
	n = pw_words_longest(m + k, outputs, NELEM(outputs));
	return n && m[k + n] ? k + n : 0;
}

/* "单位国内生产总值能源消耗和二氧化碳排放" → the later members that lack
 * it get the first's intensity head: 单位国内生产总值二氧化碳排放. */
static void share_head(struct pw_prose_subjects *m)
{
	size_t h = intensity_head(m->v[0]), i;

	for (i = 1; h && i < m->n; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (intensity_head(m->v[i]))
			continue;
		sb_add(&sb, m->v[0], h);
		sb_addstr(&sb, m->v[i]);
		free(m->v[i]);
		m->v[i] = sb_detach(&sb, NULL);
	}
}

static void split_members(const char *s, size_t b, size_t e, bool conj,
			  struct pw_prose_subjects *out)
{
	size_t i = b, start = b, k;
	int depth = 0;

	while (i < e) {
		if (pw_utf8_starts(s + i, "（") || pw_utf8_starts(s + i, "“"))
			depth++;
		else if ((pw_utf8_starts(s + i, "）") || pw_utf8_starts(s + i, "”")) && depth)
			depth--;
		if (!depth && (k = member_sep(s + i, conj))) {
			push(out, pw_prose_clean_phrase(s, start, i));
			i += k;
			start = i;
			continue;
		}
		i += pw_utf8_len(s + i);
	}
	push(out, pw_prose_clean_phrase(s, start, e));
	if (out->n > 1) {
		share_tail(out);
		share_head(out);
	}
}

/* 新增学位6000个 → 学位: the verb that opens a subject when its object
 * follows (城镇新增就业 keeps its 新增: it does not open the phrase).
 * Takes and returns a string the caller frees. */
static char *without_verb(char *subject)
{
	const struct pw_prose_word *w = pw_prose_word_at(subject, 0, strlen(subject));
	char *rest;

	if (!w || (w->role != PW_PR_NEWADD && w->role != PW_PR_BUILD) || !subject[w->len])
		return subject;
	rest = xstrdup(subject + w->len);
	free(subject);
	return rest;
}

/* The subject before the verb, as members when it is a list. */
static void subject_before(const char *s, size_t lo, size_t head, size_t nvalues,
			   const struct pw_prose_trigger *t, struct pw_prose_subjects *out)
{
	size_t b = strip_leading(s, lo, head);
	struct pw_prose_subjects m = { 0 };

	head = baseline_start(s, b, head);
	split_members(s, b, head, nvalues > 1 || t->each, &m);
	if (m.n <= 1 || (nvalues > 1 && m.n != nvalues)) {
		pw_prose_subjects_release(&m);
		push(out, pw_prose_clean_phrase(s, b, head));
		return;
	}
	*out = m;
}

/* A verb or adverb of making at s[i] (not past e): its bytes, else 0. */
static size_t making_word(const char *s, size_t i, size_t e)
{
	const struct pw_prose_word *w = i < e ? pw_prose_word_at(s, i, e) : NULL;

	return w && (w->role == PW_PR_BUILD || w->role == PW_PR_ADVERB) ? w->len : 0;
}

/* Bytes of the run of verbs and adverbs of making at s[i] (完成, 新开工改造,
 * 新建、改扩建), not reading past e; *first_len: bytes of its first word. */
static size_t verb_run(const char *s, size_t i, size_t e, size_t *first_len)
{
	static const char *const joins[] = { "、", "和", "及", "与" };
	size_t b = i, k, j;

	*first_len = making_word(s, i, e);
	while ((k = making_word(s, i, e)) != 0) {
		i += k;
		j = i + pw_words_at(s + i, e - i, joins, NELEM(joins), NULL);
		if (j > i && making_word(s, j, e))
			i = j;
	}
	return i - b;
}

/*
 * Where the object of a verb of making starts when a verb of making also
 * lies inside it (安排省重点建设项目1200个, 完成营造林面积10万亩): after the
 * first run of such verbs in [lo, verb_end), not after the last verb;
 * when that run reaches the number (完成植树造林1.5万亩) the words after its
 * first verb are the object.  verb_end if there is no earlier verb.
 */
static size_t object_start(const char *s, size_t lo, size_t verb_end, size_t num)
{
	const struct pw_prose_word *w;
	size_t i, run, first;

	for (i = lo; i < verb_end; i += pw_utf8_len(s + i)) {
		w = pw_prose_word_at(s, i, num);
		if (!w || w->role != PW_PR_BUILD)
			continue;
		run = verb_run(s, i, num, &first);
		if (i + run >= verb_end && i + run < num)
			return i + run; /* the last verb ends the first run */
		return i + run < num ? i + run : i + first;
	}
	return verb_end;
}

/* head then rest, in a new string (the caller's). */
static char *prefixed(const char *head, const char *rest)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addstr(&sb, head);
	sb_addstr(&sb, rest);
	return sb_detach(&sb, NULL);
}

/* 城乡居民人均可支配收入分别增长6%和7.5%: one subject of 城乡 with two
 * values is two, 城镇… and 农村…, in that order (the order of 城乡). */
static void split_urban_rural(struct pw_prose_subjects *out, size_t nvalues)
{
	size_t k;
	char *one;

	if (out->n != 1 || nvalues != 2 || !(k = pw_utf8_starts(out->v[0], "城乡")) ||
	    !out->v[0][k])
		return;
	one = out->v[0];
	out->n = 0;
	push(out, prefixed("城镇", one + k));
	push(out, prefixed("农村", one + k));
	free(one);
}

void pw_prose_subjects(const char *s, size_t lo, size_t hi, const struct pw_prose_qty *first,
		       const struct pw_prose_qty *last, const struct pw_prose_trigger *t,
		       size_t nvalues, struct pw_prose_subjects *out)
{
	size_t b;

	memset(out, 0, sizeof(*out));
	if (t->shape == PW_SHAPE_OBJECT_FIRST) {
		if (t->role == PW_PR_NEWADD) {
			b = after_last_de(s, lo, first->start, true); /* 学校5所、新增学位 */
			push(out, without_verb(pw_prose_clean_phrase(s, b, first->start)));
			return;
		}
		b = after_last_de(s, object_start(s, lo, t->verb_end, first->start),
				  first->start, true);
		b = pw_prose_after_thresholds(s, b, first->start);
		push(out, pw_prose_clean_phrase(s, b, first->start));
		return;
	}
	if (t->role == PW_PR_BUILD)
		push(out, object_after(s, last->end, hi));
	if (!out->n)
		subject_before(s, lo, t->head, nvalues, t, out);
	if (!out->n)
		push(out, object_after(s, last->end, hi));
	split_urban_rural(out, nvalues);
}
