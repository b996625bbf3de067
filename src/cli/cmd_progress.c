/*
 * cmd_progress.c - "planwatch progress list [--project ID] [--history]
 * [--json]" and "progress submit|approve|return ID [--note TEXT]": the
 * progress of 专栏 projects (recorded with "planwatch record --project")
 * and its review, the same cycle as observations (docs/monitoring.md).
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

#define USAGE "progress list [--project ID] [--history] [--json] | " \
	      "progress submit|approve|return ID [--note TEXT] [--by NAME]"

static json_t *num_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *row_json(const void *row)
{
	const struct pw_progress_row *r = row;

	return json_pack("{s:I, s:I, s:s?, s:i, s:s, s:o, s:o, s:s?, s:s?, s:s?, s:s, s:i, "
			 "s:s?, s:s?, s:o, s:b}",
			 "id", (json_int_t)r->id, "project_id", (json_int_t)r->item_id, "title",
			 r->title, "year", r->year, "status", r->status ? r->status : "", "percent",
			 num_or_null(r->has_percent, r->percent), "investment",
			 num_or_null(r->has_investment, r->investment), "note", r->note, "source",
			 r->source, "review_note", r->review_note, "state",
			 pw_obs_state_name(r->state), "version", r->version, "entered_by",
			 r->entered_by, "entered_at", r->entered_at, "supersedes",
			 r->supersedes ? json_integer(r->supersedes) : json_null(), "current",
			 r->current);
}

static void print_row(const void *row)
{
	const struct pw_progress_row *r = row;
	const char *status = r->status ? pw_cli_word(r->status, pw_progress_status_label(r->status))
				       : "";
	const char *state = pw_cli_word(pw_obs_state_name(r->state), pw_obs_state_label(r->state));
	char pct[16] = "";

	if (r->has_percent)
		snprintf(pct, sizeof(pct), "%.4g%%", r->percent);
	printf("%6lld  %-7lld %4d  %-*s %-6s %-*s v%d%s  %s  %s%s%s\n", (long long)r->id,
	       (long long)r->item_id, r->year, pw_utf8_pad(status, 12), status, pct,
	       pw_utf8_pad(state, 9), state, r->version, r->current ? "" : " (old)",
	       r->entered_by ? r->entered_by : "", r->title ? r->title : "",
	       r->review_note ? "  -- " : "", r->review_note ? r->review_note : "");
}

static int64_t row_id(const void *row)
{
	return ((const struct pw_progress_row *)row)->id;
}

static const struct pw_cli_listing listing = {
	"    id  project year  status       done   state     ver   by  project title",
	"project progress", sizeof(struct pw_progress_row), print_row, row_json, row_id,
};

static int progress_list(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "project", required_argument, NULL, 'p' }, { "history", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 },
	};
	struct pw_progress_row *rows;
	int64_t item = 0;
	size_t n;
	int c, history = 0, json = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && (item = pw_cli_id(optarg)) > 0)
			continue;
		if (c == 'h')
			history = 1;
		else if (c == 'j')
			json = 1;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc)
		return pw_cli_usage(USAGE);
	rc = pw_store_progress_list(ctx->store, item, history, &rows, &n);
	if (rc < 0)
		return pw_cli_exit(rc);
	rc = pw_cli_print_rows(&listing, rows, n, json);
	pw_progress_row_free_array(rows, n);
	return rc < 0 ? PW_EXIT_FAIL : PW_EXIT_OK;
}

int cmd_progress(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return progress_list(argc - 1, argv + 1, ctx);
	return pw_cli_review(argc - 1, argv + 1, ctx, USAGE, N_("project progress"),
			     pw_store_progress_transition);
}
