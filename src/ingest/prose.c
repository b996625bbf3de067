/*
 * prose.c - quantitative targets in the running text of a plan.
 *
 * The text is read as paragraphs rejoined across page breaks (text/para.h),
 * skipping lines earlier stages claimed (tables, headings, 专栏 items) and
 * sections that review the past.  Each paragraph is cut into sentences
 * (。！？) and clauses (，；：).  Every quantity in a clause (a number with a
 * unit, outside quotes and brackets, not a name such as 5G or PM2.5) is a
 * target when prose_trigger.c finds what makes it one; its subject, kind and
 * comparator follow, and a list of values (分别降低13.5%、18%) or of subjects
 * (PM10、PM2.5 …) yields one target each.  The target year is set only when
 * the sentence itself names one (到2025年).  A target is reported at the
 * line of its number.  Sentences about the past (五年来…, and the rest of a
 * paragraph that opens so, until a forward-looking word) are skipped; see
 * prose_context.c.  See prose_int.h for the parts.
 */
#include "ingest/ingest.h"
#include "ingest/prose_int.h"
#include "ingest/scan.h"
#include "text/number.h"
#include "text/para.h"
#include "text/utf8.h"
#include "text/words.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"

#define MAX_VALUES 8 /* values in one list: 分别降低13.5%、18% */
/* Bytes of the longest clause read for targets.  Finding a target looks
 * back over its clause, so a clause's cost grows with its length times its
 * numbers; real clauses stay under a few hundred bytes (the longest
 * sentence of the test documents is 763), and a longer run without ，；：
 * is a flattened table or junk, not running text. */
#define MAX_CLAUSE_BYTES 2048

struct prose_run {
	struct pw_plan *p;     /* where targets go */
	const struct pw_plan *ctx; /* p, or a view of it dated by its date line */
	const struct pw_para *para;
	const char *s;         /* the paragraph text */
	bool para_past;        /* the paragraph opened on the past (过去一年，…) */
	bool setting;          /* the paragraph lies in a section on the setting */
	int year;              /* of the current sentence, 0 if none */
	bool span_ahead;       /* the sentence speaks of the years ahead (今后五年) */
	bool pending_annual;   /* 每年 in an earlier clause without a target */
	char *last_subject;    /* of the sentence's previous target, or NULL */
	/* 实施100个A、100个B: the trigger of the clause's last "verb, count,
	 * object" target and the end of its quantity (0 if none), which a
	 * count right after the object's 、 shares */
	struct pw_prose_trigger chain;
	size_t chain_end;
	size_t target_end;     /* end of the sentence's last target, 0 if none */
	enum pw_kind last_kind; /* of the sentence's last target */
	bool shared;           /* the target being emitted borrows last_subject */
};

/* A quantity and what makes it a target. */
struct finding {
	struct pw_prose_qty q[MAX_VALUES];
	size_t n;
	struct pw_prose_trigger t;
	bool base_year; /* 比2020年增长: a change against a base, not a rate */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* +1 for an opening quote or bracket, -1 for a closing one, else 0. */
static int bracket(const char *s)
{
	static const char *const open[] = { "“", "《", "（", "(", "「", "『", "【", "‘" };
	static const char *const close[] = { "”", "》", "）", ")", "」", "』", "】", "’" };
	unsigned char c = (unsigned char)*s;
	size_t i;

	if (c != '(' && c != ')' && c != 0xE2 && c != 0xE3 && c != 0xEF)
		return 0;
	for (i = 0; i < NELEM(open); i++) {
		if (pw_utf8_starts(s, open[i]))
			return 1;
		if (pw_utf8_starts(s, close[i]))
			return -1;
	}
	return 0;
}

/* ---- emission ---- */

/* The clause as the target's text, without a leading year phrase
 * ("到 2025 年粮食综合生产能力…" → "粮食综合生产能力…").  Caller frees. */
static char *clause_text(const char *s, size_t lo, size_t hi)
{
	struct strbuf sb = STRBUF_INIT;
	int year;
	size_t b = lo + pw_utf8_blanks(s + lo), k;

	k = b < hi ? pw_prose_year_phrase(s + b, &year) : 0;
	if (k && b + k < hi)
		b += k + pw_utf8_blanks(s + b + k);
	if (b < hi)
		sb_add(&sb, s + b, hi - b);
	pw_utf8_trim(&sb);
	return sb_detach(&sb, NULL);
}

static void emit(struct prose_run *r, const struct finding *f, const struct pw_prose_qty *q,
		 const char *subject, const char *text)
{
	struct pw_prose_target *pt = pw_plan_add_target(r->p);

	pt->t.kind = pw_prose_trigger_kind(&f->t, q, subject, f->base_year);
	/* 增长7%，力争达到8%: reaching for a rate of the same subject */
	if (r->shared && r->last_kind == PW_KIND_GROWTH && f->t.role == PW_PR_LEVEL &&
	    !strcmp(q->unit, "%"))
		pt->t.kind = PW_KIND_GROWTH;
	r->last_kind = pt->t.kind;
	pt->t.cmp = pw_prose_trigger_cmp(&f->t, q);
	pt->t.has_value = true;
	pt->t.value = q->value;
	pt->t.has_value_hi = q->has_hi;
	pt->t.value_hi = q->has_hi ? q->value_hi : 0;
	pt->t.year = r->year;
	pt->span_ahead = r->span_ahead;
	pt->t.text = xstrdup(text);
	pt->subject = subject ? xstrdup(subject) : NULL;
	pt->unit = xstrdup(q->unit);
	pt->line = pw_para_line_at(r->para, q->start);
}

/* A clause without a subject of its own ("，年均增长6.5%以上") shares the
 * previous target's; failing that, its words before the number stand in
 * (完成造林1万亩 → 完成造林). */
static void fallback_subject(struct prose_run *r, const struct finding *f, size_t lo,
			     struct pw_prose_subjects *subj)
{
	char *s = r->last_subject ? xstrdup(r->last_subject)
				  : pw_prose_clean_phrase(r->s, lo, f->q[0].start);

	r->shared = r->last_subject != NULL;

	ALLOC_GROW(subj->v, subj->n + 1, subj->alloc);
	subj->v[subj->n++] = s;
}

/* True if subject is one word of the lexicon and nothing else (累计, 达到):
 * what is left of a clause that names no subject.  Not a verb of making,
 * which reads as a noun there (每年完成植树造林1.5万亩: 植树). */
static bool lone_word(const char *subject)
{
	size_t n = strlen(subject);
	const struct pw_prose_word *w = pw_prose_word_at(subject, 0, n);

	return w && w->len == n && w->role != PW_PR_BUILD;
}

static void remember_subject(struct prose_run *r, const char *subject)
{
	free(r->last_subject);
	r->last_subject = subject && *subject ? xstrdup(subject) : NULL;
}

/* One target per value, or per subject when one value has several.  The
 * subject is read after the clause's previous target (面积稳定在500万亩以上、
 * 总产量稳定在40亿斤以上: 总产量, not a list of two). */
static void emit_all(struct prose_run *r, const struct finding *f, size_t lo, size_t hi)
{
	struct pw_prose_subjects subj;
	char *text = clause_text(r->s, lo, hi);
	size_t i, slo = r->target_end > lo && r->target_end <= f->q[0].start ? r->target_end : lo;

	r->shared = false;
	pw_prose_subjects(r->s, slo, hi, &f->q[0], &f->q[f->n - 1], &f->t, f->n, &subj);
	if (subj.n == 1 && lone_word(subj.v[0]))
		pw_prose_subjects_release(&subj); /* 累计达到15万个: no subject of its own */
	if (!subj.n)
		fallback_subject(r, f, slo, &subj);
	remember_subject(r, subj.v[subj.n - 1]);
	if (pw_prose_forecast(r->s, lo, hi, &f->t, subj.v[0], r->year, r->ctx))
		; /* a forecast (高校毕业生达909万人): nothing to emit */
	else if (f->n == 1 && subj.n > 1)
		for (i = 0; i < subj.n; i++)
			emit(r, f, &f->q[0], subj.v[i], text);
	else
		for (i = 0; i < f->n; i++)
			emit(r, f, &f->q[i], subj.n == f->n ? subj.v[i] : subj.n ? subj.v[0] : NULL,
			     text);
	pw_prose_subjects_release(&subj);
	free(text);
}

/* ---- clauses ---- */

/* 比2020年, 较2020年, 比上年, 比去年: the change is measured against a base. */
static bool against_base(const char *s, size_t lo, size_t pos)
{
	size_t i, k;

	for (i = lo; i < pos; i += pw_utf8_len(s + i))
		if (((k = pw_utf8_starts(s + i, "比")) || (k = pw_utf8_starts(s + i, "较"))) &&
		    i + k < pos &&
		    (is_digit(s[i + k]) || pw_utf8_starts(s + i + k, "上年") ||
		     pw_utf8_starts(s + i + k, "去年") ||
		     pw_utf8_starts(s + i + k, "“") || pw_utf8_starts(s + i + k, " ")))
			return true;
	return false;
}

/* 支出规模420亿元、比上年增加18亿元: is the quantity at pos the change
 * that follows a target against last year?  It restates the target, so it
 * is no target of its own. */
static bool change_of_last(const struct prose_run *r, size_t pos)
{
	size_t i = r->target_end, k;

	if (!i || i >= pos || !(k = pw_prose_beside_base(r->s, i, pos)))
		return false;
	for (i += k; i < pos; i++)
		if (is_digit(r->s[i]))
			return false;
	return true;
}

/* Reads the rest of a value list after f->q[0]. */
static void read_list(const char *s, size_t hi, struct finding *f)
{
	size_t k;

	f->n = 1;
	while (f->n < MAX_VALUES && (k = pw_prose_qty_list_next(s, f->q[f->n - 1].end, hi)) &&
	       pw_prose_qty_scan(s, k, hi, &f->q[f->n]) && !f->q[f->n].modifier)
		f->n++;
}

/* 实施100个重大工业项目、100个技术改造项目: is the quantity at pos the next
 * member of a list of counts and objects whose first member was a target?
 * Then it takes that member's trigger. */
static bool chained(struct prose_run *r, size_t pos, struct finding *f)
{
	size_t i, e = pos;

	if (!r->chain_end)
		return false;
	for (i = r->chain_end; i < pos; i++)
		if (is_digit(r->s[i]))
			return false;
	while (e > r->chain_end && r->s[e - 1] == ' ')
		e--;
	if (e < r->chain_end || !pw_utf8_ends(r->s + r->chain_end, e - r->chain_end, "、"))
		return false;
	f->t = r->chain;
	f->t.head = f->t.verb_end = pos;
	return true;
}

/* Remembers a "verb, count, object" target for chained(). */
static void set_chain(struct prose_run *r, const struct finding *f)
{
	bool object_after = f->t.shape == PW_SHAPE_AFTER_VERB && f->t.role == PW_PR_BUILD &&
			    f->n == 1 && (f->q[0].uflags & PW_U_COUNT);

	r->chain = f->t;
	r->chain_end = object_after ? f->q[0].end : 0;
}

/* Tries the quantity at pos; returns the end of what it consumed (0 if it
 * is not a target). */
static size_t try_quantity(struct prose_run *r, size_t lo, size_t hi, size_t pos,
			   struct pw_prose_verbs *v)
{
	struct finding f;

	if (pw_prose_qty_is_name(r->s, lo, pos, hi) ||
	    !pw_prose_qty_scan(r->s, pos, hi, &f.q[0]) || f.q[0].modifier || f.q[0].year)
		return 0;
	if (!pw_prose_trigger_find(r->s, lo, hi, &f.q[0], v, &f.t) && !chained(r, pos, &f))
		return 0;
	if (r->pending_annual && f.t.role != PW_PR_LEVEL && f.t.role != PW_PR_CMP)
		f.t.annual = true;
	/* 每年举办展会不少于5场: 每年 earlier in the clause scopes a bound */
	if (f.t.role == PW_PR_CMP && pw_prose_annual_in(r->s, lo, pos))
		f.t.annual = true;
	f.base_year = against_base(r->s, lo, pos);
	read_list(r->s, hi, &f);
	if (f.base_year && change_of_last(r, pos))
		return f.q[f.n - 1].end;
	emit_all(r, &f, lo, hi);
	set_chain(r, &f);
	r->target_end = f.q[f.n - 1].end;
	return f.q[f.n - 1].end;
}

static size_t skip_number(const char *s, size_t pos)
{
	double v;
	size_t k = pw_scan_number(s + pos, &v);

	return pos + (k ? k : 1);
}

/*
 * 翻番: doubling is a level target with no number in the text.  It is
 * represented as value 2 (翻两番: 4), unit 倍, kind level: "reach twice the
 * baseline" (the baseline year, 比2020年, stays in the text).  以上 makes
 * it ge.  Returns true if the clause [lo, hi) had one.
 */
static bool read_doubling(struct prose_run *r, size_t lo, size_t hi)
{
	static const char *const words[] = { "翻两番", "翻一番", "翻番" };
	static const char *const tail[] = { "实现", "力争", "确保", "基本", "再", "将", "要" };
	struct finding f;
	size_t i, k = 0, w = 0, e;

	for (i = lo; i < hi && !k; i += k ? 0 : pw_utf8_len(r->s + i))
		k = pw_words_at(r->s + i, hi - i, words, NELEM(words), &w);
	if (!k)
		return false;
	memset(&f, 0, sizeof(f));
	f.n = 1;
	f.q[0].start = i;
	f.q[0].end = f.q[0].unit_end = i + k;
	f.q[0].value = w == 0 ? 4 : 2;
	f.q[0].suffix = PW_CMP_NONE;
	if (pw_utf8_starts(r->s + i + k, "以上"))
		f.q[0].suffix = PW_CMP_GE;
	memcpy(f.q[0].unit, "倍", sizeof("倍"));
	f.q[0].uflags = PW_U_OTHER;
	f.t.shape = PW_SHAPE_BARE;
	f.t.role = PW_PR_LEVEL;
	f.t.cmp = PW_CMP_NONE;
	e = pw_words_rstrip(r->s, lo, i, tail, NELEM(tail));
	f.t.head = f.t.verb_end = e;
	emit_all(r, &f, lo, hi);
	return true;
}

/* A clause about last year in a sentence that also looks forward (去年减少
 * 农村危房350户，今年继续推进): the sentence is not past, but this clause
 * reports a result. */
static bool clause_of_last_year(const char *s, size_t lo, size_t hi)
{
	static const char *const words[] = { "去年", "过去一年", "上一年" };
	size_t i = lo + pw_utf8_blanks(s + lo);

	return i < hi && pw_words_at(s + i, hi - i, words, NELEM(words), NULL) != 0;
}

static void read_clause(struct prose_run *r, size_t lo, size_t hi)
{
	struct pw_prose_verbs verbs;
	size_t i = lo, end;
	int depth = 0, found = 0, b;

	if (clause_of_last_year(r->s, lo, hi))
		return;
	pw_prose_verbs_init(&verbs, r->s, lo);
	r->chain_end = 0;
	while (i < hi) {
		if ((b = bracket(r->s + i)) != 0) {
			depth = depth + b < 0 ? 0 : depth + b;
			i += pw_utf8_len(r->s + i);
		} else if (is_digit(r->s[i]) && !depth) {
			end = try_quantity(r, lo, hi, i, &verbs);
			found += end != 0;
			i = end ? end : skip_number(r->s, i);
		} else {
			i += pw_utf8_len(r->s + i);
		}
	}
	if (!found)
		found = read_doubling(r, lo, hi);
	if (found)
		r->pending_annual = false;
	else if (pw_prose_annual_in(r->s, lo, hi))
		r->pending_annual = true;
}

/* Is the comma at i (ASCII or ，) a thousands separator inside a number
 * that starts at or after lo (1,080 / １５，６８０ after cleaning)?  The
 * number scanner decides, so prose and tables agree on the rule. */
static bool in_number(const char *s, size_t lo, size_t i)
{
	size_t start = i, k;
	double v;

	while (start > lo && (is_digit(s[start - 1]) || s[start - 1] == ','))
		start--;
	while ((k = pw_utf8_ends(s + lo, start - lo, "，")) != 0 && start - k > lo &&
	       is_digit(s[start - k - 1])) {
		start -= k;
		while (start > lo && is_digit(s[start - 1]))
			start--;
	}
	return start < i && is_digit(s[start]) && start + pw_scan_number(s + start, &v) > i;
}

/* End of the clause starting at lo: the next ，；： (or , ; outside a
 * number) at bracket depth 0, or e. */
static size_t clause_end(const char *s, size_t lo, size_t e)
{
	static const char *const seps[] = { "，", "；", "：", ";" };
	size_t i = lo, k;
	int depth = 0, b;

	while (i < e) {
		if ((unsigned char)s[i] < 0x80 && s[i] != ',' && s[i] != ';' && s[i] != '(' &&
		    s[i] != ')') {
			i++;
			continue;
		}
		if ((b = bracket(s + i)) != 0)
			depth = depth + b < 0 ? 0 : depth + b;
		for (k = 0; !depth && k < NELEM(seps); k++)
			if (pw_utf8_starts(s + i, seps[k]) && !(k == 0 && in_number(s, lo, i)))
				return i;
		if (!depth && s[i] == ',' && !in_number(s, lo, i))
			return i;
		i += pw_utf8_len(s + i);
	}
	return e;
}

static bool has_digit(const char *s, size_t b, size_t e)
{
	for (; b < e; b++)
		if (is_digit(s[b]))
			return true;
	return false;
}

/* Past: the sentence says so, or the paragraph opened on the past and the
 * sentence does not look forward. */
static bool sentence_past(struct prose_run *r, size_t b, size_t e, bool first)
{
	if (pw_prose_sentence_past(r->s, b, e, r->ctx) ||
	    (r->setting && pw_prose_sentence_setting_past(r->s, b, e, r->ctx))) {
		r->para_past |= first;
		return true;
	}
	return r->para_past && !pw_prose_sentence_future(r->s, b, e, r->ctx);
}

static void read_sentence(struct prose_run *r, size_t b, size_t e, bool first)
{
	size_t c = b, ce;

	if (!has_digit(r->s, b, e) && !pw_prose_contains(r->s, b, e, "翻")) {
		if (first) /* no target, but it may set the paragraph's tense */
			sentence_past(r, b, e, true);
		return;
	}
	if (sentence_past(r, b, e, first) || pw_prose_sentence_forecast(r->s, b, e, r->ctx))
		return;
	r->year = pw_prose_sentence_year(r->s, b, e, r->ctx);
	r->span_ahead = pw_prose_sentence_span_ahead(r->s, b, e, r->ctx);
	r->pending_annual = false;
	r->target_end = 0;
	remember_subject(r, NULL);
	while (c < e) {
		ce = clause_end(r->s, c, e);
		if (ce - c <= MAX_CLAUSE_BYTES)
			read_clause(r, c, ce);
		c = ce < e ? ce + pw_utf8_len(r->s + ce) : e;
	}
}

/* Length of a sentence end at s: 。！？ (3 bytes) or !? (1). */
static size_t sentence_stop(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == '!' || *u == '?')
		return 1;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82) /* 。 */
		return 3;
	if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F)) /* ！？ */
		return 3;
	return 0;
}

/* The next sentence end at or after s[i] (its length in *k), or len.
 * strcspn jumps to the bytes a stop can start with (! ? and the lead bytes
 * E3, EF, never inside a character), which keeps this at memory speed. */
static size_t next_stop(const char *s, size_t i, size_t len, size_t *k)
{
	for (;;) {
		i += strcspn(s + i, "!?\xE3\xEF");
		if (i >= len)
			return len;
		if ((*k = sentence_stop(s + i)) != 0)
			return i;
		i++;
	}
}

static void read_paragraph(struct prose_run *r)
{
	size_t len = r->para->text.len, b = 0, i, k = 0;

	r->para_past = false;
	while ((i = next_stop(r->s, b, len, &k)) < len) {
		read_sentence(r, b, i, b == 0);
		b = i + k;
	}
	if (b < len)
		read_sentence(r, b, len, b == 0);
}

void pw_read_prose(const struct pw_doc *d, struct pw_plan *p, const unsigned char *claimed)
{
	struct pw_plan view = *p; /* read only: shares p's memory, never freed */
	unsigned char *past;
	struct pw_para para;
	struct prose_run r = { 0 };
	size_t pos = 0;

	/* a report without a period (政府工作报告) speaks of the year of its
	 * date line: earlier years are results */
	if (!view.start && !view.ordinal)
		view.start = pw_prose_report_year(d);
	past = pw_prose_past_lines(d, &view, claimed);
	r.p = p;
	r.ctx = &view;
	r.para = &para;
	pw_para_init(&para);
	while (pw_para_next(d, claimed, &pos, &para)) {
		if (para.heading || past[para.first] == PW_PROSE_PAST)
			continue;
		r.setting = past[para.first] == PW_PROSE_SETTING;
		r.s = para.text.buf;
		read_paragraph(&r);
	}
	pw_para_release(&para);
	free(r.last_subject);
	free(past);
}
