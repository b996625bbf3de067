/*
 * plan_info_json.h - a stored plan's summary (struct pw_plan_info) as JSON,
 * for "planwatch list --json" and GET /api/plans.
 */
#ifndef PW_PLAN_INFO_JSON_H
#define PW_PLAN_INFO_JSON_H

#include "store/store.h"

#include <jansson.h>

/*
 * {"id", "title", "region", "ordinal", "period": {"start", "end"} | null,
 *  "version", "current_version", "versions", "source", "checksum",
 *  "imported_at", "imported_by", "tables", "indicators", "targets",
 *  "columns", "projects"}.  Returns a new reference; the caller decrefs.
 */
json_t *pw_plan_info_to_json(const struct pw_plan_info *in);

#endif
