/*
 * batch_sheet.c - a data file's rows into batch inputs (batch.h): finds
 * the header row and resolves each row's indicator (columns.h); the rows
 * of a 专栏 project section below go to batch_project.c.
 */
#include "monitor/batch.h"
#include "monitor/columns.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdlib.h>

static int add_row(struct pw_store *s, struct pw_batch *b, const struct pw_sheet_row *r,
		   const struct pw_cols *cols, const struct pw_batch_opts *o)
{
	struct pw_batch_input in = {
		.year = pw_cols_cell(r, cols, PW_COL_YEAR),
		.value = pw_cols_cell(r, cols, PW_COL_VALUE),
		.unit = pw_cols_cell(r, cols, PW_COL_UNIT),
		.source = pw_cols_cell(r, cols, PW_COL_SOURCE),
		.note = pw_cols_cell(r, cols, PW_COL_NOTE),
		.estimated = pw_cols_cell(r, cols, PW_COL_EST),
		.name = pw_cols_cell(r, cols, PW_COL_NAME), .line = r->line,
	};
	struct strbuf why = STRBUF_INIT;
	int rc;

	if (pw_cols_row_empty(r))
		return 0;
	if (pw_cols_empty(in.value)) {
		b->nskipped++;
		return 0;
	}
	rc = pw_cols_resolve(s, pw_batch_index(b, o->plan_id), r, cols, &in.entity, &in.id, &why);
	if (rc == 0 && in.entity == PW_ENTITY_PROJECT) {
		sb_addstr(&why, "project progress is recorded with 'planwatch record --project'");
		rc = 1;
	}
	if (rc == 1)
		pw_batch_add_error(b, r->line, "%s", why.buf);
	sb_release(&why);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return pw_batch_add(s, b, &in) < 0 ? -1 : 0;
}

int pw_batch_add_sheet(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
		       const struct pw_batch_opts *o)
{
	struct pw_cols cols, pcols;
	long h = pw_cols_find_header(sh, PW_COL_VALUE, PW_COL_YEAR, &cols);
	/* the 专栏 project section, below the values (template.h) */
	long p = pw_cols_find_projects(sh, h < 0 ? 0 : (size_t)h + 1, &pcols);
	size_t i, end = p < 0 ? sh->nrows : (size_t)p;
	int own, rc = 0;

	b->opts = o;
	pw_batch_read_plans(b);
	if (h < 0 && p < 0) {
		pw_batch_add_error(b, sh->nrows ? sh->rows[0].line : 1,
				   "no header row with a 年份 (year) and a 填报值 (value) column");
		return 0;
	}
	if (h >= 0 && !pw_cols_has_ref(&cols)) {
		pw_batch_add_error(b, sh->rows[h].line, "no indicator_id, 指标名称 or 序号 column "
				   "says which indicator a row is about");
		return 0;
	}
	if (pw_store_read_begin(s, &own) < 0)
		return -1;
	for (i = (size_t)h + 1; h >= 0 && rc == 0 && i < end; i++)
		/* the line above the project header says what it holds */
		if (p < 0 || pw_cols_row_names(&sh->rows[i], &cols))
			rc = add_row(s, b, &sh->rows[i], &cols, o);
	if (rc == 0 && p >= 0)
		rc = pw_batch_add_projects(s, b, sh, (size_t)p, &pcols, o);
	pw_store_read_end(s, own);
	return rc;
}

/* Validates sh into b afresh (b emptied first), under the write lock the
 * caller holds. */
static int revalidate(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
		      const struct pw_batch_opts *o)
{
	char *file = b->file ? xstrdup(b->file) : NULL;

	pw_batch_release(b);
	pw_batch_init(b, file);
	free(file);
	return pw_batch_add_sheet(s, b, sh, o);
}

int pw_batch_import_sheet(struct pw_store *s, struct pw_batch *b, const struct pw_sheet *sh,
			  const struct pw_batch_opts *o, bool dry, size_t *written)
{
	int64_t before, now;
	int own, rc;

	*written = 0;
	/* Validated first without the write lock, which a file of many rows
	 * need not hold while it is checked; a file with errors, or nothing
	 * new, writes nothing and never takes it. */
	rc = pw_store_data_version(s, &before);
	if (rc == 0)
		rc = pw_batch_add_sheet(s, b, sh, o);
	if (rc < 0 || dry || b->nerrors ||
	    (b->nrows == b->nunchanged && b->nprogress == b->nprogress_unchanged))
		return rc;
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	/* Another writer committed since: check again, now under the lock. */
	rc = own ? pw_store_data_version(s, &now) : 0;
	if (rc == 0 && own && now != before)
		rc = revalidate(s, b, sh, o);
	if (rc == 0 && !b->nerrors)
		rc = pw_batch_commit(s, b, o, written);
	if (rc == 0 && !b->nerrors)
		rc = pw_batch_commit_progress(s, b, o);
	rc = pw_store_write_end(s, own, rc);
	if (rc < 0) {
		*written = 0;
		b->nprogress_written = 0;
	}
	return rc;
}

int pw_batch_load(struct pw_store *s, struct pw_batch *b, const char *path,
		  const struct pw_batch_opts *o)
{
	struct pw_sheet sh;
	int rc;

	if (pw_sheet_read(&sh, path) < 0) {
		pw_sheet_release(&sh);
		return -1;
	}
	rc = pw_batch_add_sheet(s, b, &sh, o);
	pw_sheet_release(&sh);
	return rc;
}
