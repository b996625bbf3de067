/*
 * ingest.h - from a plan document to a struct pw_plan.
 *
 * The stages run in order over the cleaned lines of a pw_doc:
 *   meta     title, region, plan ordinal and period      (ingest/meta.c)
 *   tables   indicator tables                            (ingest/table.c)
 *   outline  篇/章/节/一、/（一） headings, except table lines (ingest/outline.c)
 *   columns  专栏 boxes and their numbered items          (ingest/column.c)
 *   prose    quantitative targets in the remaining text  (ingest/prose.c)
 * Each stage claims the lines it consumed in a per-line owner array so
 * that later stages skip them (prose never reads a table row or 专栏 item).
 */
#ifndef PW_INGEST_H
#define PW_INGEST_H

#include "model/plan.h"
#include "text/doc.h"

enum pw_claim {
	PW_CLAIM_NONE = 0,
	PW_CLAIM_HEADING,
	PW_CLAIM_TABLE,
	PW_CLAIM_COLUMN,
};

/* Fills p (initialised by the caller) from d.  A caller that knows the
 * document is annual sets p->doc_kind (and p->year) first: meta then
 * keeps them instead of reading them from the title.  Returns 0, or -1 after
 * reporting an error that names the file and line; p is then freed. */
int pw_ingest_doc(const struct pw_doc *d, struct pw_plan *p);
/* Loads path and ingests it; same contract. */
int pw_ingest_file(const char *path, struct pw_plan *p);

/* The stages; claimed has d->nlines entries, indexed like d->lines. */
void pw_read_meta(const struct pw_doc *d, struct pw_plan *p);
void pw_read_outline(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed);
int pw_read_tables(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed);
void pw_read_columns(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed);
void pw_read_prose(const struct pw_doc *d, struct pw_plan *p, const unsigned char *claimed);

#endif
