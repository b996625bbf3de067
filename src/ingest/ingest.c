/*
 * ingest.c - runs the extraction stages in order; see ingest.h.
 */
#include "ingest/ingest.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

static void assign_sections(struct pw_plan *p)
{
	size_t i, j;

	for (i = 0; i < p->ntables; i++) {
		struct pw_table *t = &p->tables[i];

		t->section = pw_plan_section_at(p, t->line);
		for (j = 0; j < t->nrows; j++)
			t->rows[j].section = pw_plan_section_at(p, t->rows[j].line);
	}
	for (i = 0; i < p->ntargets; i++)
		p->targets[i].section = pw_plan_section_at(p, p->targets[i].line);
	for (i = 0; i < p->ncolumns; i++)
		p->columns[i].section = pw_plan_section_at(p, p->columns[i].line);
}

/* A plan whose table title ("表1 …主要指标") promises an indicator table
 * that yields none: most often a text copy Word or LibreOffice saved with
 * one table cell per line whose cells the table reader could not group
 * into rows (table_cells.c). */
static void warn_lost_tables(const struct pw_doc *d, const struct pw_plan *p)
{
	size_t i;

	for (i = 0; !p->ntables && i < d->nlines; i++) {
		const char *s = d->lines[i].s;

		s += pw_utf8_blanks(s);
		if (!pw_utf8_starts(s, "表") || !strstr(s, "指标") || d->lines[i].len > 200 ||
		    strchr(s, '\t'))
			continue;
		pw_warning_at(d->name, d->lines[i].no, 1,
			      "no indicator table found under '%s': are its cells one per line "
			      "(a text copy saved by Word or LibreOffice)? read the .docx instead",
			      s);
		return;
	}
}

int pw_ingest_doc(const struct pw_doc *d, struct pw_plan *p)
{
	unsigned char *claimed = xcalloc(d->nlines ? d->nlines : 1, 1);

	p->source = xstrdup(d->name);
	pw_read_meta(d, p);
	/* Tables first: their category rows ("二、资源环境") look like
	 * headings, and the outline skips lines a table claimed. */
	if (pw_read_tables(d, p, claimed) < 0) {
		free(claimed);
		pw_plan_free(p);
		return -1;
	}
	warn_lost_tables(d, p);
	pw_read_outline(d, p, claimed);
	pw_read_columns(d, p, claimed);
	pw_read_prose(d, p, claimed);
	assign_sections(p);
	free(claimed);
	return 0;
}

int pw_ingest_file(const char *path, struct pw_plan *p)
{
	struct pw_doc d;
	int rc;

	if (pw_doc_load(&d, path) < 0)
		return -1;
	rc = pw_ingest_doc(&d, p);
	pw_doc_release(&d);
	return rc;
}
