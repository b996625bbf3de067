/*
 * bulk.h - loading many checked values at once (store/bulk_load.c).  The
 * whole-database evaluation that used to share this header is
 * eval/gather.h.
 *
 * Conventions are those of store.h: 0, or -1 after pw_error().
 */
#ifndef PW_STORE_BULK_H
#define PW_STORE_BULK_H

#include "store/monitor.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ */
/* Loading checked figures (store/bulk_load.c)                        */

/* One approved value to load.  unit is borrowed. */
struct pw_bulk_value {
	enum pw_entity entity; /* INDICATOR or TARGET */
	int64_t id;            /* of the row in any version of its plan */
	int year;
	double value;
	bool estimated; /* 预计 */
	const char *unit;
};

/*
 * Loads figures the planning office has already checked (a statistical
 * yearbook's back series, a province's history) as approved values, in
 * one transaction: on error nothing is written (inside a caller's
 * pw_store_begin() the load joins it and the caller rolls back).
 *  - A value for an indicator or target that has no observation yet (in
 *    any version of its plan) is stored as ONE row: state approved,
 *    version 1, entered_by `who`, source `source`.  One audit row
 *    "observation.bulk_load" records who loaded how many such rows, the
 *    first and last of their ids, and the source.
 *  - A value for an indicator or target that has observations already
 *    (or a second value for the same year in this load) goes the
 *    ordinary way: pw_store_obs_record() submitted, then
 *    pw_store_obs_transition() approved, each row audited, so chains
 *    and corrections follow docs/monitoring.md.
 * Units and years are the caller's to validate (monitor/batch.c).
 * *nrows (may be NULL) receives the number of rows written.
 */
int pw_bulk_load_approved(struct pw_store *s, const struct pw_bulk_value *v, size_t n,
			  const char *who, const char *source, size_t *nrows);

#endif
