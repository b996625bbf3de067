/*
 * table_cells.c - tables written one cell per line, as Word and
 * LibreOffice save a table as plain text (and some PDF-to-text tools
 * write it): the header's cells on lines of their own (指标名称 / 2020年
 * 基数 / 2025年目标 / 属性, in any order), then each row's cells, one per
 * line, in groups of as many.  Such a run of lines is rejoined here into
 * tab-separated rows, so that the table reader (table.c) reads it like
 * any other table; everything else is left as it is.
 *
 * Only what is certain is joined: a header whose lines are all header
 * words and that reads as an indicator-table header; then rows whose
 * serial-number and attribute cells (1 / 预期性) fall where the header
 * puts them, or category lines (一、经济发展) between them.  Where the
 * attribute is the last column, a row is the cells up to its attribute
 * (merged cells make rows one or two cells longer or shorter, and leave
 * blank lines for the cells they cover); else rows are groups of as many
 * cells as the header.  Where the cells stop fitting, a warning says
 * rows were lost; a numbered list, or cells that never fit, stay as they
 * are (ingest.c warns about a table title with no table).
 */
#include "ingest/table_int.h"
#include "ingest/scan.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>

#define MAX_CELLS 16 /* header cells looked at */

/* A line that may be one cell: text without tabs or column gaps (two
 * blanks, U+3000), or a blank line (an empty cell). */
static bool cell_line(const char *s)
{
	const char *t = s + pw_utf8_blanks(s);

	if (!*t)
		return true;
	return !strchr(s, '\t') && !strstr(t, "  ") && !strstr(t, "\xe3\x80\x80") && *t != '|';
}

/* A line holding one header word: 序号, 指标名称, 2020年基数, 属性... */
static bool header_cell(const char *s)
{
	s += pw_utf8_blanks(s);
	if (pw_utf8_starts(s, "表") || pw_utf8_starts(s, "附表") || pw_utf8_starts(s, "专栏"))
		return false; /* the table's title: 表1 主要指标 */
	return *s && cell_line(s) && pw_scan_width(s, strlen(s)) <= 16 &&
	       !pw_table_cat_number(s) && (pw_table_role_word(s) || pw_table_year(s));
}

/* Lines [i, i + n) of d joined by tabs into sb (reset first), with an
 * empty first cell when lead. */
static void join_lines(const struct pw_doc *d, size_t i, size_t n, bool lead, struct strbuf *sb)
{
	size_t k;

	sb_reset(sb);
	if (lead)
		sb_addch(sb, '\t');
	for (k = 0; k < n; k++) {
		const char *s = d->lines[i + k].s;
		size_t b = pw_utf8_blanks(s), e = pw_utf8_rtrim(s, strlen(s));

		if (k)
			sb_addch(sb, '\t');
		if (e > b) /* a line of blanks is an empty cell */
			sb_add(sb, s + b, e - b);
	}
}

/* The header at line i: how many lines (0 if none); h gets its roles
 * (caller releases when > 0). */
static size_t header_at(const struct pw_doc *d, size_t i, struct pw_theader *h)
{
	struct strbuf sb = STRBUF_INIT;
	struct pw_trow r;
	size_t n = 0;
	bool ok;

	while (i + n < d->nlines && n < MAX_CELLS && header_cell(d->lines[i + n].s))
		n++;
	if (n < 3)
		return 0;
	join_lines(d, i, n, false, &sb);
	pw_table_split(&r, sb.buf, false);
	ok = pw_table_header(&r, 0, h);
	pw_table_row_release(&r);
	sb_release(&sb);
	return ok ? n : 0;
}

/* The table's shape: cells per row, and where its serial number and
 * attribute cells are ((size_t)-1 if it has none). */
struct shape {
	size_t n, no, attr;
	bool by_attr; /* rows end at their attribute cell (the last column) */
};

/* True if lines [k, k + sh->n) are one row of the table: cells all, a
 * serial number (or none: the rest of a merged row) and an attribute (or
 * none: merged) where the header puts them, and one of the two. */
static bool row_group(const struct pw_doc *d, size_t k, const struct shape *sh)
{
	char no[32];
	size_t j;
	bool any = false;

	if (k + sh->n > d->nlines)
		return false;
	for (j = 0; j < sh->n; j++) {
		const char *s = d->lines[k + j].s;

		s += pw_utf8_blanks(s);
		if (!cell_line(s) || pw_utf8_starts(s, "注") || pw_utf8_starts(s, "表"))
			return false;
		if (j == sh->no && *s && !pw_table_serial(s, no, sizeof(no)))
			return false;
		if (j == sh->attr && *s && !strstr(s, "预期") && !strstr(s, "约束"))
			return false;
		any |= (j == sh->no || j == sh->attr) && *s;
	}
	return any;
}

/* A category line between rows: 一、经济发展, alone and short (not a
 * value, 7.5左右, nor a numbered name, 1.国内生产总值). */
static bool category_cell(const char *s)
{
	size_t k;

	s += pw_utf8_blanks(s);
	k = pw_table_cat_number(s);
	return k && !(*s >= '0' && *s <= '9') && (unsigned char)s[k] >= 0x80 && cell_line(s) &&
	       pw_scan_width(s, strlen(s)) <= 24 && !pw_scan_ends_sentence(s, strlen(s));
}

static bool attr_cell(const char *s)
{
	s += pw_utf8_blanks(s);
	return (pw_utf8_starts(s, "预期") || pw_utf8_starts(s, "约束")) &&
	       pw_scan_width(s, strlen(s)) <= 4;
}

static bool blank_line(const struct pw_doc *d, size_t k)
{
	return !d->lines[k].s[pw_utf8_blanks(d->lines[k].s)];
}

/* A row whose cells end at its attribute (预期性 / 约束性, the table's
 * last column), the way a converter writes rows with merged cells: some
 * rows have a cell more (a group: 城镇就业 over two names) or fewer (a
 * name over two columns), and the cells a merge left empty (the rest of
 * a group or category) are blank lines.  From line *k: blank lines before
 * a serial number are passed over (*k moves past them) unless they stand
 * for the columns left of the serial number; the row is *k up to its
 * attribute line, 3 to sh->n + 2 lines (a serial number and a group the
 * header does not count).  Returns its lines, or 0. */
static size_t attr_row(const struct pw_doc *d, size_t *k, const struct shape *sh)
{
	char no[32];
	size_t i = *k, j;

	while (i < d->nlines && blank_line(d, i) && i < *k + sh->n)
		i++;
	if (i == d->nlines || blank_line(d, i))
		return 0;
	/* blanks before the serial number stand for the merged cells left of
	 * it (类别), or are the empty end of the row before */
	if (pw_table_serial(d->lines[i].s + pw_utf8_blanks(d->lines[i].s), no, sizeof(no)) &&
	    (sh->no == (size_t)-1 || i - *k > sh->no))
		*k = i;
	for (j = *k; j < d->nlines && j <= *k + sh->n + 1; j++) {
		const char *s = d->lines[j].s + pw_utf8_blanks(d->lines[j].s);

		if (!cell_line(s) || pw_utf8_starts(s, "注") || pw_utf8_starts(s, "表") ||
		    (j > *k && category_cell(s)) || pw_scan_width(s, strlen(s)) > 80)
			return 0;
		if (attr_cell(s))
			return j + 1 - *k >= 3 ? j + 1 - *k : 0;
	}
	return 0;
}

/* The lines of the row at *k (0 if none there). */
static size_t row_at(const struct pw_doc *d, size_t *k, const struct shape *sh)
{
	if (sh->by_attr)
		return attr_row(d, k, sh);
	return row_group(d, *k, sh) ? sh->n : 0;
}

/* The shape of the rows after a header of h at line i (n lines): rows
 * ending at their attribute when that is the last column; else groups of
 * the header's cells, or one more where the rows start with a serial
 * number the header leaves to its name cell (指标名称 over 序号 and name). */
static bool find_shape(const struct pw_doc *d, size_t i, size_t n, const struct pw_theader *h,
		       struct shape *sh)
{
	size_t k = i + n;
	int lead;

	while (k < d->nlines && category_cell(d->lines[k].s))
		k++;
	sh->attr = pw_table_header_find(h, PW_TR_ATTR);
	sh->by_attr = sh->attr == n - 1;
	if (sh->by_attr) {
		sh->n = n;
		sh->no = pw_table_header_find(h, PW_TR_NO);
		return attr_row(d, &k, sh) != 0;
	}
	for (lead = 0; lead <= 1; lead++) {
		sh->n = n + (size_t)lead;
		sh->no = pw_table_header_find(h, PW_TR_NO);
		sh->attr = pw_table_header_find(h, PW_TR_ATTR);
		if (lead) {
			if (sh->no != (size_t)-1)
				return false;
			sh->no = 0;
			sh->attr += sh->attr != (size_t)-1;
		}
		if ((sh->no != (size_t)-1 || sh->attr != (size_t)-1) && row_group(d, k, sh))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */

static void add_line(struct pw_table_cells *j, const struct pw_doc *d, size_t first, size_t n,
		     char *joined)
{
	ALLOC_GROW(j->doc.lines, j->doc.nlines + 1, j->doc.lines_alloc);
	ALLOC_GROW(j->first, j->doc.nlines + 2, j->first_alloc);
	j->doc.lines[j->doc.nlines].s = joined ? joined : d->lines[first].s;
	j->doc.lines[j->doc.nlines].len = strlen(j->doc.lines[j->doc.nlines].s);
	j->doc.lines[j->doc.nlines].no = d->lines[first].no;
	j->first[j->doc.nlines++] = first;
	j->first[j->doc.nlines] = first + n;
	if (joined) {
		ALLOC_GROW(j->owned, j->nowned + 1, j->owned_alloc);
		j->owned[j->nowned++] = joined;
	}
}

/* After a table rejoined from line i up to line k: warns when the lines
 * after it still look like its cells (a number, then its name...) rather
 * than its notes, a title or prose, as rows were lost. */
static void warn_cut(const struct pw_doc *d, size_t i, size_t k)
{
	char no[32];
	const char *s;

	while (k < d->nlines && blank_line(d, k))
		k++;
	if (k == d->nlines)
		return;
	s = d->lines[k].s + pw_utf8_blanks(d->lines[k].s);
	if (!pw_table_serial(s, no, sizeof(no)) && !attr_cell(s))
		return;
	pw_warning_at(d->name, d->lines[k].no, 1,
		      "table cells one per line from line %d stop fitting its header here "
		      "(merged cells?): rows from here on are not read; read the .docx instead",
		      d->lines[i].no);
}

/* Joins the one-cell-per-line table whose header (n lines, roles h) is at
 * line i; returns the line after it. */
static size_t join_table(struct pw_table_cells *j, const struct pw_doc *d, size_t i, size_t n,
			 const struct shape *sh)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = i + n;

	join_lines(d, i, n, sh->n > n, &sb);
	add_line(j, d, i, n, sb_detach(&sb, NULL));
	for (;;) {
		size_t at = k, rows;

		if (k < d->nlines && category_cell(d->lines[k].s)) {
			add_line(j, d, k++, 1, NULL);
		} else if ((rows = row_at(d, &at, sh)) != 0) {
			for (; k < at; k++)
				add_line(j, d, k, 1, NULL); /* blank lines before a row */
			join_lines(d, k, rows, false, &sb);
			add_line(j, d, k, rows, sb_detach(&sb, NULL));
			k += rows;
		} else {
			break;
		}
	}
	warn_cut(d, i, k);
	sb_release(&sb);
	return k;
}

bool pw_table_join_cells(const struct pw_doc *d, struct pw_table_cells *j)
{
	struct pw_theader h;
	struct shape sh;
	size_t i = 0, n;

	memset(j, 0, sizeof(*j));
	j->doc.name = d->name;
	j->doc.encoding = d->encoding;
	while (i < d->nlines) {
		n = header_at(d, i, &h);
		if (!n) {
			add_line(j, d, i++, 1, NULL);
			continue;
		}
		if (find_shape(d, i, n, &h, &sh))
			i = join_table(j, d, i, n, &sh);
		else /* a run of header words that is no table: passed over whole */
			for (; n > 0; n--)
				add_line(j, d, i++, 1, NULL);
		pw_table_header_release(&h);
	}
	if (j->nowned)
		return true;
	pw_table_cells_release(j);
	return false;
}

void pw_table_cells_release(struct pw_table_cells *j)
{
	size_t k;

	for (k = 0; k < j->nowned; k++)
		free(j->owned[k]);
	free(j->owned);
	free(j->first);
	free(j->doc.lines);
	memset(j, 0, sizeof(*j));
}
