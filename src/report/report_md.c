/*
 * report_md.c - the report as Markdown (GitHub-flavoured tables).  Charts
 * are left out: the tables carry the same figures.
 */
#include "report/report.h"

#include <string.h>

/* Cell text with the table's pipe escaped and line breaks flattened. */
static void md_escape(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			sb_addstr(out, "\\|");
		else if (*s == '\n' || *s == '\r')
			sb_addch(out, ' ');
		else
			sb_addch(out, *s);
	}
}

static void md_cell(struct strbuf *out, const struct pw_rcell *c)
{
	bool strong = (c->style == PW_RS_STRONG || c->style == PW_RS_BAD) && *c->text;

	sb_addstr(out, strong ? " **" : " ");
	md_escape(out, c->text);
	sb_addstr(out, strong ? "** |" : " |");
}

static void md_table(struct strbuf *out, const struct pw_rtable *t)
{
	size_t r, c;

	sb_addstr(out, "|");
	for (c = 0; c < t->ncols; c++)
		if (!t->cols[c].sheet_only)
			sb_addf(out, " %s |", t->cols[c].head);
	sb_addstr(out, "\n|");
	for (c = 0; c < t->ncols; c++)
		if (!t->cols[c].sheet_only)
			sb_addstr(out, t->cols[c].numeric ? " ---: |" : " --- |");
	sb_addch(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		sb_addstr(out, "|");
		for (c = 0; c < t->ncols; c++) {
			if (t->cols[c].sheet_only)
				continue;
			if (t->span[r] && c > 0)
				sb_addstr(out, "  |");
			else
				md_cell(out, pw_rtable_cell(t, r, c));
		}
		sb_addch(out, '\n');
	}
	sb_addch(out, '\n');
}

void pw_report_md(const struct pw_rdoc *d, struct strbuf *out)
{
	size_t i;

	sb_addf(out, "# %s\n\n%s\n\n", d->title, d->subtitle);
	for (i = 0; i < d->nblocks; i++) {
		const struct pw_rblock *b = &d->blocks[i];

		switch (b->type) {
		case PW_RB_HEADING:
			sb_addf(out, "%s %s\n\n", b->level <= 1 ? "##" : "###", b->text);
			break;
		case PW_RB_PARA:
			sb_addf(out, "%s\n\n", b->text);
			break;
		case PW_RB_BULLET:
			sb_addf(out, "- %s\n%s", b->text,
				i + 1 < d->nblocks && d->blocks[i + 1].type == PW_RB_BULLET ? "" : "\n");
			break;
		case PW_RB_TABLE:
			md_table(out, b->table);
			break;
		default:
			break;
		}
	}
}
