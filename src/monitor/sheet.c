/*
 * sheet.c - the cell grid shared by the CSV and xlsx readers (sheet.h).
 * The growth of the row and cell arrays is computed in one place
 * (grown_to) so that what the readers charge to their budget is what is
 * allocated here.
 */
#include "monitor/sheet.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "text/office.h"
#include "util/alloc.h"
#include "util/budget.h"
#include "util/error.h"

#include <stdint.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

static char empty_cell[] = "";

void pw_sheet_init(struct pw_sheet *sh, const char *name)
{
	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(name ? name : "-");
}

/* True if cell c is a copy owned by the cell (not "" nor pooled). */
static int owns(const struct pw_sheet_row *r, const char *c)
{
	uintptr_t p = (uintptr_t)c;

	return c != empty_cell && !(p >= (uintptr_t)r->pool && p < (uintptr_t)r->pool_end);
}

static void row_release(struct pw_sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (owns(r, r->cells[i]))
			free(r->cells[i]);
	free(r->cells);
}

/* The capacity an array of capacity cap needing nr elements grows to:
 * cap itself when it is enough.  Rows of cells start small (most rows of
 * a data file are a dozen cells), then double. */
static size_t grown_to(size_t cap, size_t nr, size_t first)
{
	size_t want;

	if (nr <= cap)
		return cap;
	want = cap ? cap * 2 : first;
	return want < nr ? nr : want;
}

#define FIRST_ROWS 64
#define FIRST_CELLS 4

/* What malloc takes for a copy of len bytes and its NUL (glibc: 8 bytes of
 * header, 16-byte chunks, 32 at least). */
static size_t copy_cost(size_t len)
{
	size_t n = (len + 1 + 8 + 15) & ~(size_t)15;

	return n < 32 ? 32 : n;
}

int pw_sheet_charge_row(struct pw_budget *b, const struct pw_sheet *sh)
{
	size_t to = grown_to(sh->alloc, sh->nrows + 1, FIRST_ROWS);

	return pw_budget_charge(b, (to - sh->alloc) * sizeof(*sh->rows));
}

int pw_sheet_charge_cell(struct pw_budget *b, const struct pw_sheet_row *r, size_t col,
			 size_t len, int shared)
{
	size_t to = grown_to(r->alloc, col + 1, FIRST_CELLS);

	return pw_budget_charge(b, (to - r->alloc) * sizeof(*r->cells) +
					   (shared || !len ? 0 : copy_cost(len)));
}

void pw_sheet_adopt_pool(struct pw_sheet *sh, char *pool, size_t len)
{
	if (sh->pool || sh->nrows)
		PW_BUG("a pool adopted twice or after the first row");
	sh->pool = pool;
	sh->pool_len = len;
}

void pw_sheet_release(struct pw_sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->nrows; i++)
		row_release(&sh->rows[i]);
	free(sh->rows);
	free(sh->pool);
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

	size_t to = grown_to(sh->alloc, sh->nrows + 1, FIRST_ROWS);

	if (to != sh->alloc) {
		sh->rows = xrealloc(sh->rows, to * sizeof(*sh->rows));
		sh->alloc = to;
	}
	r = &sh->rows[sh->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->pool = sh->pool;
	r->pool_end = sh->pool ? sh->pool + sh->pool_len : NULL;
	return r;
}

/* Makes cell col of r exist (as "", growing the row) and frees what it
 * held; returns its slot. */
static char **cell_slot(struct pw_sheet_row *r, size_t col)
{
	size_t to = grown_to(r->alloc, col + 1, FIRST_CELLS);

	if (to != r->alloc) {
		r->cells = xrealloc(r->cells, to * sizeof(*r->cells));
		r->alloc = to;
	}
	while (r->n <= col)
		r->cells[r->n++] = empty_cell;
	if (owns(r, r->cells[col]))
		free(r->cells[col]);
	r->cells[col] = empty_cell;
	return &r->cells[col];
}

void pw_sheet_set(struct pw_sheet_row *r, size_t col, const char *s, size_t len)
{
	char **slot = cell_slot(r, col);

	if (len)
		*slot = xstrndup(s, len);
}

void pw_sheet_share(struct pw_sheet_row *r, size_t col, const char *s)
{
	char **slot = cell_slot(r, col);

	if (owns(r, s))
		PW_BUG("a shared cell outside the sheet's pool");
	if (*s)
		*slot = (char *)s;
}

int pw_sheet_cell_too_long(const char *s, size_t len)
{
	size_t chars = 0, i;

	if (len <= PW_SHEET_MAX_CELL_CHARS)
		return 0;
	for (i = 0; i < len; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return chars > PW_SHEET_MAX_CELL_CHARS;
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
