/*
 * sheet.c - the cell grid shared by the CSV and xlsx readers (sheet.h).
 */
#include "monitor/sheet.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "util/alloc.h"

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

int pw_sheet_read(struct pw_sheet *sh, const char *path)
{
	size_t len = strlen(path);

	if (len > 5 && !strcasecmp(path + len - 5, ".xlsx"))
		return pw_xlsx_read(sh, path);
	return pw_csv_read(sh, path);
}
