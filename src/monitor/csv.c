/*
 * csv.c - the CSV reader and field writer (csv.h).  The input is at most
 * PW_DOC_MAX_BYTES (text/doc.c refuses more); fields per record and cells
 * per file are capped (sheet.h), and the decoded text, rows and cells are
 * charged to the file's memory budget (util/budget.h) before they are
 * allocated, so that a file of commas or of short lines cannot turn a few
 * MiB into gigabytes of cells.  Blank lines cost nothing: they are
 * skipped before a row is made for them.
 */
#include "monitor/csv.h"
#include "text/doc.h"
#include "util/budget.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>

/* The first characters that make a spreadsheet take a cell for a formula
 * (OWASP, "CSV injection"); \n too, as a quoted CR reads back as \n. */

/* A cell written with the formula guard ('=...) without its apostrophe. */
static void unguard(struct strbuf *cell)
{
	if (cell->len >= 2 && cell->buf[0] == '\'' && strchr(PW_CSV_FORMULA_START, cell->buf[1])) {
		memmove(cell->buf, cell->buf + 1, cell->len);
		sb_setlen(cell, cell->len - 1);
	}
}

struct csv {
	const char *name;
	const char *p, *end;
	long line;
	char delim;
	struct strbuf cell;
	size_t items; /* cells read so far, blank records too (PW_SHEET_MAX_ITEMS) */
	struct pw_budget *budget;
};

static int at_eol(const struct csv *c)
{
	return c->p >= c->end || *c->p == '\r' || *c->p == '\n';
}

/* Consumes the line end (LF, CRLF or CR) at c->p. */
static void skip_eol(struct csv *c)
{
	if (*c->p++ == '\r' && c->p < c->end && *c->p == '\n')
		c->p++;
	c->line++;
}

static void read_plain(struct csv *c)
{
	while (!at_eol(c) && *c->p != c->delim)
		sb_addch(&c->cell, *c->p++);
}

/* A quoted field; the text after the closing quote up to the delimiter is
 * kept too (as spreadsheet programs do). */
static int read_quoted(struct csv *c)
{
	long open = c->line;
	char ch;

	c->p++;
	for (;;) {
		if (c->p >= c->end)
			return pw_error_at(c->name, open, 0,
					   "unterminated quoted field (the closing '\"' is missing)");
		ch = *c->p++;
		if (ch == '"' && c->p < c->end && *c->p == '"') {
			sb_addch(&c->cell, '"');
			c->p++;
		} else if (ch == '"') {
			break;
		} else if (ch == '\r' || ch == '\n') {
			if (ch == '\r' && c->p < c->end && *c->p == '\n')
				c->p++;
			sb_addch(&c->cell, '\n');
			c->line++;
		} else {
			sb_addch(&c->cell, ch);
		}
	}
	read_plain(c);
	return 0;
}

static int blank_row(const struct pw_sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strspn(r->cells[i], " \t") != strlen(r->cells[i]))
			return 0;
	return 1;
}

/* True if the line at c->p holds only blanks (no field, no quote). */
static bool blank_line(const struct csv *c)
{
	const char *p = c->p;

	while (p < c->end && (*p == ' ' || *p == '\t'))
		p++;
	return p >= c->end || *p == '\r' || *p == '\n';
}

/* One record into a new row of sh.  0 or -1. */
static int read_record(struct csv *c, struct pw_sheet *sh)
{
	struct pw_sheet_row *r;
	size_t col = 0;

	if (*c->p == '#' || blank_line(c)) { /* a comment or blank line: no row */
		while (!at_eol(c))
			c->p++;
		if (c->p < c->end)
			skip_eol(c);
		return 0;
	}
	if (pw_sheet_charge_row(c->budget, sh) < 0)
		return -1;
	r = pw_sheet_add_row(sh, c->line);
	for (;;) {
		if (col >= PW_SHEET_MAX_COLS)
			return pw_error_at(c->name, r->line, 0, "a record with more than %d fields",
					   PW_SHEET_MAX_COLS);
		if (++c->items > PW_SHEET_MAX_ITEMS)
			return pw_error_at(c->name, r->line, 0, "more than %zu cells in one file",
					   PW_SHEET_MAX_ITEMS);
		sb_reset(&c->cell);
		if (c->p < c->end && *c->p == '"') {
			if (read_quoted(c) < 0)
				return -1;
		} else {
			read_plain(c);
		}
		unguard(&c->cell);
		if (pw_sheet_cell_too_long(c->cell.buf, c->cell.len))
			return pw_error_at(c->name, r->line, 0,
					   "a field longer than %d characters (more than a spreadsheet cell holds)",
					   PW_SHEET_MAX_CELL_CHARS);
		if (pw_sheet_charge_cell(c->budget, r, col, c->cell.len, 0) < 0)
			return -1;
		pw_sheet_set(r, col++, c->cell.buf, c->cell.len);
		if (at_eol(c))
			break;
		c->p++; /* the delimiter */
	}
	if (c->p < c->end)
		skip_eol(c);
	if (blank_row(r))
		pw_sheet_drop_last(sh);
	return 0;
}

/* The delimiter with most occurrences on the first non-comment line. */
static char guess_delim(const char *p, const char *end)
{
	size_t comma = 0, tab = 0, semi = 0;
	int quoted = 0;

	while (p < end && *p == '#') {
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		while (p < end && (*p == '\n' || *p == '\r'))
			p++;
	}
	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == '\t')
			tab++;
		else if (!quoted && *p == ';')
			semi++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	return semi > comma ? ';' : ',';
}

static int parse_text(struct pw_sheet *sh, const char *text, size_t len, struct pw_budget *b)
{
	struct csv c = { sh->name, text, text + len, 1, ',', STRBUF_INIT, 0, b };
	int rc = 0;

	c.delim = guess_delim(text, c.end);
	while (rc == 0 && c.p < c.end)
		rc = read_record(&c, sh);
	sb_release(&c.cell);
	return rc;
}

static int from_doc(struct pw_sheet *sh, struct pw_doc *d, struct pw_budget *b)
{
	int rc;

	sh->encoding = d->encoding;
	rc = parse_text(sh, d->text, d->text_len, b);
	pw_doc_release(d);
	if (rc < 0) {
		char *name = sh->name;

		sh->name = NULL;
		pw_sheet_release(sh);
		pw_sheet_init(sh, name);
		free(name);
	}
	return rc;
}

int pw_csv_read(struct pw_sheet *sh, const char *path)
{
	struct pw_budget b;
	struct pw_doc d;

	pw_sheet_init(sh, path);
	pw_budget_init(&b, sh->name);
	if (pw_doc_load_text(&d, path, &b) < 0)
		return -1;
	return from_doc(sh, &d, &b);
}

int pw_csv_from_bytes(struct pw_sheet *sh, const char *name, const char *buf, size_t len)
{
	struct pw_budget b;
	struct pw_doc d;

	pw_sheet_init(sh, name);
	pw_budget_init(&b, sh->name);
	if (pw_doc_text_from_bytes(&d, name, buf, len, &b) < 0)
		return -1;
	return from_doc(sh, &d, &b);
}
