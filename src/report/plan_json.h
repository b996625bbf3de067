/*
 * plan_json.h - a struct pw_plan as the JSON of CONTRACT.md
 * ("planwatch extract FILE --json"), plus the outline.
 */
#ifndef PW_PLAN_JSON_H
#define PW_PLAN_JSON_H

#include "model/plan.h"

#include <jansson.h>

/* Returns a new reference; the caller json_decref()s it. */
json_t *pw_plan_to_json(const struct pw_plan *p);
json_t *pw_target_to_json(const struct pw_target *t);
/* A number as JSON: integers print without ".0"; non-finite become null. */
json_t *pw_json_number(double v);

#endif
