/*
 * office_int.h - what the document readers (docx.c, html.c, pdf.c,
 * office.c) share: the grid a table is built in before it is written out
 * as text, the limits every reader keeps, and the helpers that run an
 * outside program (pdftotext, soffice) in a private temporary folder.
 *
 * Each reader turns its format into the plain text the text path already
 * reads: one line per paragraph, heading or table row; table rows as
 * tab-separated cells (the form Word's own "save as text" writes and the
 * table reader reads exactly), merged cells placed where they belong.
 */
#ifndef PW_OFFICE_INT_H
#define PW_OFFICE_INT_H

#include "text/doc.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* Limits on what one document may cost (it comes from outside). */
#define PW_OFFICE_MAX_PART ((size_t)64 << 20)   /* one zip part, uncompressed */
#define PW_OFFICE_MAX_TOTAL ((size_t)128 << 20) /* all parts read, together */
#define PW_OFFICE_MAX_DEPTH 256                 /* XML / HTML element nesting */
#define PW_OFFICE_MAX_CELLS ((size_t)1 << 20)   /* table cells in one document */
#define PW_OFFICE_MAX_SPAN 64                   /* colspan / gridSpan */
#define PW_OFFICE_MAX_ROWSPAN 1024
#define PW_HTML_MAX_BYTES ((size_t)16 << 20)    /* a web page, before parsing */
#define PW_OFFICE_TIMEOUT 180                   /* seconds for soffice / pdftotext */

/* What a slot of the grid holds. */
enum pw_slot_kind {
	PW_SLOT_EMPTY = 0, /* no cell reached it */
	PW_SLOT_OWN,       /* a cell's own text */
	PW_SLOT_LEFT,      /* covered by the cell on its left (colspan) */
	PW_SLOT_UP,        /* covered by the cell above (rowspan, vMerge) */
};

struct pw_slot {
	enum pw_slot_kind kind;
	char *text; /* PW_SLOT_OWN only; paragraphs separated by '\n' */
};

struct pw_grid_row {
	struct pw_slot *slots;
	size_t n, alloc;
	bool header; /* marked as a header row (w:tblHeader, <thead>, all <th>) */
};

/* A table being read: rows of slots, filled left to right; a cell that
 * spans rows reserves its slots below, which later cells skip. */
struct pw_grid {
	struct pw_grid_row *rows;
	size_t nrows, alloc;
	size_t cur;        /* row being filled + 1 (0: none yet) */
	size_t *cells;     /* the document's cell budget, shared by its tables */
};

void pw_grid_init(struct pw_grid *g, size_t *cell_budget);
void pw_grid_release(struct pw_grid *g);
/* Starts the next row. */
void pw_grid_row(struct pw_grid *g, bool header);
/* Leaves skip empty slots (w:gridBefore) in the current row. */
void pw_grid_skip(struct pw_grid *g, size_t skip);
/* Adds a cell to the current row: its text (copied; NULL for a vMerge
 * continuation, which covers the slot as the cell above does), colspan
 * and rowspan (clamped to the limits).  Returns -1 when the document's
 * cell budget is spent (nothing added). */
int pw_grid_cell(struct pw_grid *g, const char *text, size_t colspan, size_t rowspan,
		 bool cont);
/* Writes the table to out as lines (see office_int.h's head): a table of
 * one column (a 专栏 box drawn as a table) as one line per paragraph,
 * others as one tab-separated line per row, rows that repeat the header
 * (a page break in the source) left out. */
void pw_grid_emit(const struct pw_grid *g, struct strbuf *out);

/* Appends text to a line buffer with runs of white space (tabs and line
 * ends too) made one blank, so that a cell or paragraph stays one line. */
void pw_text_squeeze(struct strbuf *sb, const char *s, size_t len);
/* Appends line (trimmed) and a line end to out. */
void pw_text_line(struct strbuf *out, const char *line, size_t len);

/* A private temporary folder (mode 0700) and files in it; removed with
 * everything in it by pw_tmp_release. */
struct pw_tmp {
	char *dir;
};
int pw_tmp_init(struct pw_tmp *t, const char *name);
void pw_tmp_release(struct pw_tmp *t);
/* dir/leaf into sb (reset first). */
void pw_tmp_path(const struct pw_tmp *t, const char *leaf, struct strbuf *sb);
/* Writes len bytes to path; -1 after reporting. */
int pw_write_file(const char *name, const char *path, const char *buf, size_t len);
/* Reads the file at path into out when it is at most max bytes; 0, 1 if
 * it is larger, -1 after reporting. */
int pw_read_file(const char *name, const char *path, size_t max, struct strbuf *out);
/* True if program is an executable on $PATH. */
bool pw_have_program(const char *program);
/* Runs argv[0] (looked up on $PATH) with stdin, stdout and stderr on
 * /dev/null, killing it after timeout seconds.  Returns its exit status,
 * or -1 if it could not run or was killed. */
int pw_run(char *const argv[], int timeout);

/* The readers: bytes of one format in, the text described above out.
 * Each returns 0, or -1 after reporting "<name>: reason"; out then holds
 * nothing useful. */
int pw_docx_text(const char *name, const char *buf, size_t len, struct strbuf *out);
int pw_html_text(const char *name, const char *buf, size_t len, struct strbuf *out);
int pw_pdf_text(const char *name, const char *buf, size_t len, struct strbuf *out);
/* The text pdftotext -layout printed, cleaned (pdf.c): page breaks and
 * trailing blanks removed.  -1 (reported) if it holds no text: a PDF of
 * scanned images. */
int pw_pdf_layout_text(const char *name, const char *txt, size_t len, struct strbuf *out);

#endif
