/*
 * cmd_obs.c - "planwatch obs list [--indicator ID | --target ID]
 * [--unit NAME] [--year Y] [--state S] [--batch N|FILE] [--history]
 * [--json]" and "obs submit|approve|return ID|--all [filters] [--note
 * TEXT]": the observations and their review (draft -> submitted ->
 * approved or returned; docs/monitoring.md), one by one or every value a
 * filter selects in one transaction.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "text/utf8.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdbool.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define USAGE "obs list [--indicator ID | --target ID] [--unit NAME] [--year Y] " \
	      "[--state S] [--batch N|FILE] [--history] [--json] | " \
	      "obs submit|approve|return ID|--all [--unit NAME] [--year Y] " \
	      "[--batch N|FILE] [--note TEXT] [--by NAME]"

/* The filter options both list and --all take; long option codes. */
#define FILTER_OPTS                                                                     \
	{ "unit", required_argument, NULL, 'u' }, { "year", required_argument, NULL, 'y' }, \
	{ "batch", required_argument, NULL, 'B' }, { "state", required_argument, NULL, 's' }

/* Takes filter option c: 0, 1 when c is not one, -1 (reported). */
static int filter_option(struct pw_ctx *ctx, struct pw_obs_filter *f, int c, const char *arg)
{
	int st;

	if (c == 'u') {
		f->unit = arg;
		return 0;
	}
	if (c == 'y')
		return pw_cli_int(arg, "year", PW_YEAR_MIN, PW_YEAR_MAX, &f->year);
	if (c == 'B')
		return pw_store_batch_find(ctx->store, arg, &f->batch) < 0 ? -1 : 0;
	if (c != 's')
		return 1;
	if ((st = pw_obs_state_from_name(arg)) < 0)
		return pw_error("--state is draft, submitted, approved or returned, not '%s'", arg);
	f->state = st + 1;
	return 0;
}

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
		FILTER_OPTS, { NULL, 0, NULL, 0 },
	};
	struct pw_cli_ref ref = { PW_ENTITY_INDICATOR, 0 };
	struct pw_obs_filter f = { 0 };
	struct pw_obs_row *rows;
	size_t n;
	int c, history = 0, json = 0, rc = 0;

	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((rc = pw_cli_ref_option(ctx->store, &ref, c, optarg)) != 1)
			continue;
		if ((rc = filter_option(ctx, &f, c, optarg)) < 0 && c == 'B')
			return pw_cli_exit(rc);
		if (rc != 1)
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
	if (ref.id && (f.unit || f.year || f.batch || f.state))
		return pw_cli_usage(USAGE);
	if (ref.id)
		rc = pw_store_obs_list(ctx->store, ref.entity, ref.id, history, &rows, &n);
	else
		rc = pw_store_obs_select(ctx->store, &f, history, &rows, &n);
	if (rc < 0)
		return pw_cli_exit(rc);
	rc = pw_cli_print_rows(&listing, rows, n, json);
	pw_obs_row_free_array(rows, n);
	return rc < 0 ? PW_EXIT_FAIL : PW_EXIT_OK;
}

/* "obs approve --all [filters]": every value the filters select that is
 * in the state the verb moves from, in one transaction. */
static int obs_review_all(int argc, char **argv, struct pw_ctx *ctx, enum pw_obs_state to)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, FILTER_OPTS, { NULL, 0, NULL, 0 },
	};
	struct pw_obs_filter f = { 0 };
	const char *note = NULL, *by = NULL;
	size_t done;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((rc = filter_option(ctx, &f, c, optarg)) < 0)
			return c == 'B' ? pw_cli_exit(rc) : pw_cli_usage(USAGE);
		if (rc == 0 || c == 'a')
			continue;
		if (c == 'n')
			note = optarg;
		else if (c == 'b')
			by = optarg;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc || f.state)
		return pw_cli_usage(USAGE);
	rc = pw_store_obs_review_all(ctx->store, &f, to, note, pw_cli_actor(by), &done);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf(_("%zu observations: %s\n"), done,
	       pw_cli_word(pw_obs_state_name(to), pw_obs_state_label(to)));
	return PW_EXIT_OK;
}

static bool has_all(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--all"))
			return true;
	return false;
}

int cmd_obs(int argc, char **argv, struct pw_ctx *ctx)
{
	static const char *const verbs[] = { NULL, "submit", "approve", "return" };
	int to;

	if (argc >= 2 && !strcmp(argv[1], "list"))
		return obs_list(argc - 1, argv + 1, ctx);
	for (to = PW_OBS_SUBMITTED; argc >= 2 && has_all(argc, argv) && to <= PW_OBS_RETURNED;
	     to++)
		if (!strcmp(argv[1], verbs[to]))
			return obs_review_all(argc - 1, argv + 1, ctx, (enum pw_obs_state)to);
	return pw_cli_review(argc - 1, argv + 1, ctx, USAGE, N_("observation"),
			     pw_store_obs_transition);
}
