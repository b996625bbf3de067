/*
 * vocab.h - the one vocabulary of meaning words: which words say "goes
 * down" (下降 削减 压减 ...), "goes up" (提高 增加 ...), "grows at a rate"
 * (增长 增速 ...), "in total over the period" (累计 新增), "each year"
 * (每年), "on average a year" (年均), and which nouns name a bad thing
 * (能耗 排放 死亡率: lower is better) or the rate of a good one (达标率
 * 覆盖率: higher is better).  Every stage reads these words through this
 * table: the table reader (an indicator's direction, which header names a
 * growth or total column, whether a growth column holds a rate), the prose
 * finder (its change, growth, total, annual and average words, a change
 * reported as done: 下降了), the assessment engine (a reduction target, how
 * a series is read) and the monitoring batch (whether a value is a rate).
 * So two synonyms can never be read two ways.
 *
 * To add a word: add one X(word, CLASS) line to PW_VOCAB_WORDS below, in
 * the class it belongs to, then run `make unit`: tests/unit/test_vocab.c
 * enumerates this table and checks that the new word gives the same table
 * row, the same prose target and the same verdict as the other words of
 * its class.  A new class needs an enum value, a prose role in
 * ingest/prose_lex.c (PR_OF_*) and a template in test_vocab.c.
 *
 * Lookups take the longest word at a position, so a longer word can hide a
 * shorter one that starts at the same character: 增加值 (value added, a
 * NOUN) is not 增加 (an increase).  Positions step by whole UTF-8
 * characters, so a word never matches inside another character.
 */
#ifndef PW_VOCAB_H
#define PW_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

enum pw_vocab_class {
	PW_VOCAB_NONE,       /* not a word of the table */
	PW_VOCAB_DECREASE,   /* a reduction: a positive number is good */
	PW_VOCAB_INCREASE,   /* a rise by an amount (not a growth rate) */
	PW_VOCAB_GROWTH,     /* a growth rate: with % it is a rate a year */
	PW_VOCAB_RATE,       /* nouns naming a rate of change, not verbs */
	PW_VOCAB_CUMULATIVE, /* a total over the period */
	PW_VOCAB_ANNUAL,     /* an amount each year */
	PW_VOCAB_AVERAGE,    /* an average a year */
	PW_VOCAB_BAD,        /* a bad thing: lower is better */
	PW_VOCAB_GOOD,       /* the rate of a good thing: higher is better */
	PW_VOCAB_NEUTRAL,    /* after a head noun, does not change it (死亡率控制) */
	PW_VOCAB_NOUN,       /* a noun that holds a meaning word but is none */
	PW_VOCAB_NCLASSES
};

/* Bit of a class for the masks below. */
#define PW_VOCAB_BIT(c) (1u << (c))
/* Words that name a change, whose % is a rate rather than a level. */
#define PW_VOCAB_CHANGE                                                          \
	(PW_VOCAB_BIT(PW_VOCAB_DECREASE) | PW_VOCAB_BIT(PW_VOCAB_INCREASE) |     \
	 PW_VOCAB_BIT(PW_VOCAB_GROWTH) | PW_VOCAB_BIT(PW_VOCAB_RATE))

/*
 * X(word, CLASS) with CLASS a PW_VOCAB_ suffix.  Order does not matter
 * (lookups take the longest word).  控制 is NEUTRAL, not DECREASE: 控制在
 * sets a ceiling and 死亡率控制 is still a bad thing to keep low.
 */
#define PW_VOCAB_WORDS(X)                                                         \
	X("下降", DECREASE) X("降低", DECREASE) X("减少", DECREASE)               \
	X("削减", DECREASE) X("压减", DECREASE) X("压缩", DECREASE)               \
	X("缩减", DECREASE) X("减排", DECREASE) X("减量", DECREASE)               \
	X("降幅", DECREASE) X("降率", DECREASE) X("再降", DECREASE)               \
	X("再降低", DECREASE) X("再下降", DECREASE) X("再减少", DECREASE)         \
	X("提高", INCREASE) X("提升", INCREASE) X("增加", INCREASE)               \
	X("扩大", INCREASE) X("上升", INCREASE)                                   \
	X("增长", GROWTH) X("增速", GROWTH) X("增幅", GROWTH) X("递增", GROWTH)   \
	X("增长率", RATE) X("涨幅", RATE)                                         \
	X("新增", CUMULATIVE) X("累计", CUMULATIVE) X("累计新增", CUMULATIVE)     \
	X("每年", ANNUAL) X("平均每年", ANNUAL)                                   \
	X("年均", AVERAGE) X("年平均", AVERAGE)                                   \
	X("失业率", BAD) X("死亡率", BAD) X("发病率", BAD) X("患病率", BAD)       \
	X("感染率", BAD) X("发生率", BAD) X("负债率", BAD) X("空置率", BAD)       \
	X("辍学率", BAD) X("犯罪率", BAD) X("漏损率", BAD) X("不良贷款率", BAD)   \
	X("排放量", BAD) X("排放总量", BAD) X("排放", BAD) X("能耗", BAD)         \
	X("消耗量", BAD) X("消耗", BAD) X("浓度", BAD) X("碳强度", BAD)           \
	X("用水量", BAD) X("噪声", BAD) X("超标率", BAD) X("超标", BAD)           \
	X("事故", BAD) X("污染", BAD) X("劣V类", BAD) X("劣Ⅴ类", BAD)             \
	X("黑臭", BAD) X("差距", BAD)                                             \
	X("利用率", GOOD) X("达标率", GOOD) X("优良率", GOOD) X("治理率", GOOD)   \
	X("处理率", GOOD) X("处置率", GOOD) X("覆盖率", GOOD) X("合格率", GOOD)   \
	X("满意率", GOOD) X("回收率", GOOD) X("收集率", GOOD) X("修复率", GOOD)   \
	X("保护率", GOOD) X("治愈率", GOOD) X("普及率", GOOD) X("参保率", GOOD)   \
	X("消除率", GOOD) X("安全率", GOOD) X("达标比例", GOOD)                   \
	X("消除比例", GOOD) X("优良天数比率", GOOD) X("优良天数比例", GOOD)       \
	X("控制", NEUTRAL) X("水平", NEUTRAL)                                     \
	X("增加值", NOUN)

struct pw_vocab_word {
	const char *s;
	size_t len; /* strlen(s) */
	enum pw_vocab_class cls;
};

/* The table, in PW_VOCAB_WORDS order (for tests and tools). */
const struct pw_vocab_word *pw_vocab_words(size_t *n);
/* "decrease", "growth"...: the class's name (for messages and tests). */
const char *pw_vocab_class_name(enum pw_vocab_class c);

/* The longest word that s[0, max) starts with, or NULL. */
const struct pw_vocab_word *pw_vocab_at(const char *s, size_t max);
/* The longest word that ends at s[e] and starts at or after s[b], or NULL. */
const struct pw_vocab_word *pw_vocab_ending(const char *s, size_t b, size_t e);
/* True if a word of one of the classes in mask (PW_VOCAB_BIT) is the
 * longest word at some character of [s, s+len).  s may be NULL. */
bool pw_vocab_in(const char *s, size_t len, unsigned mask);
/* pw_vocab_in for a word that next follows within [s, s+len) (下降了: a
 * change that has happened). */
bool pw_vocab_in_before(const char *s, size_t len, unsigned mask, const char *next);
/* pw_vocab_in over a whole NUL-terminated string (NULL: false). */
bool pw_vocab_has(const char *s, unsigned mask);

/*
 * Is lower better for an indicator named name in group (either may be
 * NULL)?  A reduction word anywhere (能耗降低: the reduction is what grows)
 * says no; then the head noun, the name's last word before NEUTRAL
 * trailers, decides (安全利用率 GOOD, 死亡率控制 BAD); then a bad thing
 * named anywhere (重污染天数); else no.
 */
bool pw_vocab_lower_is_better(const char *group, const char *name);

#endif
