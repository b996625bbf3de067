/*
 * responsibility.c - the responsibility table import (responsibility.h).
 */
#include "monitor/responsibility.h"
#include "monitor/columns.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>

struct lead {
	enum pw_entity entity;
	int64_t id;
	char *unit;
	int year;
	long line;
};

struct leads {
	struct lead *v;
	size_t n, alloc;
};

static void leads_release(struct leads *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].unit);
	free(l->v);
}

static int read_row(struct pw_store *s, struct pw_indicator_index *idx,
		    const struct pw_sheet_row *r, const struct pw_cols *cols, struct pw_batch *b,
		    struct leads *l)
{
	const char *unit = pw_cols_cell(r, cols, PW_COL_LEAD);
	const char *year = pw_cols_cell(r, cols, PW_COL_YEAR);
	struct strbuf why = STRBUF_INIT, u = STRBUF_INIT;
	struct lead x = { .line = r->line };
	int rc;

	if (pw_cols_row_empty(r) || pw_cols_empty(unit))
		return 0;
	x.year = pw_cols_empty(year) ? 0 : pw_batch_parse_year(year);
	if (!pw_cols_empty(year) && !x.year) {
		pw_batch_add_error(b, r->line, "year '%s' is not a year", year);
		return 0;
	}
	rc = pw_cols_resolve(s, idx, r, cols, &x.entity, &x.id, &why);
	if (rc == 1)
		pw_batch_add_error(b, r->line, "%s", why.buf);
	sb_release(&why);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	sb_addstr(&u, unit);
	sb_trim(&u);
	x.unit = sb_detach(&u, NULL);
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = x;
	return 0;
}

static int write_one(struct pw_store *s, const struct lead *x, const char *by,
		     struct pw_batch *b, struct pw_assign_result *res)
{
	int64_t uid;
	int changed;

	if (pw_store_unit_find_quiet(s, x->unit, &uid) == PW_STORE_NOTFOUND) {
		if (pw_store_unit_add(s, x->unit, NULL, by, &uid) < 0)
			return -1;
		res->nunits_created++;
		pw_batch_add_note(b, x->line, "new unit '%s'", x->unit);
	}
	if (pw_store_assign(s, x->entity, x->id, x->unit, x->year, by, &changed) < 0)
		return -1;
	if (changed)
		res->nassigned++;
	else
		res->nunchanged++;
	return 0;
}

/* One transaction, or a savepoint inside the caller's: all or nothing. */
static int write_all(struct pw_store *s, const struct leads *l, const char *by,
		     struct pw_batch *b, struct pw_assign_result *res)
{
	size_t i;
	int own, rc = 0;

	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	for (i = 0; rc == 0 && i < l->n; i++)
		rc = write_one(s, &l->v[i], by, b, res);
	rc = pw_store_write_end(s, own, rc);
	if (rc < 0)
		memset(res, 0, sizeof(*res));
	return rc;
}

static int check_sheet(struct pw_store *s, const struct pw_sheet *sh, int plan_id,
		       struct pw_batch *b, struct leads *l)
{
	struct pw_cols cols;
	long h = pw_cols_find_header(sh, PW_COL_LEAD, PW_COL_LEAD, &cols);
	size_t i;

	if (h < 0 || !pw_cols_has_ref(&cols)) {
		pw_batch_add_error(b, sh->nrows ? sh->rows[0].line : 1,
				   "no header row with a 牵头单位 column and an indicator column "
				   "(indicator_id, 指标名称 or 序号)");
		return 0;
	}
	for (i = (size_t)h + 1; i < sh->nrows; i++)
		if (read_row(s, pw_batch_index(b, plan_id), &sh->rows[i], &cols, b, l) < 0)
			return -1;
	return 0;
}

int pw_assign_import(struct pw_store *s, const char *path, int plan_id, const char *by,
		     struct pw_batch *b, struct pw_assign_result *res)
{
	struct leads l = { NULL, 0, 0 };
	struct pw_sheet sh;
	int own, rc;

	memset(res, 0, sizeof(*res));
	if (pw_sheet_read(&sh, path) < 0) {
		pw_sheet_release(&sh);
		return -1;
	}
	/* checked and written under one write lock, as a data import */
	if (pw_store_write_begin(s, &own) < 0) {
		pw_sheet_release(&sh);
		return -1;
	}
	rc = check_sheet(s, &sh, plan_id, b, &l);
	pw_sheet_release(&sh);
	if (rc == 0 && b->nerrors)
		rc = 1;
	else if (rc == 0)
		rc = write_all(s, &l, by, b, res);
	rc = pw_store_write_end(s, own, rc);
	if (rc < 0)
		memset(res, 0, sizeof(*res));
	leads_release(&l);
	return rc;
}
