/*
 * prose_int.h - internals of the prose target finder (ingest/prose*.c).
 *
 *   prose.c          driver: paragraphs, sentences, clauses, emission
 *   prose_lex.c      the word lists: verbs, comparators, adverbs, units
 *   prose_qty.c      a quantity at a digit: number, range, unit, 以上/左右
 *   prose_trigger.c  what makes a quantity a target: the verb or comparator
 *                    before it, and the kind and comparator it implies
 *   prose_subject.c  subjects: before the verb, or the object after the unit;
 *                    split of "PM10、PM2.5 年平均浓度" and 分别 lists
 *   prose_context.c  past (review) sections and sentences, target years
 *
 * All positions are byte offsets into one paragraph's text.
 */
#ifndef PW_PROSE_INT_H
#define PW_PROSE_INT_H

#include "model/plan.h"
#include "text/doc.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- lexicon (prose_lex.c) ---- */

enum pw_prose_role {
	PW_PR_LEVEL,    /* 达到 提高到 保持在: the value is a level */
	PW_PR_CHANGE,   /* 下降 降低 提高 减少: the value is a change */
	PW_PR_GROWTH,   /* 增长 增速 递增: a change that is a growth rate with % */
	PW_PR_BUILD,    /* 新建 建设 培育 投放: the value counts things made */
	PW_PR_NEWADD,   /* 新增 累计: a total over the period, names the subject */
	PW_PR_CMP,      /* 超过 不低于 至少: comparator that makes a target */
	PW_PR_HEDGE,    /* 约 近: comparator that does not */
	PW_PR_ADVERB,   /* 力争 确保 有 将: skipped */
	PW_PR_ANNUAL,   /* 每年 */
	PW_PR_AVERAGE,  /* 年均 年平均 */
	PW_PR_EACH,     /* 分别 均 */
	PW_PR_REACH,    /* 实现: a level reached; its object may stand before the
			 * value (实现旅游综合收入80亿元), read as after 达到 */
};

struct pw_prose_word {
	const char *s;
	unsigned char len;  /* strlen(s) */
	unsigned char role; /* enum pw_prose_role */
	unsigned char cmp;  /* enum pw_cmp it implies, PW_CMP_NONE if none */
};

/* The longest lexicon word that ends at s[pos] and starts at or after lo. */
const struct pw_prose_word *pw_prose_word_ending(const char *s, size_t lo, size_t pos);
/* The longest lexicon word that starts at s[pos] and ends by hi. */
const struct pw_prose_word *pw_prose_word_at(const char *s, size_t pos, size_t hi);
/* Bytes of the longest lexicon word. */
size_t pw_prose_word_maxlen(void);
/* True for the roles that carry a target by themselves. */
bool pw_prose_role_is_verb(int role);

enum pw_prose_uflag {
	PW_U_PERCENT = 1, /* % ‰ 百分点 */
	PW_U_COUNT = 2,   /* 个 家 所: things */
	PW_U_MEASURE = 4, /* 千米 吨 亿元 */
	PW_U_TIME = 8,    /* 年 天 小时 */
	PW_U_OTHER = 16,  /* 倍 岁 */
};

/* A unit at s: bytes matched (0 if none) and its PW_U_* flags. */
size_t pw_prose_unit(const char *s, unsigned *flags);

/* Lead-in words stripped from the front of a subject (全区, 实现, 确保). */
size_t pw_prose_leadin(const char *s);

/* True if word occurs in s[b, e). */
bool pw_prose_contains(const char *s, size_t b, size_t e, const char *word);
/* True if an ANNUAL word of text/vocab.h (每年) occurs in s[b, e). */
bool pw_prose_annual_in(const char *s, size_t b, size_t e);

/* ---- quantities (prose_qty.c) ---- */

struct pw_prose_qty {
	size_t start, end;  /* the number's first byte; end of the whole phrase */
	size_t unit_end;    /* end of the unit (before 以上/左右) */
	double value, value_hi;
	bool has_hi;
	char unit[48];
	unsigned uflags;
	enum pw_cmp suffix; /* 以上 以下 左右 …, PW_CMP_NONE if none */
	bool modifier;      /* "亿元以上企业": a threshold, not a target */
	bool year;          /* 2025年 */
};

/* Reads the quantity whose number starts at s[pos] (an ASCII digit), not
 * reading past hi.  Returns true if it is a quantity with a unit. */
bool pw_prose_qty_scan(const char *s, size_t pos, size_t hi, struct pw_prose_qty *q);
/* True if the number at s[pos] is a name or a label, not an amount:
 * PM10, 5G, 3A, 第4, 等7个, 1+11. */
bool pw_prose_qty_is_name(const char *s, size_t lo, size_t pos, size_t hi);
/* After the last size threshold in the noun phrase [b, e) (产值超10亿元企业
 * → 企业; 年产值亿元以上企业 → 企业): a quantity after 超/超过/逾 or before
 * 以上/以下 that more words follow.  b if none. */
size_t pw_prose_after_thresholds(const char *s, size_t b, size_t e);
/* True if q (in clause [lo, hi)) grades the noun after it and a count of
 * those things follows: 引进投资额超过2000万美元项目6个. */
bool pw_prose_qty_grades(const char *s, size_t lo, const struct pw_prose_qty *q, size_t hi);
/* Position of the next quantity in a list "13.5%、18%", or 0. */
size_t pw_prose_qty_list_next(const char *s, size_t end, size_t hi);

/* ---- triggers (prose_trigger.c) ---- */

enum pw_prose_shape {
	PW_SHAPE_NONE,
	PW_SHAPE_AFTER_VERB,   /* 超过 20 家, 新建 1-2 所学校 */
	PW_SHAPE_VERB_OF,      /* 达到全年天数的 70% */
	PW_SHAPE_OBJECT_FIRST, /* 新改建“四好农村路”102千米 */
	PW_SHAPE_BARE,         /* 城镇调查失业率5.5%左右 */
};

struct pw_prose_trigger {
	enum pw_prose_shape shape;
	int role;              /* role of the verb, -1 if none */
	const char *verb;      /* the verb's lexicon entry, or NULL */
	size_t head;           /* start of verb and adverbs: the subject ends here */
	size_t verb_end;       /* end of the verb */
	enum pw_cmp cmp;       /* comparator word seen, PW_CMP_NONE if none */
	bool annual, average, cumul, each;
};

/*
 * The verbs of one clause read left to right, up to where the last look
 * stopped.  Each quantity asks for the last verb before it; reading the
 * clause from its start for every one of its numbers made a long clause
 * quadratic.  Initialise once per clause; no memory is held.
 */
struct pw_prose_verbs {
	const char *s;
	size_t lo;                     /* the clause's start */
	size_t i;                      /* read up to here */
	size_t last;                   /* where the last step started */
	const struct pw_prose_word *best; /* the last verb before i, or NULL */
	size_t at;                     /* where best starts */
	size_t maxlen;                 /* pw_prose_word_maxlen() */
};

void pw_prose_verbs_init(struct pw_prose_verbs *v, const char *s, size_t lo);

/* Finds what makes the quantity q in clause [lo, hi) a target (v: the
 * clause's verbs).  Returns false if nothing does. */
bool pw_prose_trigger_find(const char *s, size_t lo, size_t hi, const struct pw_prose_qty *q,
			   struct pw_prose_verbs *v, struct pw_prose_trigger *t);
/* Bytes of "、比上年" (a separator, then 比/较 上年/去年) at s[i], not
 * reading past hi; 0 if none.  What a change beside a level opens with:
 * 支出规模420亿元、比上年增加18亿元. */
size_t pw_prose_beside_base(const char *s, size_t i, size_t hi);
/* The comparator and kind of a target. */
enum pw_cmp pw_prose_trigger_cmp(const struct pw_prose_trigger *t, const struct pw_prose_qty *q);
enum pw_kind pw_prose_trigger_kind(const struct pw_prose_trigger *t, const struct pw_prose_qty *q,
				   const char *subject, bool base_year);

/* ---- subjects (prose_subject.c) ---- */

struct pw_prose_subjects {
	char **v;
	size_t n, alloc;
};

/* The subject(s) of a target; nvalues is the length of its value list.
 * Fills out with strings the caller frees (pw_prose_subjects_release);
 * out->n is 0 if the clause names none (年均增长6.5%以上). */
void pw_prose_subjects(const char *s, size_t lo, size_t hi, const struct pw_prose_qty *first,
		       const struct pw_prose_qty *last, const struct pw_prose_trigger *t,
		       size_t nvalues, struct pw_prose_subjects *out);
void pw_prose_subjects_release(struct pw_prose_subjects *out);
/* [b, e) without blanks, quotes and lead-ins at the front; a new string
 * the caller frees. */
char *pw_prose_clean_phrase(const char *s, size_t b, size_t e);

/* ---- context (prose_context.c) ---- */

enum { PW_PROSE_SETTING = 1, PW_PROSE_PAST = 2 };

/* Per line of d: PW_PROSE_PAST if the line lies in a review-of-the-past
 * section ("…取得决定性成就", "…工作回顾"; not a goal subsection in it),
 * PW_PROSE_SETTING in a section on the setting (发展环境), else 0.
 * Caller frees. */
unsigned char *pw_prose_past_lines(const struct pw_doc *d, const struct pw_plan *p,
				   const unsigned char *claimed);
/* True if the sentence [b, e) reports the past ("五年来", "累计完成" without
 * a forward-looking word). */
bool pw_prose_sentence_past(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* True if the sentence [b, e) of a section on the setting reports a result
 * (已, 突破, 超过…) and does not look forward (到2025年, 力争, 将). */
bool pw_prose_sentence_setting_past(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* True if it has a forward-looking word (力争, 确保, 到2025年, “十四五”). */
bool pw_prose_sentence_future(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* True if the target in clause [lo, hi) with trigger t is a forecast: of
 * a cohort (高校毕业生达909万人: a level verb, a cohort subject (毕业生,
 * 出生人口), no policy word (力争, 确保, 新增)), or in a clause that opens
 * with 预计 and has no policy word; never with a year (预计到2025年). */
bool pw_prose_forecast(const char *s, size_t lo, size_t hi, const struct pw_prose_trigger *t,
		       const char *subject, int year, const struct pw_plan *p);
/* True if the sentence [b, e) opens with 预计 and is a forecast (预计全年
 * …收入221亿元，增长5%), not a goal: no year of the plan after it
 * (预计到2025年) and no policy word (力争, 确保). */
bool pw_prose_sentence_forecast(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* True if, in an annual document, the sentence [b, e) speaks of a span of
 * years ahead (今后五年, “十四五”期间) and names no year: it restates the
 * five-year plan: its targets are not the year's (pw_prose_target.span_ahead). */
bool pw_prose_sentence_span_ahead(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* The target year the sentence [b, e) names (到2025年), or 0. */
int pw_prose_sentence_year(const char *s, size_t b, size_t e, const struct pw_plan *p);
/* The year of a date line (——2024年2月26日在…) at the top of d, 0 if
 * none: what dates a report whose title names no year. */
int pw_prose_report_year(const struct pw_doc *d);
/* Bytes of a year phrase at s ("到 2025 年", "2025年，"), 0 if none. */
size_t pw_prose_year_phrase(const char *s, int *year);

#endif
