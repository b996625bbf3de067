/*
 * annual.h - annual documents in the store (schema step 8): a work report
 * or annual plan report imported against a five-year plan, the targets it
 * sets for its year, and their links to the plan's indicators and prose
 * targets (docs/annual.md).  Conventions of store.h: 0, -1 after
 * pw_error(), PW_STORE_NOTFOUND after reporting an unknown id; every write
 * is one transaction (a savepoint inside the caller's).
 */
#ifndef PW_STORE_ANNUAL_H
#define PW_STORE_ANNUAL_H

#include "model/annual.h"
#include "store/monitor.h"

/* What an import of an annual document did. */
struct pw_annual_import {
	int64_t doc_id;
	int changed;       /* 0: the same text was imported for this plan before */
	size_t ntargets;   /* targets of the year stored */
	size_t nother;     /* targets of other years left out (到2025年...) */
	size_t nlinked, nambiguous, nunlinked; /* links made by the import */
};

/*
 * Stores annual document p (p->doc_kind PW_DOC_ANNUAL, p->year set)
 * against plan plan_id: its prose targets of p->year (or with no year),
 * each linked to its candidates in the plan's current version
 * (pw_annual_candidates(): one is 'matched', several are 'ambiguous', none
 * 'none').  p->checksum must be set.  One transaction; audit row.
 */
int pw_store_import_annual(struct pw_store *s, const struct pw_plan *p, int plan_id,
			   const char *who, struct pw_annual_import *out);

/* A link as stored. */
struct pw_annual_link {
	enum pw_link_status status;
	enum pw_entity entity; /* INDICATOR or TARGET; unused for 'none' */
	int64_t ref;           /* indicators.id or targets.id, 0 for 'none' */
};

/* An annual target with its document and links.  Owned strings. */
struct pw_annual_target {
	int64_t id, doc_id;
	int year;
	struct pw_prose_target t; /* subject, unit, line, kind, cmp, value, text */
	char *doc_title, *source;
	struct pw_annual_link *links;
	size_t nlinks;
};

/* The annual targets of plan plan_id (of year `year`, 0: every year), by
 * year, document and order, with their links.  *out is a new array freed
 * with pw_annual_targets_free() (NULL when *n is 0). */
int pw_store_annual_targets(struct pw_store *s, int plan_id, int year,
			    struct pw_annual_target **out, size_t *n);
void pw_annual_targets_free(struct pw_annual_target *v, size_t n);

/*
 * A person's decision on annual target id: it implements indicator or
 * target `ref` of entity e (which must belong to the document's plan), or
 * nothing (ref 0).  Replaces the target's links by one 'confirmed' (or
 * 'none') row.  One transaction; audit row.  PW_STORE_NOTFOUND after
 * reporting for an unknown annual target; -1 for a ref of another plan.
 */
int pw_store_annual_link(struct pw_store *s, int64_t id, enum pw_entity e, int64_t ref,
			 const char *who);

#endif
