/*
 * report_csv.c - the completion table as CSV for spreadsheets and open
 * data: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF
 * line ends and RFC 4180 quoting.  One row per indicator with every
 * column, the working ones included; numbers are written as plain numbers
 * (the estimate flag and data year have their own columns), and the
 * category rows of the printed table are left out (领域 is a column).
 * Text cells go through pw_csv_field(), the one CSV writer, which also
 * guards them against spreadsheet formulas (a leading apostrophe).
 */
#include "report/report.h"
#include "text/csv_field.h"

static void csv_row_end(struct strbuf *out)
{
	sb_addstr(out, "\r\n");
}

static void csv_cell(struct strbuf *out, const struct pw_rcell *c)
{
	struct strbuf num = STRBUF_INIT;

	if (c->has_num) {
		pw_report_num(&num, c->num, NULL);
		sb_addstr(out, num.buf);
	} else {
		pw_csv_field(out, c->text);
	}
	sb_release(&num);
}

static void csv_table(struct strbuf *out, const struct pw_rtable *t)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_addch(out, ',');
		pw_csv_field(out, t->cols[c].head);
	}
	csv_row_end(out);
	for (r = 0; r < t->nrows; r++) {
		if (t->span[r])
			continue;
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_addch(out, ',');
			csv_cell(out, pw_rtable_cell(t, r, c));
		}
		csv_row_end(out);
	}
}

void pw_report_csv(const struct pw_rdoc *d, struct strbuf *out)
{
	sb_addstr(out, "\xEF\xBB\xBF");
	if (d->main_table < d->nblocks && d->blocks[d->main_table].table)
		csv_table(out, d->blocks[d->main_table].table);
}
