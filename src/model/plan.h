/*
 * plan.h - the structured plan: what ingest produces, store persists,
 * assess evaluates and report prints.
 *
 * Ownership: a struct pw_plan owns every string and array reachable from it;
 * pw_plan_free() releases all of it.  Arrays grow with ALLOC_GROW and the
 * pw_plan_add_* helpers, which return a zeroed element owned by the plan.
 * Absent numbers are marked by the has_* flags, absent years by 0, absent
 * strings by NULL.  Line numbers are 1-based lines of the input file.
 */
#ifndef PW_PLAN_H
#define PW_PLAN_H

#include "model/series.h"
#include "text/number.h"

#include <stdbool.h>
#include <stddef.h>

enum pw_kind {
	PW_KIND_LEVEL,      /* reach a value */
	PW_KIND_GROWTH,     /* average annual growth rate, % */
	PW_KIND_CUMULATIVE, /* total or change over the whole period */
	PW_KIND_ANNUAL,     /* an amount or change each year */
	PW_KIND_EXTERNAL,   /* set by another body (按市定目标执行) */
	PW_KIND_RELATION,   /* tied to another indicator (与经济增长基本同步) */
};

enum pw_attr { PW_ATTR_NONE, PW_ATTR_EXPECTED, PW_ATTR_BINDING };
enum pw_dir { PW_DIR_UP, PW_DIR_DOWN };
/* What a document is: a five-year plan outline, or an annual document
 * (政府工作报告, 年度计划, 关于X年…执行情况与Y年计划草案的报告) that sets one
 * year's targets of a five-year plan (docs/annual.md). */
enum pw_doc_kind { PW_DOC_PLAN, PW_DOC_ANNUAL };

/* Names for JSON and the database ("level", "ge", "expected", "up"...);
 * "?" (NULL for cmp and attr) for a value outside the enum. */
const char *pw_level_name(int level); /* enum pw_level: "part"... "subitem" */
int pw_level_from_name(const char *s);
const char *pw_kind_name(enum pw_kind k);
const char *pw_cmp_name(enum pw_cmp c);   /* NULL for PW_CMP_NONE */
const char *pw_attr_name(enum pw_attr a); /* NULL for PW_ATTR_NONE */
const char *pw_dir_name(enum pw_dir d);
/* The Chinese words of a kind and a comparison (目标值, 不低于). */
const char *pw_kind_label(enum pw_kind k);
const char *pw_cmp_label(enum pw_cmp c);   /* NULL for PW_CMP_NONE */
/* Inverse lookups: the value named s in English or Chinese ("growth" or
 * "年均增长"); -1 when the name is unknown. */
int pw_kind_from_name(const char *s);
int pw_cmp_from_name(const char *s);
int pw_attr_from_name(const char *s);
int pw_dir_from_name(const char *s);
/* "plan", "annual"; -1 for another name. */
const char *pw_doc_kind_name(enum pw_doc_kind k);
int pw_doc_kind_from_name(const char *s);

struct pw_target {
	enum pw_kind kind;
	enum pw_cmp cmp;
	bool has_value, has_value_hi;
	double value, value_hi;
	int year;   /* target year, 0 if none */
	char *text; /* the cell or phrase as written (trimmed) */
};

struct pw_indicator {
	char *no;       /* "18"; rows of a merged group share it */
	char *group;    /* merged group cell (城镇就业) or NULL */
	char *category; /* section row without numbering (经济发展) or NULL */
	char *name;     /* as written, without the unit bracket */
	char *unit;     /* "%", "亿元", "1/10万" or NULL */
	enum pw_attr attribute;
	enum pw_dir direction;
	bool has_baseline;
	int baseline_year;
	double baseline;
	struct pw_target *targets;
	size_t ntargets, targets_alloc;
	bool has_actual;
	int actual_year;
	double actual;
	bool actual_estimated; /* 预计 2.5 */
	char *note;            /* footnote marker meaning, e.g. "2019年数据" */
	int line;
	int section; /* index into pw_plan.sections, -1 if none */
	enum pw_series_mode measure; /* what is entered (series.h); AUTO: not decided */
};

struct pw_table {
	char *title;
	int line;
	int start, end; /* plan period this table covers, 0 if unknown */
	struct pw_indicator *rows;
	size_t nrows, rows_alloc;
	int section;
};

/* A quantitative target found in the prose. */
struct pw_prose_target {
	struct pw_target t;
	char *subject;
	char *unit;
	int line;
	int section;
	enum pw_series_mode measure; /* what is entered (series.h); AUTO: not decided */
	bool span_ahead; /* annual document: of the years ahead (今后五年), not the year's */
};

struct pw_item {
	int no;
	char *title;
	char *text; /* the item's whole text, title included */
	int line;
};

/* A 专栏 box of key projects. */
struct pw_column {
	char *title;
	int line;
	struct pw_item *items;
	size_t nitems, items_alloc;
	int section;
};

enum pw_level {
	PW_LEVEL_PART,       /* 第一篇 */
	PW_LEVEL_CHAPTER,    /* 第一章 */
	PW_LEVEL_SECTION,    /* 第一节 */
	PW_LEVEL_ITEM,       /* 一、 */
	PW_LEVEL_SUBITEM,    /* （一） */
};

struct pw_section {
	enum pw_level level;
	char *number; /* "第一章", "一", "（一）" as written */
	char *title;  /* heading text after the number */
	int line;
	int parent;   /* index of the enclosing section, -1 at top */
};

struct pw_plan {
	char *title;  /* 《…纲要》 full title if found */
	enum pw_doc_kind doc_kind;
	int year;     /* annual document: the year its targets are for, else 0 */
	char *region; /* the place the plan governs (某某区), or NULL */
	char *region_code; /* its GB/T 2260 code (lint/gazetteer.h), or NULL */
	char *region_path; /* "河南省/平顶山市/湛河区", or NULL */
	int ordinal;  /* 14 for 第十四个五年规划, 0 if unknown */
	int start, end;
	char *source;   /* file name it came from */
	char *checksum; /* hex SHA-256 of the decoded text, or NULL (import sets it) */

	struct pw_section *sections;
	size_t nsections, sections_alloc;
	struct pw_table *tables;
	size_t ntables, tables_alloc;
	struct pw_prose_target *targets;
	size_t ntargets, targets_alloc;
	struct pw_column *columns;
	size_t ncolumns, columns_alloc;
};

void pw_plan_init(struct pw_plan *p);
void pw_plan_free(struct pw_plan *p); /* frees contents, not p itself */

/* Each returns a zeroed element appended to its array (section = -1). */
struct pw_section *pw_plan_add_section(struct pw_plan *p);
struct pw_table *pw_plan_add_table(struct pw_plan *p);
struct pw_indicator *pw_table_add_row(struct pw_table *t);
struct pw_target *pw_indicator_add_target(struct pw_indicator *ind);
struct pw_prose_target *pw_plan_add_target(struct pw_plan *p);
struct pw_column *pw_plan_add_column(struct pw_plan *p);
struct pw_item *pw_column_add_item(struct pw_column *c);

/* The last section (sections are in line order) that starts at or before
 * line, i.e. the innermost one containing it, or -1. */
int pw_plan_section_at(const struct pw_plan *p, int line);

#endif
