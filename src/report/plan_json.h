/*
 * plan_json.h - a struct pw_plan as the JSON of CONTRACT.md
 * ("planwatch extract FILE --json"), plus the outline.
 */
#ifndef PW_PLAN_JSON_H
#define PW_PLAN_JSON_H

#include "model/plan.h"

#include <jansson.h>
#include <stdio.h>

/* Returns a new reference; the caller json_decref()s it. */
json_t *pw_plan_to_json(const struct pw_plan *p);
json_t *pw_target_to_json(const struct pw_target *t);
/* Prints j and a newline to f in one write (jansson's json_dumpf makes a
 * small write per token, which dominated large outputs).  flags as for
 * json_dumps; JSON_INDENT(1) | JSON_PRESERVE_ORDER is what commands use.
 * Returns 0, or -1 after reporting. */
int pw_json_print(FILE *f, const json_t *j, size_t flags);
#define PW_JSON_OUT (JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* A number as JSON: integers print without ".0"; non-finite become null. */
json_t *pw_json_number(double v);

#endif
