/*
 * gen.h - a generated province for the assessment benchmark and the bulk
 * assessment test: N five-year plans (2021-2025), each with one indicator
 * table of M rows whose targets cover every kind (level with each
 * comparator, growth of levels and of rates, cumulative sums, changes and
 * compounded rates, annual, external with and without the value set,
 * relation), a few prose targets, and Y years of observations per
 * indicator, some of the last year's still awaiting review and some
 * corrected once.  The approved history is loaded with
 * pw_bulk_load_approved() (one row per value); with `review` every value
 * is entered as `planwatch data import --state approved` enters it (a
 * submitted row, then an approved row, each audited).
 *
 * Everything is derived from the seed: the same options give the same
 * database content.
 */
#ifndef PW_BENCH_GEN_H
#define PW_BENCH_GEN_H

#include "store/store.h"

#include <stdint.h>

struct gen_opts {
	int plans;      /* N */
	int indicators; /* M rows in each plan's table */
	int years;      /* Y years of observations per indicator, ending 2025 */
	int prose;      /* prose targets per plan (observed 2021-2025) */
	uint64_t seed;
	int chunk;      /* plans per transaction */
	int review;     /* every value recorded and approved one by one (else
			 * the approved history is bulk-loaded, store/bulk.h) */
	int quiet;      /* no progress lines on stderr */
};

void gen_opts_init(struct gen_opts *o);

struct gen_stats {
	long plans, indicators, prose, externals;
	long observations; /* values entered (one per indicator or target and year) */
	long approved;     /* of which approved (the others await review) */
	long corrected;    /* of which corrected once (a second version) */
};

/* Generates the province into s (appends: run it on a new database).
 * Returns 0, or -1 after an error was reported. */
int gen_province(struct pw_store *s, const struct gen_opts *o, struct gen_stats *st);

#endif
