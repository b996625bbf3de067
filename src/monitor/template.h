/*
 * template.h - the fill-in sheet a responsible unit receives for a year:
 * one row per indicator and prose target it leads (planwatch assign),
 * with what it needs to fill in the value (baseline, target, last value)
 * and the cells to fill marked.  The completed sheet imports back with
 * "planwatch data import" unchanged in shape (batch.h reads its headings).
 *
 * Columns (docs/monitoring.md, "Templates"): indicator_id, target_id
 * (hidden in the workbook), 表, 序号, 指标名称, 单位, 属性, 基数, 目标,
 * 上年值, 上年年份, 年份, 填报值 (to fill), 预计, 来源, 备注 (to fill),
 * 填报口径 (what the value is: the measure definition).  A prose target
 * that restates a table indicator (monitor.h, restates) has no row: its
 * value is entered once, in the indicator's row.  In the sheet of the
 * period's first year, an indicator judged on levels whose plan gives no
 * baseline gets a second row for the base year (the year before the
 * period), the value its path starts from.  The 专栏 projects it leads
 * follow in a section of their own (status, 形象进度, 累计完成投资,
 * milestones in 备注: struct pw_template_project).
 */
#ifndef PW_TEMPLATE_H
#define PW_TEMPLATE_H

#include "store/monitor.h"

#include <stddef.h>

enum pw_template_format { PW_TEMPLATE_XLSX, PW_TEMPLATE_CSV };

/* One row of the sheet (strings owned by the row).  The value in force
 * for the year (PW_PICK_LATEST) is pre-filled whole, with its 预计, source
 * and note, so that a sheet returned with that row untouched imports it
 * as unchanged (batch.h). */
struct pw_template_row {
	enum pw_entity entity;
	int64_t id;
	int table_no; /* 0 for a prose target */
	char *no, *name, *unit, *attribute, *baseline, *target;
	bool has_last, has_value;
	double last, value; /* the latest earlier value; this year's, if entered */
	int last_year;
	bool estimated;       /* of this year's value */
	char *source, *note;  /* of this year's value, or NULL */
	char *entered;        /* what to enter (pw_measure_hint()) and the limits the
			       * planning office set (store/monitor.h), or NULL */
	int year;             /* 0: the sheet's year; else a base-year row */
};

/* One 专栏 project the unit leads, in the sheet's project section (below
 * the indicators, under its own header: PW_TEMPLATE_PROJECT_HEADINGS).
 * What is in force for the year (the head of its chain, unless returned)
 * is pre-filled, so that a row left as it is imports as unchanged. */
struct pw_template_project {
	int64_t id;
	int column_no, no; /* 专栏N, 序号 */
	char *column, *title, *text;
	char *last;   /* the latest earlier report in words, or NULL */
	char *status; /* this year's, in Chinese, or NULL */
	bool has_percent, has_investment;
	double percent, investment; /* 形象进度 %, 累计完成投资 亿元 */
	char *source, *note;
};

/* The columns of the project section, in order (the CSV writes them so;
 * the workbook places them under the indicator columns): project_id,
 * 专栏, 序号, 项目名称, 年份, 项目状态, 形象进度（%）, 累计完成投资（亿元）,
 * 来源, 备注, 建设内容, 上年进展.  data import knows the section by its
 * project_id and 项目状态 headings (columns.h). */
enum { PW_TPC_ID, PW_TPC_COLUMN, PW_TPC_NO, PW_TPC_TITLE, PW_TPC_YEAR, PW_TPC_STATUS,
       PW_TPC_PERCENT, PW_TPC_INVEST, PW_TPC_SOURCE, PW_TPC_NOTE, PW_TPC_TEXT, PW_TPC_LAST,
       PW_TPC_N };
extern const char *const pw_template_project_headings[PW_TPC_N];
/* The line above the project section: what its cells mean. */
extern const char pw_template_project_hint[];

struct pw_template {
	char *unit; /* the responsible unit */
	int year;
	struct pw_template_row *rows;
	size_t nrows, alloc;
	struct pw_template_project *projects;
	size_t nprojects, projects_alloc;
};

/* Adds project item_id (a row the unit leads) to t, pre-filled for
 * t->year.  0; -1 (a project that vanished is left out). */
int pw_template_add_project(struct pw_store *s, struct pw_template *t, int64_t item_id);
void pw_template_project_release(struct pw_template_project *p);
/* The CSV lines of the project section (a comment line with the hint,
 * the header, the rows), appended to sb; nothing when t has none. */
struct strbuf;
void pw_template_projects_csv(struct strbuf *sb, const struct pw_template *t);

/* Gathers the rows for unit and year.  0; PW_STORE_NOTFOUND after
 * reporting when the unit does not exist; -1.  Release with
 * pw_template_release(). */
int pw_template_build(struct pw_store *s, const char *unit, int year, struct pw_template *t);
void pw_template_release(struct pw_template *t);

/* Writes t to path ("-" for standard output, CSV only).  CSV is UTF-8
 * with BOM and CRLF so that Excel opens it; a text cell a spreadsheet
 * would run as a formula gets a leading apostrophe (csv.h).  The workbook
 * writes text only as strings, never as formulas; a text longer than an
 * xlsx cell holds (PW_BATCH_CELL_MAX characters) is cut, ending with
 * PW_BATCH_CUT_MARK, with a warning; any other write error is reported
 * and no file is left.  0, or -1 after reporting. */
int pw_template_write_csv(const struct pw_template *t, const char *path);
int pw_template_write_xlsx(const struct pw_template *t, const char *path);

#endif
