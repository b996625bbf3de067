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
 * period), the value its path starts from.
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
	const char *entered;  /* what to enter (pw_measure_hint()), static, or NULL */
	int year;             /* 0: the sheet's year; else a base-year row */
};

struct pw_template {
	char *unit; /* the responsible unit */
	int year;
	struct pw_template_row *rows;
	size_t nrows, alloc;
};

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
