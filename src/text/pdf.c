/*
 * pdf.c - reads a PDF into the plain text of office_int.h with poppler's
 * pdftotext -layout (Debian's poppler-utils, already installed for the
 * tests), in a process of its own.
 *
 * Why the program and not libpoppler-glib: -layout already places each
 * text run at its column, so a table comes out as space-aligned columns,
 * which the table reader reads by position (the same as a plan someone
 * converted by hand); linking poppler would pull its C++ and GLib stack
 * into every planwatch binary, and a crash or hang on a hostile PDF
 * would take the server with it, where a separate process is killed
 * after a timeout.
 *
 * A PDF whose pages hold no text (scanned images) is refused with a clear
 * error; page breaks become line ends, and a table the next page goes on
 * with under its repeated header stays one table (table_continue).
 */
#include "text/office_int.h"
#include "util/nelem.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Tables: columns recovered from positions                           */

#define MAX_SEGS 64
#define MAX_COLS 32
#define MAX_LINE_COLS 4096 /* positions looked at in a line */

/* A run of text in a line, split from the next by two blanks or more;
 * columns count code points (pdftotext places one per position). */
struct seg {
	size_t col;
	const char *s;
	size_t len;
};

struct pline {
	const char *s;
	size_t len;
	struct seg seg[MAX_SEGS];
	size_t nseg;
	bool page; /* first line of a page: columns are placed per page */
};

static void split_segs(struct pline *l)
{
	size_t i = 0, col = 0, blanks = 0;
	struct seg *cur = NULL;

	l->nseg = 0;
	for (i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->s[i];

		if ((c & 0xC0) == 0x80)
			continue; /* inside a character: same position */
		if (c == ' ') {
			blanks++;
			col++;
			continue;
		}
		if (!cur || blanks >= 2) {
			if (l->nseg == MAX_SEGS)
				break;
			cur = &l->seg[l->nseg++];
			cur->col = col;
			cur->s = l->s + i;
		}
		blanks = 0;
		cur->len = (size_t)(l->s + i - cur->s) + 1;
		while (i + 1 < l->len && ((unsigned char)l->s[i + 1] & 0xC0) == 0x80)
			cur->len++, i++;
		col++;
	}
}

static size_t width(const struct seg *g)
{
	size_t i, w = 0;

	for (i = 0; i < g->len; i++)
		w += ((unsigned char)g->s[i] & 0xC0) != 0x80;
	return w;
}

/* A category line: "一、经济发展" alone at the left. */
static bool category_line(const struct pline *l)
{
	static const char *const nums[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
	size_t k;

	if (l->nseg != 1 || l->seg[0].col > 1 || width(&l->seg[0]) > 24)
		return false;
	for (k = 0; k < NELEM(nums); k++)
		if (l->seg[0].len >= 3 && !memcmp(l->seg[0].s, nums[k], 3))
			return memmem(l->seg[0].s, l->seg[0].len, "、", 3) != NULL;
	return false;
}

/* True if line l may belong to a table under way: cells, a short piece
 * of a wrapped cell, or a category line. */
static bool table_line(const struct pline *l)
{
	if (l->nseg >= 2)
		return true;
	return l->nseg == 1 && (category_line(l) || (l->seg[0].col > 0 && width(&l->seg[0]) <= 16));
}

static bool serial_cell(const struct seg *g);
static bool category_line(const struct pline *l);

/* A line that opens a data row: a serial number in its first run of
 * text, or in its second after a short one (a category column first:
 * "经济发展  1  地区生产总值"). */
static bool numbered(const struct pline *l)
{
	if (l->nseg && l->seg[0].col <= 1 && serial_cell(&l->seg[0]))
		return true;
	return l->nseg >= 3 && serial_cell(&l->seg[1]) && width(&l->seg[0]) <= 6;
}

/* A line that opens a data row or a category. */
static bool row_start(const struct pline *l)
{
	return category_line(l) || numbered(l);
}

/* Column starts of the table in lines [a, b): positions where a column
 * of text begins after a gutter (two blank positions or more) that every
 * data line of three cells or more leaves free.  Header lines are left
 * out: a header cell may span columns (指标名称 over the number and the
 * name). */
static size_t columns(const struct pline *ls, size_t a, size_t b, size_t *start)
{
	unsigned char occ[MAX_LINE_COLS] = { 0 };
	size_t i, j, k, x, n = 0, maxx = 0, gap = 2;

	for (i = a; i < b && !row_start(&ls[i]); i++)
		;
	if (i == b)
		i = a;
	for (; i < b; i++) {
		if (ls[i].nseg < 3)
			continue;
		for (j = 0; j < ls[i].nseg; j++) {
			size_t c = ls[i].seg[j].col, w = width(&ls[i].seg[j]);

			for (k = c; k < c + w && k < MAX_LINE_COLS; k++)
				occ[k] = 1;
			if (c + w > maxx)
				maxx = c + w < MAX_LINE_COLS ? c + w : MAX_LINE_COLS;
		}
	}
	for (x = 0; x < maxx && n < MAX_COLS; x++) {
		if (!occ[x]) {
			gap++;
			continue;
		}
		if (gap >= 2)
			start[n++] = x;
		gap = 0;
	}
	return n;
}

static size_t column_of(const size_t *start, size_t ncols, size_t col)
{
	size_t k = ncols;

	while (k > 1 && start[k - 1] > col)
		k--;
	return k - 1;
}

static bool serial_cell(const struct seg *g)
{
	size_t i;

	for (i = 0; i < g->len; i++)
		if (g->s[i] < '0' || g->s[i] > '9')
			return false;
	return g->len > 0 && g->len <= 3;
}

static bool ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True if the blank at s[i] (0 < i < len - 1) is one pdftotext puts
 * where Latin text meets Chinese, as the font changes there: GDP 比重,
 * 拥有 3 岁.  A number that opens the piece keeps its blank (7 左右, 2020
 * 年: a value and its wording, as the source has them). */
static bool font_blank(const char *s, size_t i)
{
	unsigned char prev = (unsigned char)s[i - 1], next = (unsigned char)s[i + 1];
	size_t k = i;

	if ((ascii_letter(s[i - 1]) && next >= 0xE0) ||
	    (prev >= 0x80 && (ascii_letter(s[i + 1]) || digit(s[i + 1]))))
		return true;
	if (!digit(s[i - 1]) || next < 0xE0)
		return false;
	while (k > 0 && (digit(s[k - 1]) || s[k - 1] == '.'))
		k--;
	if (k > 1 && s[k - 1] == ' ')
		k--; /* 有 3 岁: the blank before the number is one too */
	return k > 0 && (unsigned char)s[k - 1] >= 0x80;
}

/* Appends piece to cell, with a blank between two ASCII words; the
 * blanks of font_blank are left out. */
static void cell_add(struct strbuf *cell, const char *s, size_t len)
{
	size_t i;

	if (cell->len && (unsigned char)cell->buf[cell->len - 1] < 0x80 &&
	    (unsigned char)s[0] < 0x80)
		sb_addch(cell, ' ');
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' && i > 0 && i + 1 < len && font_blank(s, i))
			continue;
		sb_addch(cell, s[i]);
	}
}

static void flush_row(struct strbuf *row, size_t ncols, struct strbuf *out)
{
	size_t k;

	for (k = 0; k < ncols; k++) {
		if (k)
			sb_addch(out, '\t');
		sb_add(out, row[k].buf, row[k].len);
		sb_reset(&row[k]);
	}
	sb_addch(out, '\n');
}

/* A column only some rows use (a group name cut off from the names
 * below it, as 主要污染物排放减少 over 化学需氧量, 二氧化硫...): the other
 * rows' names run over its gutter, so columns() cannot see it.  A data
 * line with two runs of text in one column shows it; the column is split
 * where the second run starts (less two positions: pdftotext places the
 * rows of a merged cell a position apart). */
static size_t split_columns(const struct pline *ls, size_t a, size_t b, size_t *start,
			    size_t ncols)
{
	size_t i, j, k, at;

	for (i = a; i < b && !row_start(&ls[i]); i++)
		;
	for (; i < b && ncols < MAX_COLS; i++) {
		for (j = 1; j < ls[i].nseg; j++) {
			k = column_of(start, ncols, ls[i].seg[j].col);
			if (k != column_of(start, ncols, ls[i].seg[j - 1].col))
				continue;
			at = ls[i].seg[j].col - 2;
			if (at <= start[k] + 2)
				continue;
			memmove(start + k + 2, start + k + 1, (ncols - k - 1) * sizeof(*start));
			start[k + 1] = at;
			ncols++;
			break;
		}
	}
	return ncols;
}

/* How many columns line l has text in. */
static size_t filled_cols(const struct pline *l, const size_t *start, size_t ncols)
{
	size_t j, n = 0, last = (size_t)-1, k;

	for (j = 0; j < l->nseg; j++) {
		k = column_of(start, ncols, l->seg[j].col);
		n += k != last;
		last = k;
	}
	return n;
}

/* A table under rebuilding, kept from one page to the next: the
 * columns of its current page, the row under way, and its header lines
 * (to know them again where the next page repeats them). */
struct tbuild {
	size_t start[MAX_COLS], ncols;
	struct strbuf row[MAX_COLS];
	bool open;
	size_t ha, hn; /* header: lines ls[ha .. ha + hn) */
};

/* Writes lines [a, b) of the table as tab-separated rows: when header is
 * true, the lines before the first numbered row or category are the
 * header (one row, its lines counted in tb->hn); a line with a number in
 * the first column, or text in more than half the columns, starts a row;
 * other lines are the wrapped rest of the row's cells.  The last row is
 * left open in tb (table_end writes it). */
static void emit_rows(const struct pline *ls, size_t a, size_t b, struct tbuild *tb,
		      bool header, struct strbuf *out)
{
	size_t i, j;
	bool numbers;

	/* rows numbered inside their name cell (1.国内生产总值): the header
	 * is the first line and what wraps under it */
	for (i = a; i < b && !row_start(&ls[i]); i++)
		;
	numbers = i < b;
	for (i = a; i < b; i++) {
		const struct pline *l = &ls[i];
		bool cat = category_line(l);
		bool first = numbered(l);
		bool wide = 2 * filled_cols(l, tb->start, tb->ncols) > tb->ncols;

		if (header && (cat || first || (!numbers && i > a && wide))) {
			if (tb->open)
				flush_row(tb->row, tb->ncols, out);
			header = tb->open = false;
			tb->hn = i - a;
		}
		if (!header && (cat || first || wide)) {
			if (tb->open)
				flush_row(tb->row, tb->ncols, out);
			tb->open = true;
		}
		tb->open |= header;
		for (j = 0; j < l->nseg; j++)
			cell_add(&tb->row[column_of(tb->start, tb->ncols, l->seg[j].col)],
				 l->seg[j].s, l->seg[j].len);
		if (cat) {
			flush_row(tb->row, tb->ncols, out);
			tb->open = false;
		}
	}
	if (header)
		tb->hn = b - a;
}

/* Sets tb's columns to those of lines [a, b) (one page's part). */
static void page_columns(const struct pline *ls, size_t a, size_t b, struct tbuild *tb)
{
	tb->ncols = split_columns(ls, a, b, tb->start, columns(ls, a, b, tb->start));
}

/* Starts the table in lines [a, b). */
static void table_begin(const struct pline *ls, size_t a, size_t b, struct tbuild *tb,
			struct strbuf *out)
{
	tb->open = false;
	tb->ha = a;
	page_columns(ls, a, b, tb);
	emit_rows(ls, a, b, tb, true, out);
}

static void table_end(struct tbuild *tb, struct strbuf *out)
{
	if (tb->open)
		flush_row(tb->row, tb->ncols, out);
	tb->open = false;
}

/* True if lines x and y hold the same runs of text (at any position). */
static bool same_runs(const struct pline *x, const struct pline *y)
{
	size_t j;

	if (x->nseg != y->nseg || !x->nseg)
		return false;
	for (j = 0; j < x->nseg; j++)
		if (x->seg[j].len != y->seg[j].len || memcmp(x->seg[j].s, y->seg[j].s, x->seg[j].len))
			return false;
	return true;
}

/* True if lines k.. repeat the header of tb's table. */
static bool repeats_header(const struct pline *ls, size_t n, const struct tbuild *tb, size_t k)
{
	size_t m;

	if (!tb->hn || k + tb->hn > n)
		return false;
	for (m = 0; m < tb->hn; m++)
		if (!same_runs(&ls[tb->ha + m], &ls[k + m]))
			return false;
	return true;
}

/* After a table's part ending at line j: the line where the next page
 * repeats the table's header, if it does with only blank lines or short
 * ones (page numbers, running heads) between; else 0. */
static size_t continued_at(const struct pline *ls, size_t n, size_t j, const struct tbuild *tb)
{
	size_t k;
	bool page = false;

	for (k = j; k < n && k < j + 6; k++) {
		page |= ls[k].page;
		if (page && repeats_header(ls, n, tb, k))
			return k;
		if (ls[k].nseg > 1 || (ls[k].nseg == 1 && width(&ls[k].seg[0]) > 20))
			return 0;
	}
	return 0;
}

/* Position col of the page starting at line a (whose first lines repeat
 * the header) moved to the table's previous page: by the header run
 * nearest to it, which both pages hold. */
static size_t previous_page_col(const struct pline *ls, size_t a, const struct tbuild *tb,
				size_t col)
{
	size_t m, j, best = (size_t)-1, from = col, to = col, d;

	for (m = 0; m < tb->hn; m++)
		for (j = 0; j < ls[a + m].nseg; j++) {
			size_t c = ls[a + m].seg[j].col;

			d = c > col ? c - col : col - c;
			if (d < best) {
				best = d;
				from = c;
				to = ls[tb->ha + m].seg[j].col;
			}
		}
	return col + to >= from ? col + to - from : 0;
}

/* Goes on with tb's table in lines [a, b), a new page that opens with
 * the repeated header: the header is dropped, and the lines under it
 * before the first new row are the rest of the row the page end cut
 * (按市定目 / 标执行), which joins it. */
static void table_continue(const struct pline *ls, size_t a, size_t b, struct tbuild *tb,
			   struct strbuf *out)
{
	struct tbuild next = { .ncols = 0 };
	size_t i = a + tb->hn, j, col;

	page_columns(ls, a, b, &next);
	for (; i < b && !row_start(&ls[i]) &&
	       2 * filled_cols(&ls[i], next.start, next.ncols) <= next.ncols; i++)
		for (j = 0; j < ls[i].nseg && tb->open; j++) {
			col = previous_page_col(ls, a, tb, ls[i].seg[j].col);
			cell_add(&tb->row[column_of(tb->start, tb->ncols, col)], ls[i].seg[j].s,
				 ls[i].seg[j].len);
		}
	table_end(tb, out);
	memcpy(tb->start, next.start, sizeof(tb->start));
	tb->ncols = next.ncols;
	emit_rows(ls, i, b, tb, false, out);
}

/* Rewrites the tables in lines ls[0..n) (see emit_rows); other lines
 * go to out as they are.  A table's part on each page is placed by that
 * page's columns. */
static void rebuild_tables(struct pline *ls, size_t n, struct strbuf *out)
{
	struct tbuild tb;
	size_t i = 0, j, k, full;
	bool cont = false;

	for (k = 0; k < MAX_COLS; k++)
		sb_init(&tb.row[k], 0);
	while (i < n) {
		if (ls[i].nseg < 3 && !cont) {
			sb_add(out, ls[i].s, ls[i].len);
			sb_addch(out, '\n');
			i++;
			continue;
		}
		for (j = i, full = 0; j < n && table_line(&ls[j]) && (j == i || !ls[j].page); j++)
			full += ls[j].nseg >= 3;
		if (full < 3 && !cont) {
			for (; i < j; i++) {
				sb_add(out, ls[i].s, ls[i].len);
				sb_addch(out, '\n');
			}
			continue;
		}
		if (cont)
			table_continue(ls, i, j, &tb, out);
		else
			table_begin(ls, i, j, &tb, out);
		k = continued_at(ls, n, j, &tb);
		cont = k != 0;
		if (!cont)
			table_end(&tb, out);
		for (i = j; i < k; i++) {
			sb_add(out, ls[i].s, ls[i].len);
			sb_addch(out, '\n');
		}
		i = j > k ? j : k;
	}
	for (k = 0; k < MAX_COLS; k++)
		sb_release(&tb.row[k]);
}

int pw_pdf_layout_text(const char *name, const char *txt, size_t len, struct strbuf *out)
{
	const char *s = txt, *end = txt + len, *e;
	struct pline *ls = NULL;
	size_t chars = 0, n, i, nls = 0, alloc = 0;

	sb_reset(out);
	while (s < end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		n = (size_t)(e - s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\f'))
			n--;
		ALLOC_GROW(ls, nls + 1, alloc);
		ls[nls].page = s < e && *s == '\f';
		for (; n && *s == '\f'; s++, n--)
			; /* a page break: the next page starts a line */
		for (i = 0; i < n; i++)
			chars += s[i] != ' ' && s[i] != '\f' && s[i] != '\t';
		ls[nls].s = s;
		ls[nls].len = n;
		split_segs(&ls[nls++]);
		s = e + 1;
	}
	if (!chars) {
		free(ls);
		return pw_error("%s: the PDF has no text layer (scanned pages?): run OCR on it, "
				"or get the document as Word or text",
				name);
	}
	rebuild_tables(ls, nls, out);
	free(ls);
	/* form feeds and tabs pdftotext left inside lines */
	for (n = 0; n < out->len; n++)
		if (out->buf[n] == '\f')
			out->buf[n] = ' ';
	return 0;
}

int pw_pdf_text(const char *name, const char *buf, size_t len, struct strbuf *out)
{
	struct strbuf in = STRBUF_INIT, txt = STRBUF_INIT, raw = STRBUF_INIT;
	struct pw_tmp t;
	int rc;

	if (!pw_have_program("pdftotext"))
		return pw_error("%s: reading PDF needs pdftotext, which is not installed "
				"(apt-get install poppler-utils)",
				name);
	if (pw_tmp_init(&t, name) < 0)
		return -1;
	pw_tmp_path(&t, "in.pdf", &in);
	pw_tmp_path(&t, "out.txt", &txt);
	rc = pw_write_file(name, in.buf, buf, len);
	if (rc == 0) {
		char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-q",
				 in.buf, txt.buf, NULL };

		if (pw_run(argv, PW_OFFICE_TIMEOUT) != 0)
			rc = pw_error("%s: pdftotext cannot read this PDF (damaged or encrypted?)",
				      name);
	}
	if (rc == 0 && (rc = pw_read_file(name, txt.buf, PW_DOC_MAX_BYTES, &raw)) == 1)
		rc = pw_error("%s: the PDF's text is too large (over %zu MB)", name,
			      PW_DOC_MAX_BYTES >> 20);
	if (rc == 0)
		rc = pw_pdf_layout_text(name, raw.buf, raw.len, out);
	sb_release(&in);
	sb_release(&txt);
	sb_release(&raw);
	pw_tmp_release(&t);
	return rc;
}
