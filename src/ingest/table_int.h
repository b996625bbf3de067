/*
 * table_int.h - internals of the indicator-table reader, shared by
 *   table.c      finding tables: extent, titles, notes, period, claims
 *   table_row.c  splitting lines into cells; header column roles
 *   table_ind.c  turning one data row into a struct pw_indicator
 *   table_cells.c tables written one cell per line, rejoined into rows
 * Nothing here is used outside src/ingest/table*.c.
 */
#ifndef PW_TABLE_INT_H
#define PW_TABLE_INT_H

#include "model/plan.h"
#include "text/doc.h"
#include "text/number.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- cells (table_row.c) ---- */

enum pw_trow_kind {
	PW_TROW_PLAIN,    /* no separator: one cell */
	PW_TROW_TABS,     /* tab-separated (PDF-to-text) */
	PW_TROW_PIPES,    /* | a | b | (Markdown) */
	PW_TROW_SPACES,   /* columns separated by runs of 2+ blanks */
};

/* One line split into trimmed cells.  Owns the cell strings and a cache
 * of their parses (filled on demand by pw_table_parsed). */
struct pw_trow {
	char **cells;
	struct pw_cell *parsed;
	unsigned char *have_parsed;
	size_t n, alloc;
	enum pw_trow_kind kind;
	bool rule; /* a Markdown |---|---| rule */
};

/* Splits line into r (initialised here).  spaces: also split on runs of
 * two or more blanks when the line has no tab or pipe. */
void pw_table_split(struct pw_trow *r, const char *line, bool spaces);
void pw_table_row_release(struct pw_trow *r);
/* Cells up to the last non-empty one. */
size_t pw_table_row_used(const struct pw_trow *r);
/* Non-empty cells; *first gets the index of the first (if any). */
size_t pw_table_row_filled(const struct pw_trow *r, size_t *first);
/* Cell i, or "" past the end. */
const char *pw_table_cell(const struct pw_trow *r, size_t i);
/* Cell i parsed (pw_parse_cell), an empty cell past the end. */
const struct pw_cell *pw_table_parsed(const struct pw_trow *r, size_t i);

/* ---- header (table_row.c) ---- */

enum pw_trole {
	PW_TR_NONE,     /* empty header cell */
	PW_TR_NO,       /* 序号 */
	PW_TR_CATEGORY, /* 类别 / 领域 */
	PW_TR_NAME,     /* 指标 / 指标名称 */
	PW_TR_UNIT,     /* 单位 */
	PW_TR_BASE,     /* 2015年 基数 */
	PW_TR_TARGET,   /* 2020年 目标 */
	PW_TR_GROWTH,   /* 年均增速, 五年年均增速或累计 */
	PW_TR_CUMUL,    /* 累计 / 五年累计 alone: totals over the period */
	PW_TR_ACTUAL,   /* 2020年 完成值 */
	PW_TR_ATTR,     /* 属性 / 指标属性 */
	PW_TR_FAR,      /* a target beyond the plan's end (2035年远景目标) */
	PW_TR_YEAR,     /* a bare year ("2025年"), resolved to BASE or TARGET */
	PW_TR_OTHER,    /* 备注, 责任单位 ... ignored */
};

struct pw_theader {
	enum pw_trole *roles;
	size_t n;          /* columns, trailing empty ones excluded */
	size_t name_col;   /* first NAME column */
	size_t first_value;/* first column after the name part */
	int base_year, target_year, actual_year; /* 0 if the header has none */
	int *years;        /* each column's year (0 if none): FAR targets' years */
	char *unit;        /* unit note of the name column (单位：%), or NULL */
};

/* True if r is an indicator-table header; fills h (caller releases).
 * start: the period's first year known from the title (0 if none), used
 * to tell a bare base year from a bare target year. */
bool pw_table_header(const struct pw_trow *r, int start, struct pw_theader *h);
void pw_table_header_release(struct pw_theader *h);
/* True if a header cell names a column role (基数, 目标, 属性, 单位 ...). */
bool pw_table_role_word(const char *cell);
/* Index of the first column with role, or (size_t)-1. */
size_t pw_table_header_find(const struct pw_theader *h, enum pw_trole role);

/* ---- rows (table_ind.c) ---- */

/* State carried from row to row inside one table. */
struct pw_tstate {
	struct pw_table *t;
	const char *file;
	char *category;               /* current category, owned */
	char *unit_note;              /* unit for names without one, owned */
	int base_year, target_year, actual_year;
	/* merged cells of the last numbered row, inherited by continuation rows */
	char *last_target, *last_growth, *last_cumul, *last_attr, *last_unit;
	/* per row: which values carried a * footnote marker (1 base, 2 actual) */
	unsigned char *stars;
	size_t stars_alloc;
};

void pw_table_state_release(struct pw_tstate *st);
/* Sets the current category from a category row's text (一、经济发展). */
void pw_table_set_category(struct pw_tstate *st, const char *text);
/* Adds the indicator of data row r (line no) under header h; returns
 * false (after a warning) if the row could not be read.  name_tail: the
 * rest of a name wrapped onto the next line, or NULL. */
bool pw_table_read_row(struct pw_tstate *st, const struct pw_theader *h,
		      const struct pw_trow *r, int line, const char *name_tail);

/* ---- one cell per line (table_cells.c) ---- */

/* A plan's lines with each table written one cell per line joined into
 * tab-separated rows.  doc holds d's lines (not copied) and the joined
 * ones (owned here); line k of doc stands for d's lines [first[k],
 * first[k + 1]) and has the number of the first. */
struct pw_table_cells {
	struct pw_doc doc;
	size_t *first, first_alloc;
	char **owned;
	size_t nowned, owned_alloc;
};

/* Fills j and returns true if d holds such a table (caller releases);
 * else false, j empty. */
bool pw_table_join_cells(const struct pw_doc *d, struct pw_table_cells *j);
void pw_table_cells_release(struct pw_table_cells *j);

/* ---- helpers shared by the three files ---- */

/* Serial number cell: "1", "1.", "（1）", "一"; copies the digits/numeral
 * to no (size nsize) and returns true. */
bool pw_table_serial(const char *s, char *no, size_t nsize);
/* Bytes of a leading list number "1." "1、" "（1）" "1 " before a name. */
size_t pw_table_name_number(const char *s, char *no, size_t nsize);
/* Bytes of a leading section number "一、" "（一）" "1、" before a category. */
size_t pw_table_cat_number(const char *s);
/* A 4-digit year (pw_text_year) in s followed by 年 (or alone); 0 if none. */
int pw_table_year(const char *s);
/* Bytes of an opening bracket （ or ( at s, of a closing one ） or ), or 0. */
size_t pw_table_open_paren(const char *s);
size_t pw_table_close_paren(const char *s);
/* True if s[0..len) reads as a unit: 亿元, %, 平方米, 微克/立方米. */
bool pw_table_unit_like(const char *s, size_t len);
/* The unit of a note "单位：亿元" / "（单位：%）" in s, or NULL; caller frees. */
char *pw_table_unit_note(const char *s);
/* s without blanks (spaces, U+3000); caller frees. */
char *pw_table_squeeze(const char *s);

#endif
