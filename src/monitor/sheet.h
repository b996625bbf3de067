/*
 * sheet.h - a grid of text cells read from a data file (CSV or the first
 * worksheet of an .xlsx workbook), with the position of each row in the
 * file so that messages can say "data.csv:7".  The monitoring import
 * (batch.c) reads sheets; csv.c and xlsx_read.c produce them.
 *
 * Ownership: the sheet owns every row and cell; pw_sheet_release() frees
 * them.  Cells are UTF-8, NUL-terminated, never NULL (absent = "").
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

struct pw_sheet_row {
	char **cells;
	size_t n, alloc;
	long line; /* CSV: line where the record starts; xlsx: row number */
};

struct pw_sheet {
	char *name;           /* file name for messages */
	const char *encoding; /* "UTF-8", "GB18030", "xlsx"... (static) */
	struct pw_sheet_row *rows;
	size_t nrows, alloc;
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
/* Cell col of r, or "" when the row is shorter. */
const char *pw_sheet_cell(const struct pw_sheet_row *r, size_t col);

/*
 * Reads a data file by its extension: .xlsx (pw_xlsx_read), otherwise CSV
 * (pw_csv_read).  0, or -1 after reporting "<path>: reason".
 */
int pw_sheet_read(struct pw_sheet *sh, const char *path);

#endif
