/*
 * sheet.h - a grid of text cells read from a data file (CSV or the first
 * worksheet of an .xlsx workbook), with the position of each row in the
 * file so that messages can say "data.csv:7".  The monitoring import
 * (batch.c) reads sheets; csv.c and xlsx_read.c produce them.
 *
 * Ownership: the sheet owns every row and cell; pw_sheet_release() frees
 * them.  Cells are UTF-8, NUL-terminated, never NULL (absent = "").  A
 * cell is its own copy, or (pw_sheet_share) a string of the sheet's pool,
 * which many cells may name: an xlsx shared string referenced by 60000
 * cells is held once, not 60000 times.
 */
#ifndef PW_SHEET_H
#define PW_SHEET_H

#include <stddef.h>

/* What a reader takes from one file at most (a data file comes from
 * outside): cells of a row, and cells + rows of the whole grid.  A
 * spreadsheet has at most 16384 columns; 4 Mi items is some hundred
 * thousand rows of a fill-in sheet, far more than a year of monitoring. */
#define PW_SHEET_MAX_COLS 16384
#define PW_SHEET_MAX_ITEMS ((size_t)1 << 22)
/* A cell holds at most what a spreadsheet cell can (32767 characters):
 * longer text is no monitoring datum, and each row's cells are copied and
 * quoted in messages downstream, so a 1 MiB string in every row of a
 * workbook would cost its size per row there. */
#define PW_SHEET_MAX_CELL_CHARS 32767

struct pw_sheet_row {
	char **cells;
	size_t n, alloc;
	long line; /* CSV: line where the record starts; xlsx: row number */
	const char *pool, *pool_end; /* the sheet's pool: cells there are not freed */
};

struct pw_sheet {
	char *name;           /* file name for messages */
	const char *encoding; /* "UTF-8", "GB18030", "xlsx"... (static) */
	struct pw_sheet_row *rows;
	size_t nrows, alloc;
	char *pool;           /* strings cells may share, one block (or NULL) */
	size_t pool_len;
};

void pw_sheet_init(struct pw_sheet *sh, const char *name);
void pw_sheet_release(struct pw_sheet *sh);
/* Appends an empty row at `line` and returns it (owned by sh). */
struct pw_sheet_row *pw_sheet_add_row(struct pw_sheet *sh, long line);
/* Removes the last row. */
void pw_sheet_drop_last(struct pw_sheet *sh);
/* Sets cell col of row r to a copy of len bytes of s, growing the row with
 * empty cells as needed. */
void pw_sheet_set(struct pw_sheet_row *r, size_t col, const char *s, size_t len);
/* Takes over pool (len bytes from malloc, NUL-terminated strings) as the
 * strings that cells of the rows added from now on may share.  At most
 * once per sheet, before its first row. */
void pw_sheet_adopt_pool(struct pw_sheet *sh, char *pool, size_t len);
/* Sets cell col of r to s, a string in the sheet's pool: not copied. */
void pw_sheet_share(struct pw_sheet_row *r, size_t col, const char *s);
/* True if len bytes of UTF-8 at s are more than PW_SHEET_MAX_CELL_CHARS
 * characters. */
int pw_sheet_cell_too_long(const char *s, size_t len);
/* Cell col of r, or "" when the row is shorter. */
const char *pw_sheet_cell(const struct pw_sheet_row *r, size_t col);

/*
 * What a reader charges to its budget (util/budget.h) before it adds a row
 * to sh, or sets cell col of r to len bytes (a copy) or to a pooled
 * string (shared): what sheet.c will allocate for it.  0, or -1 after
 * reporting that the file exceeds the memory limit.
 */
struct pw_budget;
int pw_sheet_charge_row(struct pw_budget *b, const struct pw_sheet *sh);
int pw_sheet_charge_cell(struct pw_budget *b, const struct pw_sheet_row *r, size_t col,
			 size_t len, int shared);

/*
 * Reads a data file by its extension: .xlsx (pw_xlsx_read), otherwise CSV
 * (pw_csv_read).  0, or -1 after reporting "<path>: reason".
 */
int pw_sheet_read(struct pw_sheet *sh, const char *path);

#endif
