/*
 * plan_json.h - a struct pw_plan as the JSON of CONTRACT.md
 * ("planwatch extract FILE --json"), plus the outline.
 */
#ifndef PW_PLAN_JSON_H
#define PW_PLAN_JSON_H

#include "model/plan.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* Appends plan p to out as JSON: indented by `indent` spaces per level,
 * or compact when 0; with_source adds the "source" file name (the store
 * leaves it out of its content hash).  The bytes equal jansson's dump of
 * the same values (see text/json_emit.h).  The caller owns out. */
void pw_plan_write_json(const struct pw_plan *p, struct strbuf *out, int indent,
			bool with_source);
/* Prints p as extract --json does, with a final newline.  0 or -1. */
int pw_plan_print_json(FILE *f, const struct pw_plan *p);
/* Prints j and a newline to f in one write (jansson's json_dumpf makes a
 * small write per token, which dominated large outputs).  flags as for
 * json_dumps; JSON_INDENT(1) | JSON_PRESERVE_ORDER is what commands use.
 * Returns 0, or -1 after reporting. */
int pw_json_print(FILE *f, const json_t *j, size_t flags);
#define PW_JSON_OUT (JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* A number as JSON: integers print without ".0"; non-finite become null. */
json_t *pw_json_number(double v);

#endif
