/*
 * columns.h - the headings of data files (observations, responsibility)
 * and how a row names its indicator, target or project: by id column, or
 * by 表/序号/指标名称.  Shared by batch_sheet.c and assign_import.c; the
 * accepted headings are listed in docs/monitoring.md.
 */
#ifndef PW_COLUMNS_H
#define PW_COLUMNS_H

#include "monitor/sheet.h"
#include "store/monitor.h"

#include <stdbool.h>
#include <stdint.h>

struct strbuf;

enum pw_col {
	PW_COL_IND_ID, PW_COL_TGT_ID, PW_COL_PRJ_ID, PW_COL_TABLE, PW_COL_NO, PW_COL_NAME,
	PW_COL_UNIT, PW_COL_YEAR, PW_COL_VALUE, PW_COL_SOURCE, PW_COL_NOTE, PW_COL_EST,
	PW_COL_LEAD, PW_COL_STATUS, PW_COL_PERCENT, PW_COL_INVEST, PW_NCOLS
};

/* Column positions: cols[c] is the 1-based column of c, 0 if absent. */
struct pw_cols {
	size_t at[PW_NCOLS];
};

/* The first of the first 20 rows whose headings include both a and b
 * (b may be a again): its index, or -1. */
long pw_cols_find_header(const struct pw_sheet *sh, enum pw_col a, enum pw_col b,
			 struct pw_cols *cols);
/* The header of a sheet's 专栏 project section (template.h): the first
 * row from index `from` on whose headings include project_id and 项目状态.
 * Its index, or -1. */
long pw_cols_find_projects(const struct pw_sheet *sh, size_t from, struct pw_cols *cols);
/* Does row r give anything that names a row (an id, 序号, 名称)? */
bool pw_cols_row_names(const struct pw_sheet_row *r, const struct pw_cols *cols);
/* Cell c of row r (owned by the sheet), or NULL when the sheet has no
 * such column. */
const char *pw_cols_cell(const struct pw_sheet_row *r, const struct pw_cols *cols,
			 enum pw_col c);
/* NULL, or only blanks. */
bool pw_cols_empty(const char *s);
bool pw_cols_row_empty(const struct pw_sheet_row *r);
/* Has the sheet a column that names the indicator of a row? */
bool pw_cols_has_ref(const struct pw_cols *cols);

/*
 * What row r is about: an id column (indicator_id, target_id,
 * project_id), else 表/序号/指标名称 looked up in idx (the indicators of one
 * plan or of all: store/monitor.h).  When idx is of one plan, an id of a
 * row of another plan is a row error too.  Returns 0 with *e and *id; 1
 * with the reason in why (a row error); -1 on a database error.
 */
int pw_cols_resolve(struct pw_store *s, struct pw_indicator_index *idx,
		    const struct pw_sheet_row *r, const struct pw_cols *cols, enum pw_entity *e,
		    int64_t *id, struct strbuf *why);

#endif
