/*
 * number.h - numbers, comparators and value cells as plans write them.
 *
 * Input is a cleaned line (see doc.h: full-width digits already ASCII).
 * Understood: 1,080 and 15，680 (a full-width comma between a 1-3 digit
 * group and exactly three digits; else it is the sentence comma)  -11.59
 * ≥83  >6.5  <5.5  2以上  4.5以下  不低于3
 * 不超过 以内 左右 约 力争超过 至少  ranges 1-2 2—3 2~3 2至3 4.5%—5%
 * 〔13.5〕 and [5] (cumulative)  14/10 万 (rate per 100,000: unit 1/10万)
 * 预计 2.5 (estimate)  60.6* (footnote marker)  — / - / 空 (no value)
 * 按市定目标执行 / 按下达目标确定 (external)  与经济增长基本同步 (relation).
 */
#ifndef PW_NUMBER_H
#define PW_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* How a target compares (model/plan.h names them for JSON and the
 * database); defined here, where numbers are read, so that text/ needs
 * nothing above it. */
enum pw_cmp {
	PW_CMP_NONE,   /* external / relation: JSON null */
	PW_CMP_EQ,     /* a plain number */
	PW_CMP_GE,     /* 以上, 超过, 不低于, 至少, ≥, > */
	PW_CMP_LE,     /* 以下, 以内, 不超过, 控制在…以下, ≤, < */
	PW_CMP_APPROX, /* 左右, 约 */
	PW_CMP_RANGE,  /* a–b: value .. value_hi */
};

enum pw_cell_type {
	PW_CELL_EMPTY,    /* "" */
	PW_CELL_DASH,     /* —, -, /, 无: explicitly no value */
	PW_CELL_NUMBER,   /* a value with comparator */
	PW_CELL_EXTERNAL, /* 按市定目标执行, 按下达目标确定, 按省下达 ... */
	PW_CELL_RELATION, /* 与经济增长基本同步, 与…同步 */
	PW_CELL_TEXT,     /* anything else */
};

struct pw_cell {
	enum pw_cell_type type;
	enum pw_cmp cmp;     /* for NUMBER */
	double value, value_hi;
	bool has_hi;
	bool cumulative;     /* 〔…〕 or […] */
	bool estimated;      /* 预计 */
	bool footnote;       /* trailing * */
	char unit[32];       /* unit written inside the cell ("%", "1/10万"), or "" */
};

/* Classifies and parses one table cell (trimmed internally).  Never fails:
 * an unparseable cell is PW_CELL_TEXT. */
void pw_parse_cell(const char *s, struct pw_cell *out);

/* Parses a number at s (ASCII digits, optional sign, thousands commas ','
 * or '，' as in the header comment, decimal point).  Returns bytes
 * consumed, 0 if s does not start a number. */
size_t pw_scan_number(const char *s, double *out);

/* Chinese numeral at s (零〇一二两三四五六七八九十百, 0..999; digit
 * strings such as 二〇三五 read positionally).  Returns bytes consumed and
 * sets *out, or 0 if s does not start a Chinese numeral. */
size_t pw_scan_cnum(const char *s, int *out);
/* Bytes of the Chinese numeral character at s (one of the above), 0 if
 * none. */
size_t pw_scan_cnum_char(const char *s);
/* ASCII digits at s (at most 6).  Returns bytes consumed, 0 if none. */
size_t pw_scan_digits(const char *s, int *out);
/* A Chinese numeral or ASCII digits, whichever s starts with. */
size_t pw_scan_anynum(const char *s, int *out);
/* A list item's number at s: 1. 1、 1） 1) 01 (before a blank), （1） (1),
 * ① .. ⑳ (not 1.5, not a number over 99).  Returns bytes up to the end of
 * its delimiter and sets *no (> 0), or 0 if s starts none. */
size_t pw_scan_item_number(const char *s, int *no);

/*
 * The comparator words that bound a value by themselves: one list, read by
 * the cell parser (pw_scan_cmp_prefix below) and by the prose target finder
 * (ingest/prose_lex.c, where such a word before a quantity makes it a
 * target).  X(word, cmp) with cmp a PW_CMP_ suffix; where one word is a
 * prefix of another the longer comes first.
 */
#define PW_BOUND_WORDS(X)                                                         \
	X("不低于", GE) X("不少于", GE) X("不小于", GE) X("超过", GE) X("突破", GE)   \
	X("高于", GE) X("大于", GE) X("多于", GE) X("至少", GE) X("≥", GE)          \
	X("≧", GE) X(">=", GE) X(">", GE)                                         \
	X("不超过", LE) X("不高于", LE) X("不大于", LE) X("低于", LE) X("小于", LE) \
	X("少于", LE) X("≤", LE) X("≦", LE) X("<=", LE) X("<", LE)

/*
 * The separators between the two ends of a range (2—3, 2——3, 1-2, 2~3,
 * 2至3, 4.5%—5%): one list for the cell parser (pw_scan_range_sep), the
 * prose finder and the plan-period reader.  X(word); longest first where
 * one is a prefix of another ("——" before "—").  A full-width － or ～
 * is listed too for text that did not pass the doc cleaner.
 */
#define PW_RANGE_SEPS(X)                                                   \
	X("——") X("—") X("--") X("－－") X("-") X("－") X("–") X("~~") X("~") \
	X("～～") X("～") X("〜") X("至") X("到")

/* Bytes of a range separator (PW_RANGE_SEPS) at s, or 0. */
size_t pw_scan_range_sep(const char *s);

/* "/10万" or "/10 万" after a number (14/10万): a rate per 10万, 千, 百 or
 * 亿.  Returns the bytes read and sets unit to "1/10万" (truncated to
 * unit_size), or returns 0 and leaves unit alone. */
size_t pw_scan_rate(const char *s, char *unit, size_t unit_size);

/* Comparator words.  If s starts with one, sets *cmp and returns its byte
 * length, else returns 0.  Prefixes: PW_BOUND_WORDS, 力争超过 (ge),
 * 控制在 (le), 约 (approx), 达到 保持在 稳定在 力争 (eq).  Suffixes: 以上 及以上 (ge), 以下 以内 之内
 * (le), 左右 上下 (approx). */
size_t pw_scan_cmp_prefix(const char *s, enum pw_cmp *cmp);
size_t pw_scan_cmp_suffix(const char *s, enum pw_cmp *cmp);

#endif
