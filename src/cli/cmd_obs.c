/*
 * cmd_obs.c - "planwatch obs list [--indicator ID | --target ID]
 * [--history] [--json]" and "obs submit|approve|return ID [--note TEXT]":
 * the observations and their review (draft -> submitted -> approved or
 * returned; docs/monitoring.md).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "text/utf8.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define USAGE "obs list [--indicator ID | --target ID] [--history] [--json] | " \
	      "obs submit|approve|return ID [--note TEXT] [--by NAME]"

static json_t *row_json(const void *row)
{
	const struct pw_obs_row *r = row;

	return json_pack("{s:I, s:s, s:I, s:s?, s:i, s:o, s:b, s:s?, s:s?, s:s?, s:s?, s:s, "
			 "s:i, s:s?, s:s?, s:o, s:b}",
			 "id", (json_int_t)r->id, "entity", pw_entity_name(r->entity),
			 r->entity == PW_ENTITY_INDICATOR ? "indicator_id" : "target_id",
			 (json_int_t)r->ref_id, "name", r->name, "year", r->year, "value",
			 r->has_value ? json_real(r->value) : json_null(), "estimated", r->estimated,
			 "unit", r->unit, "source", r->source, "note", r->note, "review_note",
			 r->review_note, "state", pw_obs_state_name(r->state), "version", r->version,
			 "entered_by", r->entered_by, "entered_at", r->entered_at, "supersedes",
			 r->supersedes ? json_integer(r->supersedes) : json_null(), "current",
			 r->current);
}

static void print_row(const void *row)
{
	const struct pw_obs_row *r = row;
	const char *unit = r->unit ? r->unit : "";
	const char *about = pw_cli_word(pw_entity_name(r->entity), pw_entity_label(r->entity));
	const char *state = pw_cli_word(pw_obs_state_name(r->state), pw_obs_state_label(r->state));

	printf("%6lld  %-*s %-6lld %4d  %12.6g %-*s %-*s v%d%s  %s  %s%s%s\n", (long long)r->id,
	       pw_utf8_pad(about, 9), about, (long long)r->ref_id, r->year, r->value,
	       pw_utf8_pad(unit, 6), unit, pw_utf8_pad(state, 9), state, r->version,
	       r->current ? "" : " (old)", r->entered_by ? r->entered_by : "",
	       r->name ? r->name : "", r->review_note ? "  -- " : "",
	       r->review_note ? r->review_note : "");
}

static int64_t row_id(const void *row)
{
	return ((const struct pw_obs_row *)row)->id;
}

static const struct pw_cli_listing listing = {
	"    id  about     ref    year         value unit   state     ver   by  name",
	"observation", sizeof(struct pw_obs_row), print_row, row_json, row_id,
};

static int obs_list(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' }, { "target", required_argument, NULL, 't' },
		{ "history", no_argument, NULL, 'h' }, { "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_cli_ref ref = { PW_ENTITY_INDICATOR, 0 };
	struct pw_obs_row *rows;
	size_t n;
	int c, history = 0, json = 0, rc = 0;

	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((rc = pw_cli_ref_option(ctx->store, &ref, c, optarg)) != 1)
			continue;
		rc = 0;
		if (c == 'h')
			history = 1;
		else if (c == 'j')
			json = 1;
		else
			rc = -1;
	}
	if (rc < 0)
		return pw_cli_ref_exit(&ref, USAGE);
	if (optind != argc)
		return pw_cli_usage(USAGE);
	rc = pw_store_obs_list(ctx->store, ref.entity, ref.id, history, &rows, &n);
	if (rc < 0)
		return pw_cli_exit(rc);
	rc = pw_cli_print_rows(&listing, rows, n, json);
	pw_obs_row_free_array(rows, n);
	return rc < 0 ? PW_EXIT_FAIL : PW_EXIT_OK;
}

int cmd_obs(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return obs_list(argc - 1, argv + 1, ctx);
	return pw_cli_review(argc - 1, argv + 1, ctx, USAGE, N_("observation"),
			     pw_store_obs_transition);
}
