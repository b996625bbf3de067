/*
 * sheet.c - the cell grid shared by the CSV and xlsx readers (sheet.h).
 */
#include "monitor/sheet.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "text/office.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static char empty_cell[] = "";

void pw_sheet_init(struct pw_sheet *sh, const char *name)
{
	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(name ? name : "-");
}

static void row_release(struct pw_sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->cells[i] != empty_cell)
			free(r->cells[i]);
	free(r->cells);
}

void pw_sheet_release(struct pw_sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->nrows; i++)
		row_release(&sh->rows[i]);
	free(sh->rows);
	free(sh->name);
	memset(sh, 0, sizeof(*sh));
}

void pw_sheet_drop_last(struct pw_sheet *sh)
{
	if (sh->nrows)
		row_release(&sh->rows[--sh->nrows]);
}

struct pw_sheet_row *pw_sheet_add_row(struct pw_sheet *sh, long line)
{
	struct pw_sheet_row *r;

	ALLOC_GROW(sh->rows, sh->nrows + 1, sh->alloc);
	r = &sh->rows[sh->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	return r;
}

void pw_sheet_set(struct pw_sheet_row *r, size_t col, const char *s, size_t len)
{
	ALLOC_GROW(r->cells, col + 1, r->alloc);
	while (r->n <= col)
		r->cells[r->n++] = empty_cell;
	if (r->cells[col] != empty_cell)
		free(r->cells[col]);
	r->cells[col] = len ? xstrndup(s, len) : empty_cell;
}

const char *pw_sheet_cell(const struct pw_sheet_row *r, size_t col)
{
	return col < r->n ? r->cells[col] : empty_cell;
}

/* An Excel 97 (.xls) or WPS (.et) sheet: converted to .xlsx by
 * LibreOffice (office.h), then read with messages naming path. */
static int read_legacy(struct pw_sheet *sh, const char *path)
{
	struct pw_converted c;
	struct strbuf sb = STRBUF_INIT;
	FILE *f;
	int rc;

	pw_sheet_init(sh, path);
	if (pw_office_convert(path, "xlsx", &c) < 0)
		return -1;
	f = fopen(c.path, "rb");
	rc = f ? 0 : pw_error("%s: cannot read the converted workbook", path);
	if (f) {
		char buf[65536];
		size_t n;

		while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= ((size_t)256 << 20))
			sb_add(&sb, buf, n);
		fclose(f);
	}
	pw_converted_release(&c);
	if (rc == 0) {
		pw_sheet_release(sh);
		rc = pw_xlsx_from_bytes(sh, path, sb.buf, sb.len);
	}
	sb_release(&sb);
	return rc;
}

int pw_sheet_read(struct pw_sheet *sh, const char *path)
{
	size_t len = strlen(path);

	if (pw_office_is_legacy(path))
		return read_legacy(sh, path);

	if (len > 5 && !strcasecmp(path + len - 5, ".xlsx"))
		return pw_xlsx_read(sh, path);
	return pw_csv_read(sh, path);
}
