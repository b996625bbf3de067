/*
 * cmd_data.c - "planwatch data import FILE.csv|FILE.xlsx": a batch of
 * observations (a completed fill-in template, or any sheet with the
 * documented headings), validated as a whole and written in one
 * transaction, or rejected with file, row and reason and nothing written.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "monitor/batch.h"
#include "store/monitor.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define USAGE "data import FILE.csv|FILE.xlsx [--plan ID] [--by NAME] " \
	      "[--state draft|submitted|approved] [--source TEXT] [--dry-run]"

static int parse_state(const char *s, enum pw_obs_state *st)
{
	int v = pw_obs_state_from_name(s);

	if (v < 0 || v == PW_OBS_RETURNED)
		return pw_error("--state is draft, submitted or approved, not '%s'", s);
	*st = (enum pw_obs_state)v;
	return 0;
}

/* The line on the sheet's 专栏 project section, when it has one. */
static void project_summary(const struct pw_batch *b, int dry)
{
	size_t n = dry ? b->nprogress - b->nprogress_unchanged : b->nprogress_written;

	if (!b->nprogress)
		return;
	printf(_("%s: %zu project progress report%s %s"), b->file, n, n == 1 ? "" : "s",
	       dry ? _("valid (dry run, nothing written)") : _("imported"));
	if (b->nprogress_unchanged)
		printf(_(", %zu unchanged (not written again)"), b->nprogress_unchanged);
	putchar('\n');
}

static void summary(const struct pw_batch *b, size_t written, int dry,
		    enum pw_obs_state state)
{
	size_t n = dry ? b->nrows - b->nunchanged : written;

	printf(_("%s: %zu value%s %s"), b->file, n, n == 1 ? "" : "s",
	       dry ? _("valid (dry run, nothing written)") : _("imported"));
	if (b->nunchanged)
		printf(_(", %zu unchanged (not written again)"), b->nunchanged);
	if (b->nwarnings)
		printf(_(", %zu warning%s"), b->nwarnings, b->nwarnings == 1 ? "" : "s");
	if (b->nskipped)
		printf(_(", %zu row%s without a value skipped"), b->nskipped,
		       b->nskipped == 1 ? "" : "s");
	putchar('\n');
	project_summary(b, dry);
	if (dry || !n || !b->batch)
		return;
	if (state == PW_OBS_APPROVED)
		printf(_("batch %lld: approved\n"), (long long)b->batch);
	else
		printf(_("batch %lld: %zu new values await approval and do not count until "
			 "then (planwatch obs approve --all --batch %lld)\n"),
		       (long long)b->batch, n, (long long)b->batch);
}

static int import_file(struct pw_ctx *ctx, const char *path, const struct pw_batch_opts *o,
		       int dry)
{
	struct pw_sheet sh;
	struct pw_batch b;
	size_t written = 0;
	int rc;

	if (pw_sheet_read(&sh, path) < 0) {
		pw_sheet_release(&sh);
		return PW_EXIT_INPUT;
	}
	pw_batch_init(&b, path);
	rc = pw_batch_import_sheet(ctx->store, &b, &sh, o, dry, &written);
	pw_sheet_release(&sh);
	pw_batch_print(&b, stderr);
	if (rc == 0 && b.nerrors) {
		pw_error("%s: %zu error%s: nothing imported", path, b.nerrors,
			 b.nerrors == 1 ? "" : "s");
		rc = 1;
	}
	if (rc == 0)
		summary(&b, written, dry, o->state);
	pw_batch_release(&b);
	return rc == 1 ? PW_ERR_INPUT : pw_err_of(rc, PW_ERR_DB);
}

static int data_import(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' }, { "by", required_argument, NULL, 'b' },
		{ "state", required_argument, NULL, 's' }, { "source", required_argument, NULL, 'S' },
		{ "dry-run", no_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	struct pw_batch_opts o = { .state = PW_OBS_SUBMITTED };
	const char *by = NULL;
	int64_t unit_id;
	int c, dry = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && pw_cli_plan(optarg, &o.plan_id) == 0)
			continue;
		if (c == 'b')
			by = optarg;
		else if (c == 's' && parse_state(optarg, &o.state) == 0)
			continue;
		else if (c == 'S')
			o.source = optarg;
		else if (c == 'n')
			dry = 1;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc - 1)
		return pw_cli_usage(USAGE);
	o.by = pw_cli_actor(by);
	/* --by a unit: the sheet is that unit's, and only its rows are taken */
	if (by && pw_store_unit_find_quiet(ctx->store, by, &unit_id) == 0)
		o.unit = by;
	return import_file(ctx, argv[optind], &o, dry);
}

int cmd_data(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return data_import(argc - 1, argv + 1, ctx);
	return pw_cli_usage(USAGE);
}
