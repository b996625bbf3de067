/*
 * prose_trigger.c - what makes a quantity in a clause a target, and which
 * comparator and kind it has.
 *
 * A quantity is a target when one of these shapes holds:
 *   after a verb     a verb or comparator right before it, perhaps with
 *                    adverbs between: 超过 20 家, 力争每年下降 3,
 *                    每年至少新建 1-2 所, 确保至少有1处
 *   verb ... 的      a level verb, then "X的": 达到全年天数的 70%
 *   object first     a verb of making, its object, then the quantity that
 *                    ends the clause: 新改建“四好农村路”102千米; or a verb of
 *                    change, what changes, and by how much: 降低单位地区
 *                    生产总值能耗3%左右, 增加就业岗位2000个; or 实现, what
 *                    is reached, and its level: 实现旅游综合收入80亿元
 *   bare             subject, quantity and 以上/以下/左右 ending the clause:
 *                    城镇调查失业率5.5%左右; or a quantity with its change
 *                    against last year beside it: 支出规模420亿元、比上年增加
 *   put              an amount after 将/把, its noun, a verb of putting:
 *                    将35亿元资金纳入直达机制
 * Anything else (a count in a name, a size threshold, a description) is not.
 */
#include "ingest/prose_int.h"
#include "text/number.h"
#include "text/utf8.h"
#include "text/vocab.h"
#include "text/words.h"

#include <string.h>
#include "util/nelem.h"

#define MAX_VERB_OF_GAP 12   /* code points in 达到 … 的 */
#define MAX_OBJECT_GAP 30    /* code points of an object before its quantity */

/* pos before the blanks and opening quotes that end [lo, pos). */
static size_t skip_back_blank(const char *s, size_t lo, size_t pos)
{
	static const char *const blanks[] = { " ", "\t", "　", "“", "《", "‘" };

	return pw_words_rstrip(s, lo, pos, blanks, NELEM(blanks));
}

static void apply_word(struct pw_prose_trigger *t, const struct pw_prose_word *w)
{
	if (w->cmp != PW_CMP_NONE && t->cmp == PW_CMP_NONE)
		t->cmp = (enum pw_cmp)w->cmp;
	switch (w->role) {
	case PW_PR_ANNUAL:
		t->annual = true;
		break;
	case PW_PR_AVERAGE:
		t->average = true;
		break;
	case PW_PR_EACH:
		t->each = true;
		break;
	default:
		break;
	}
	if (w->role == PW_PR_NEWADD)
		t->cumul = true;
	if (pw_prose_role_is_verb(w->role) && !t->verb) {
		t->verb = w->s;
		t->role = w->role == PW_PR_REACH ? PW_PR_LEVEL : w->role; /* a level */
	}
}

/* A second verb before the first belongs to the subject (增速保持在, 建设用地
 * …), unless it is only a comparator (每年至少新建). */
static bool ends_chain(const struct pw_prose_trigger *t, const struct pw_prose_word *w)
{
	return t->verb && pw_prose_role_is_verb(w->role) && w->role != PW_PR_CMP;
}

/* Reads a verb, comparators and adverbs backwards from pos; returns where
 * they start. */
static size_t scan_back(const char *s, size_t lo, size_t pos, struct pw_prose_trigger *t)
{
	const struct pw_prose_word *w;

	for (;;) {
		pos = skip_back_blank(s, lo, pos);
		w = pw_prose_word_ending(s, lo, pos);
		if (!w || ends_chain(t, w))
			return pos;
		apply_word(t, w);
		pos -= w->len;
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does a quantity lie in [b, e) after the last 的 or 、, i.e. inside the
 * object itself rather than in a modifier ("年营业收入超10亿元的龙头企业",
 * "产值超10亿元企业") or an earlier member ("幼儿园6所、小学")?  Digits of
 * names (5G, PM10, 3A) do not count. */
static bool quantity_in_object(const char *s, size_t b, size_t e)
{
	static const char *const seps[] = { "的", "、" };
	size_t i, j, last = 0, sep = 0;
	bool any = false;

	b = pw_prose_after_thresholds(s, b, e);
	i = b;

	while (i < e) {
		if (pw_words_at(s + i, e - i, seps, NELEM(seps), NULL))
			sep = i;
		if (!is_digit(s[i])) {
			i++;
			continue;
		}
		for (j = i; j < e && (is_digit(s[j]) || s[j] == '.'); j++)
			;
		if (!(i > b && is_alpha(s[i - 1])) && !(j < e && is_alpha(s[j]))) {
			last = i;
			any = true;
		}
		i = j;
	}
	return any && last > sep;
}

#define MAX_UNIT_NOTE 4 /* code points in the note after a unit: 10万套（间） */

/* Bytes of a short note in brackets at s + i, before hi, that says what else
 * the unit counts (套（间）, 人（次）): no digits, at most MAX_UNIT_NOTE code
 * points.  0 if there is none. */
static size_t unit_note(const char *s, size_t i, size_t hi)
{
	size_t k = pw_utf8_starts(s + i, "（"), j, n;

	if (!k && !(k = pw_utf8_starts(s + i, "(")))
		return 0;
	for (j = i + k, n = 0; j < hi && n <= MAX_UNIT_NOTE; n++) {
		if ((k = pw_utf8_starts(s + j, "）")) || (k = pw_utf8_starts(s + j, ")")))
			return n ? j + k - i : 0;
		if (is_digit(s[j]))
			return 0;
		j += pw_utf8_len(s + j);
	}
	return 0;
}

/* Where the phrase ending at end is followed by nothing but a note on its
 * unit, closing quotes and blanks up to the clause end (or, if members, up
 * to a 、). */
static bool clause_final(const char *s, size_t end, size_t hi, bool members)
{
	static const char *const closers[] = { "”", "’", "》", "）", ")", " ", "　" };
	size_t c, k;

	end += unit_note(s, end, hi);
	do {
		for (c = 0, k = 0; c < NELEM(closers) && !k; c++)
			k = pw_utf8_starts(s + end, closers[c]);
		end += k;
	} while (k && end < hi);
	return end >= hi || (members && pw_utf8_starts(s + end, "、"));
}

void pw_prose_verbs_init(struct pw_prose_verbs *v, const char *s, size_t lo)
{
	v->s = s;
	v->lo = v->i = v->last = lo;
	v->best = NULL;
	v->at = 0;
	v->maxlen = pw_prose_word_maxlen();
}

/* One step of the left-to-right reading at v->i, with words ending by pos. */
static void verbs_step(struct pw_prose_verbs *v, size_t pos)
{
	const struct pw_prose_word *w = pw_prose_word_at(v->s, v->i, pos);

	v->last = v->i;
	if (w && pw_prose_role_is_verb(w->role) && w->role != PW_PR_CMP) {
		v->best = w;
		v->at = v->i;
		v->i += w->len;
	} else {
		v->i += pw_utf8_len(v->s + v->i);
	}
}

/*
 * The last verb in [lo, pos) and where it starts; NULL if none.  A step at
 * i reads the same whatever the bound once i + maxlen <= pos (every word
 * fits).  So v takes only such steps and keeps what they read; it serves a
 * later pos as long as its last step fits that pos too.  The last few
 * bytes before pos, and a pos v cannot serve, are read on a copy.
 */
static const struct pw_prose_word *last_verb(struct pw_prose_verbs *v, size_t pos, size_t *at)
{
	struct pw_prose_verbs tail;
	size_t safe = pos - v->lo > v->maxlen ? pos - v->maxlen : v->lo;

	if (v->i == v->lo || v->last + v->maxlen <= pos) {
		while (v->i < safe)
			verbs_step(v, pos);
		tail = *v;
	} else {
		pw_prose_verbs_init(&tail, v->s, v->lo);
	}
	while (tail.i < pos)
		verbs_step(&tail, pos);
	if (tail.best)
		*at = tail.at;
	return tail.best;
}

static bool gap_ends_with_de(const char *s, size_t b, size_t e)
{
	while (e > b && s[e - 1] == ' ')
		e--;
	return pw_utf8_ends(s + b, e - b, "的") != 0;
}

/* 降低贷款利率至3.5%: the gap ends in a word that makes the value the
 * level reached, not the change; the verb-first shape does not read it. */
static bool gap_ends_with_to(const char *s, size_t b, size_t e)
{
	while (e > b && s[e - 1] == ' ')
		e--;
	return pw_utf8_ends(s + b, e - b, "至") || pw_utf8_ends(s + b, e - b, "到") ||
	       pw_utf8_ends(s + b, e - b, "为");
}

/* Code points in [s, s+len), counted up to max + 1 (enough to compare). */
static size_t columns_upto(const char *s, size_t len, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < len && n <= max; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* 达到全年天数的 70%; 新改建“四好农村路”102千米. */
static bool find_gap(const char *s, size_t lo, size_t hi, const struct pw_prose_qty *q,
		     struct pw_prose_verbs *v, struct pw_prose_trigger *t)
{
	size_t at = 0, vend, chars;
	const struct pw_prose_word *w = last_verb(v, q->start, &at);

	if (!w)
		return false;
	vend = at + w->len;
	/* Both shapes want the verb near: a far one settles it without reading
	 * the gap (a long clause has many numbers and one verb at its start). */
	chars = columns_upto(s + vend, q->start - vend, MAX_OBJECT_GAP);
	if (chars > MAX_OBJECT_GAP || quantity_in_object(s, vend, q->start))
		return false;
	if (w->role == PW_PR_LEVEL && gap_ends_with_de(s, vend, q->start) &&
	    chars <= MAX_VERB_OF_GAP)
		t->shape = PW_SHAPE_VERB_OF;
	else if ((w->role == PW_PR_BUILD || w->role == PW_PR_NEWADD) &&
		 clause_final(s, q->end, hi, true) && chars <= MAX_OBJECT_GAP &&
		 (q->uflags & (PW_U_COUNT | PW_U_MEASURE)))
		t->shape = PW_SHAPE_OBJECT_FIRST;
	else if ((w->role == PW_PR_CHANGE || w->role == PW_PR_REACH) && chars > 0 &&
		 !gap_ends_with_to(s, vend, q->start) && clause_final(s, q->end, hi, true) &&
		 (q->uflags & (PW_U_PERCENT | PW_U_COUNT | PW_U_MEASURE)))
		t->shape = PW_SHAPE_OBJECT_FIRST; /* 再降低单位GDP能耗2.5%左右: verb, subject, change */
	else
		return false;
	t->verb = NULL;
	t->verb_end = vend;
	apply_word(t, w);
	t->head = scan_back(s, lo, at, t);
	return true;
}

/* 每年培训教师不少于2000人次: after 每年, a comparator counts what the verb
 * of making before it makes, each year.  (Only then: subjects often hold such
 * words, 建设用地总量不超过50平方公里, 建成区绿地率超过40%.) */
static void adopt_verb(const char *s, size_t lo, size_t pos, const struct pw_prose_qty *q,
		       struct pw_prose_verbs *v, struct pw_prose_trigger *t)
{
	size_t at = 0;
	const struct pw_prose_word *w = last_verb(v, pos, &at);

	if (w && (w->role == PW_PR_BUILD || w->role == PW_PR_NEWADD) &&
	    !(q->uflags & PW_U_PERCENT) && pw_prose_annual_in(s, lo, at)) {
		t->role = w->role;
		t->cumul = t->cumul || w->role == PW_PR_NEWADD;
	}
}

#define MAX_BESIDE_GAP 8  /* code points between 比上年 and its change word */
#define BESIDE_LOOK_BYTES 96 /* bytes read after a quantity for them */
#define MAX_PUT_GAP 8      /* code points of the noun in 将35亿元资金纳入 */

size_t pw_prose_beside_base(const char *s, size_t i, size_t hi)
{
	static const char *const seps[] = { "、", "，", "," };
	static const char *const by[] = { "比", "较" };
	static const char *const year[] = { "上年", "去年" };
	size_t b = i, k;

	i += pw_utf8_blanks(s + i);
	if (i >= hi || !(k = pw_words_at(s + i, hi - i, seps, NELEM(seps), NULL)))
		return 0;
	i += k;
	i += i < hi ? pw_utf8_blanks(s + i) : 0;
	if (i >= hi || !(k = pw_words_at(s + i, hi - i, by, NELEM(by), NULL)))
		return 0;
	i += k;
	if (i >= hi || !(k = pw_words_at(s + i, hi - i, year, NELEM(year), NULL)))
		return 0;
	return i + k - b;
}

/* Does "、比上年增加18亿元" (or ，较上年…下降) follow end?  Then the
 * quantity before it is a level and what follows its change.  Reads past
 * the clause: s is the paragraph, NUL-terminated. */
static bool change_beside(const char *s, size_t end)
{
	/* the look ahead is short: 、比上年, a few words, the change word */
	size_t hi = end + strnlen(s + end, BESIDE_LOOK_BYTES);
	size_t i = end + pw_prose_beside_base(s, end, hi), n;

	if (i == end)
		return false;
	for (n = 0; i < hi && n <= MAX_BESIDE_GAP && !is_digit(s[i]); n++) {
		const struct pw_vocab_word *w = pw_vocab_at(s + i, hi - i);

		if (w && (PW_VOCAB_CHANGE & PW_VOCAB_BIT(w->cls)))
			return true;
		i += pw_utf8_len(s + i);
	}
	return false;
}

/* 将35亿元资金纳入直达机制: an amount right after 将 or 把, its noun, then a
 * verb that puts it somewhere.  Sets *head to where the 将 starts. */
static bool put_amount(const char *s, size_t lo, const struct pw_prose_qty *q, size_t hi,
		       size_t *head)
{
	static const char *const puts[] = { "纳入", "用于", "投入", "投向", "下达", "拨付",
					    "注入", "安排" };
	size_t at = skip_back_blank(s, lo, q->start), k, i, n;

	if (!(q->uflags & PW_U_MEASURE) || q->suffix != PW_CMP_NONE)
		return false;
	if (!(k = pw_utf8_ends(s + lo, at - lo, "将")) && !(k = pw_utf8_ends(s + lo, at - lo, "把")))
		return false;
	*head = at - k;
	for (i = q->end, n = 0; i < hi && n <= MAX_PUT_GAP && !is_digit(s[i]); n++) {
		if (i > q->end && pw_words_at(s + i, hi - i, puts, NELEM(puts), NULL))
			return true;
		i += pw_utf8_len(s + i);
	}
	return false;
}

bool pw_prose_trigger_find(const char *s, size_t lo, size_t hi, const struct pw_prose_qty *q,
			   struct pw_prose_verbs *v, struct pw_prose_trigger *t)
{
	size_t pos, put;

	memset(t, 0, sizeof(*t));
	t->role = -1;
	t->cmp = PW_CMP_NONE;
	pos = scan_back(s, lo, q->start, t);
	if (t->verb && t->role != PW_PR_BUILD && t->role != PW_PR_NEWADD &&
	    pw_utf8_starts(s + q->end, "的"))
		return false; /* 人口超过1000万的城市: a threshold */
	if (t->role == PW_PR_CMP && pw_prose_qty_grades(s, lo, q, hi))
		return false; /* 超过2000万美元项目6个 */
	if (t->verb) {
		t->shape = PW_SHAPE_AFTER_VERB;
		t->head = pos;
		t->verb_end = q->start;
		if (t->role == PW_PR_CMP)
			adopt_verb(s, lo, pos, q, v, t);
	} else if (put_amount(s, lo, q, hi, &put)) {
		t->shape = PW_SHAPE_AFTER_VERB; /* its object follows, as after 新建 */
		t->role = PW_PR_BUILD;
		t->head = put;
		t->verb_end = q->start;
	} else if (!find_gap(s, lo, hi, q, v, t)) {
		if (pos <= lo || (q->suffix != PW_CMP_NONE ? !clause_final(s, q->end, hi, false)
							   : !change_beside(s, q->end)))
			return false;
		t->shape = PW_SHAPE_BARE; /* 城镇调查失业率5.5%左右; 支出规模420亿元、比上年增加 */
		t->head = pos;
	}
	if (t->role != PW_PR_LEVEL && t->role != PW_PR_CMP &&
	    pw_prose_annual_in(s, lo, t->head))
		t->annual = true;
	return true;
}

enum pw_cmp pw_prose_trigger_cmp(const struct pw_prose_trigger *t, const struct pw_prose_qty *q)
{
	if (q->has_hi)
		return PW_CMP_RANGE;
	if (q->suffix != PW_CMP_NONE)
		return q->suffix;
	if (t->cmp != PW_CMP_NONE)
		return t->cmp;
	return PW_CMP_EQ;
}

/* 地区生产总值增速保持在7%左右: a level verb on a growth rate (the
 * subject ends in a GROWTH or RATE word of text/vocab.h). */
static bool names_growth_rate(const char *subject)
{
	const struct pw_vocab_word *w = subject ? pw_vocab_ending(subject, 0, strlen(subject)) : NULL;

	return w && (w->cls == PW_VOCAB_GROWTH || w->cls == PW_VOCAB_RATE);
}

/* 城镇新增就业: a subject that names a total (CUMULATIVE). */
static bool names_total(const char *subject)
{
	return pw_vocab_has(subject, PW_VOCAB_BIT(PW_VOCAB_CUMULATIVE));
}

enum pw_kind pw_prose_trigger_kind(const struct pw_prose_trigger *t, const struct pw_prose_qty *q,
				   const char *subject, bool base_year)
{
	bool pct = !strcmp(q->unit, "%");
	bool changes = t->role == PW_PR_CHANGE || t->role == PW_PR_GROWTH ||
		       t->role == PW_PR_BUILD || t->role == PW_PR_NEWADD;

	if (t->role == PW_PR_GROWTH && pct && (t->average || !base_year))
		return PW_KIND_GROWTH;
	if (pct && !changes && names_growth_rate(subject))
		return PW_KIND_GROWTH;
	/* 每年举办展会不少于5场: a bound on a count made each year */
	if ((changes || t->shape == PW_SHAPE_BARE || names_total(subject) ||
	     (t->role == PW_PR_CMP && !pct)) &&
	    (t->annual || t->average))
		return PW_KIND_ANNUAL;
	if (changes || t->cumul || names_total(subject))
		return PW_KIND_CUMULATIVE;
	return PW_KIND_LEVEL;
}
