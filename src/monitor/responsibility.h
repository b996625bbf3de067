/*
 * responsibility.h - importing a responsibility table (责任分工表): which
 * unit leads each indicator, prose target or project.  Headings: 牵头单位
 * (or 责任单位), the row reference of columns.h (indicator_id / target_id /
 * project_id, or 表/序号/指标名称), optionally 年份.  Units that do not
 * exist yet are created.  All rows are checked first; any error rejects
 * the whole file and nothing is written; else ONE transaction.
 */
#ifndef PW_RESPONSIBILITY_H
#define PW_RESPONSIBILITY_H

#include "monitor/batch.h"

struct pw_assign_result {
	size_t nassigned, nunchanged, nunits_created;
};

/* Messages go to b (its file is the path); returns 0 when written, 1 when
 * the file has errors (see b), -1 when it cannot be read or on a
 * database error (reported). */
int pw_assign_import(struct pw_store *s, const char *path, int plan_id, const char *by,
		     struct pw_batch *b, struct pw_assign_result *res);

#endif
