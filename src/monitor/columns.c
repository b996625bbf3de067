/*
 * columns.c - headings of data files and row references (columns.h).
 */
#include "monitor/columns.h"
#include "text/utf8.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util/nelem.h"

#define HEADER_SCAN_ROWS 20

/* Accepted headings, compared without blanks, '*' and bracketed parts,
 * ASCII case ignored. */
static const struct heading {
	enum pw_col col;
	const char *text;
} headings[] = {
	{ PW_COL_IND_ID, "indicator_id" }, { PW_COL_IND_ID, "指标ID" }, { PW_COL_IND_ID, "指标编号" },
	{ PW_COL_TGT_ID, "target_id" }, { PW_COL_TGT_ID, "目标ID" },
	{ PW_COL_PRJ_ID, "project_id" }, { PW_COL_PRJ_ID, "项目ID" },
	{ PW_COL_TABLE, "表" }, { PW_COL_TABLE, "表号" }, { PW_COL_TABLE, "table" },
	{ PW_COL_NO, "序号" }, { PW_COL_NO, "no" },
	{ PW_COL_NAME, "指标名称" }, { PW_COL_NAME, "指标" }, { PW_COL_NAME, "名称" },
	{ PW_COL_NAME, "name" }, { PW_COL_NAME, "indicator" },
	{ PW_COL_UNIT, "单位" }, { PW_COL_UNIT, "计量单位" }, { PW_COL_UNIT, "unit" },
	{ PW_COL_YEAR, "年份" }, { PW_COL_YEAR, "年度" }, { PW_COL_YEAR, "year" },
	{ PW_COL_VALUE, "填报值" }, { PW_COL_VALUE, "数值" }, { PW_COL_VALUE, "完成值" },
	{ PW_COL_VALUE, "实际值" }, { PW_COL_VALUE, "本年值" }, { PW_COL_VALUE, "value" },
	{ PW_COL_SOURCE, "来源" }, { PW_COL_SOURCE, "数据来源" }, { PW_COL_SOURCE, "source" },
	{ PW_COL_NOTE, "备注" }, { PW_COL_NOTE, "说明" }, { PW_COL_NOTE, "note" },
	{ PW_COL_EST, "预计" }, { PW_COL_EST, "是否预计" }, { PW_COL_EST, "estimated" },
	{ PW_COL_LEAD, "牵头单位" }, { PW_COL_LEAD, "责任单位" }, { PW_COL_LEAD, "lead_unit" },
	{ PW_COL_NAME, "项目名称" },
	{ PW_COL_STATUS, "项目状态" }, { PW_COL_STATUS, "进展状态" }, { PW_COL_STATUS, "status" },
	{ PW_COL_PERCENT, "形象进度" }, { PW_COL_PERCENT, "完成率" }, { PW_COL_PERCENT, "percent" },
	{ PW_COL_INVEST, "累计完成投资" }, { PW_COL_INVEST, "投资完成额" },
	{ PW_COL_INVEST, "investment" },
};

/* A heading without blanks, '*' and (…)/（…） parts. */
static void heading_key(const char *s, struct strbuf *out)
{
	int depth = 0;
	size_t k;

	sb_reset(out);
	while (*s) {
		if ((k = pw_utf8_starts(s, "（")) || (k = pw_utf8_starts(s, "("))) {
			depth++;
			s += k;
		} else if ((k = pw_utf8_starts(s, "）")) || (k = pw_utf8_starts(s, ")"))) {
			depth -= depth > 0;
			s += k;
		} else if ((k = pw_utf8_blank(s)) != 0) {
			s += k;
		} else {
			if (!depth && *s != '*')
				sb_addch(out, *s);
			s++;
		}
	}
}

/* Longest cell taken for a heading: headings are a few words, and a long
 * cell (a 1 MiB shared string in every cell of the first rows) must not
 * cost a character-by-character pass each. */
#define MAX_HEADING_BYTES 256

static int column_of(const char *cell, struct strbuf *tmp)
{
	size_t i;

	if (strnlen(cell, MAX_HEADING_BYTES + 1) > MAX_HEADING_BYTES)
		return -1;
	heading_key(cell, tmp);
	for (i = 0; i < NELEM(headings); i++)
		if (!strcasecmp(tmp->buf, headings[i].text))
			return (int)headings[i].col;
	return -1;
}

static void map_header(const struct pw_sheet_row *r, struct pw_cols *cols)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t i;
	int c;

	memset(cols, 0, sizeof(*cols));
	for (i = 0; i < r->n; i++) {
		c = column_of(r->cells[i], &tmp);
		if (c >= 0 && !cols->at[c])
			cols->at[c] = i + 1;
	}
	sb_release(&tmp);
}

long pw_cols_find_header(const struct pw_sheet *sh, enum pw_col a, enum pw_col b,
			 struct pw_cols *cols)
{
	size_t h;

	for (h = 0; h < sh->nrows && h < HEADER_SCAN_ROWS; h++) {
		map_header(&sh->rows[h], cols);
		if (cols->at[a] && cols->at[b])
			return (long)h;
	}
	memset(cols, 0, sizeof(*cols));
	return -1;
}

static bool status_like(const struct pw_sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strnlen(r->cells[i], 64) < 64 &&
		    (strstr(r->cells[i], "状态") || strcasestr(r->cells[i], "status")))
			return true;
	return false;
}

long pw_cols_find_projects(const struct pw_sheet *sh, size_t from, struct pw_cols *cols)
{
	size_t h;

	/* any row may start the section: a row is mapped whole only when a
	 * short cell mentions 状态 or status, so that a file of many value
	 * rows costs a scan, not a heading lookup per cell */
	for (h = from; h < sh->nrows; h++) {
		if (!status_like(&sh->rows[h]))
			continue;
		map_header(&sh->rows[h], cols);
		if (cols->at[PW_COL_PRJ_ID] && cols->at[PW_COL_STATUS])
			return (long)h;
	}
	memset(cols, 0, sizeof(*cols));
	return -1;
}

bool pw_cols_row_names(const struct pw_sheet_row *r, const struct pw_cols *cols)
{
	/* not 表 alone, which names no row (and holds a sheet's notes) */
	static const enum pw_col names[] = { PW_COL_IND_ID, PW_COL_TGT_ID, PW_COL_PRJ_ID,
					     PW_COL_NO, PW_COL_NAME };
	size_t i;

	for (i = 0; i < NELEM(names); i++)
		if (!pw_cols_empty(pw_cols_cell(r, cols, names[i])))
			return true;
	return false;
}

const char *pw_cols_cell(const struct pw_sheet_row *r, const struct pw_cols *cols,
			 enum pw_col c)
{
	return cols->at[c] ? pw_sheet_cell(r, cols->at[c] - 1) : NULL;
}

bool pw_cols_empty(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

bool pw_cols_row_empty(const struct pw_sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!pw_cols_empty(r->cells[i]))
			return false;
	return true;
}

bool pw_cols_has_ref(const struct pw_cols *cols)
{
	return cols->at[PW_COL_IND_ID] || cols->at[PW_COL_TGT_ID] || cols->at[PW_COL_PRJ_ID] ||
	       cols->at[PW_COL_NAME] || cols->at[PW_COL_NO];
}

/* ------------------------------------------------------------------ */
/* Row references                                                     */

/* A positive id ("12", or "12.0" as a spreadsheet number), or 0 (also
 * for a sign or a value past int64). */
static int64_t parse_id(const char *s)
{
	char *end;
	long long v;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end == '.' && end[1] == '0' && !end[2])
		end += 2;
	while (*end == ' ')
		end++;
	return !errno && !*end && v > 0 ? (int64_t)v : 0;
}

/* "表2", "2", "表 2" -> 2; 0 when there is no number. */
static int parse_table(const char *s)
{
	int v = 0;

	while (s && *s && !isdigit((unsigned char)*s))
		s++;
	while (s && isdigit((unsigned char)*s) && v < 10000)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int by_id(const struct pw_sheet_row *r, const struct pw_cols *cols, enum pw_entity *e,
		 int64_t *id, struct strbuf *why)
{
	static const enum pw_col idcols[] = { PW_COL_IND_ID, PW_COL_TGT_ID, PW_COL_PRJ_ID };
	const char *v;
	int k;

	for (k = 0; k < 3; k++) {
		v = pw_cols_cell(r, cols, idcols[k]);
		if (pw_cols_empty(v))
			continue;
		*e = (enum pw_entity)k;
		*id = parse_id(v);
		if (*id)
			return 0;
		sb_addf(why, "'%s' is not an id", v);
		return 1;
	}
	return 2; /* no id given */
}

/* A row named by id when the file is imported for one plan (--plan):
 * the id must be of that plan, in any of its versions, since name
 * lookups keep to it too.  An unknown id is left to the caller, which
 * words that error.  0, 1 with the reason in why, or -1. */
static int check_plan(struct pw_store *s, int plan_id, enum pw_entity e, int64_t id,
		      struct strbuf *why)
{
	int of, rc;

	if (!plan_id)
		return 0;
	rc = pw_store_entity_plan(s, e, id, &of);
	if (rc == PW_STORE_NOTFOUND || (rc == 0 && of == plan_id))
		return 0;
	if (rc < 0)
		return -1;
	sb_addf(why, "%s %lld belongs to plan %d, not to plan %d (--plan)", pw_entity_name(e),
		(long long)id, of, plan_id);
	return 1;
}

int pw_cols_resolve(struct pw_store *s, struct pw_indicator_index *idx,
		    const struct pw_sheet_row *r, const struct pw_cols *cols, enum pw_entity *e,
		    int64_t *id, struct strbuf *why)
{
	const char *tab = pw_cols_cell(r, cols, PW_COL_TABLE), *no = pw_cols_cell(r, cols, PW_COL_NO);
	const char *name = pw_cols_cell(r, cols, PW_COL_NAME), *reason;
	int rc = by_id(r, cols, e, id, why);

	if (rc == 0)
		return check_plan(s, idx->plan_id, *e, *id, why);
	if (rc != 2)
		return rc;
	*e = PW_ENTITY_INDICATOR;
	rc = pw_store_index_find(s, idx, parse_table(tab), no, name, id, &reason);
	if (rc != PW_STORE_NOTFOUND)
		return rc;
	sb_addf(why, "表%d 序号 %s '%s': %s", parse_table(tab), pw_cols_empty(no) ? "-" : no,
		name ? name : "", reason);
	return 1;
}
