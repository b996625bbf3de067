/*
 * cmd_deadline.c - "planwatch deadline --plan ID --year Y": the day the
 * plan's figures for year Y are due (for every unit, or --unit NAME's);
 * with --date YYYY-MM-DD (or --clear) the planning office sets it
 * (store/monitor.h, pw_store_deadline_set()).  Without a setting, 31 March
 * of the next year.  The due list and the reporting status follow it.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define USAGE "deadline --plan ID --year Y [--unit NAME] [--date YYYY-MM-DD | --clear] " \
	      "[--note TEXT] [--by NAME]"

struct deadline_args {
	int plan, year, clear;
	const char *unit, *date, *note, *by;
};

static int parse_args(int argc, char **argv, struct deadline_args *a)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' }, { "year", required_argument, NULL, 'y' },
		{ "unit", required_argument, NULL, 'u' }, { "date", required_argument, NULL, 'd' },
		{ "clear", no_argument, NULL, 'c' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && pw_cli_plan(optarg, &a->plan) < 0)
			return -1;
		if (c == 'y' && !(a->year = pw_cli_year(optarg)))
			return pw_error("year '%s' is not a year", optarg);
		if (c == 'u')
			a->unit = optarg;
		else if (c == 'd')
			a->date = optarg;
		else if (c == 'c')
			a->clear = 1;
		else if (c == 'n')
			a->note = optarg;
		else if (c == 'b')
			a->by = optarg;
		else if (c != 'p' && c != 'y')
			return -1;
	}
	return optind == argc && a->plan && a->year && !(a->clear && a->date) ? 0 : -1;
}

static int print_deadline(struct pw_ctx *ctx, const struct deadline_args *a)
{
	char due[PW_DUE_SIZE];
	bool set;

	if (pw_store_deadline(ctx->store, a->plan, a->year, a->unit, due, &set) < 0)
		return PW_EXIT_DB;
	printf(_("plan %d, figures of %d%s%s: due %s (%s)\n"), a->plan, a->year,
	       a->unit ? ", " : "", a->unit ? a->unit : "", due,
	       set ? _("set by the planning office") : _("the default rule, 31 March of the next year"));
	return PW_EXIT_OK;
}

int cmd_deadline(int argc, char **argv, struct pw_ctx *ctx)
{
	struct deadline_args a;
	int rc;

	memset(&a, 0, sizeof(a));
	if (parse_args(argc, argv, &a) < 0)
		return pw_cli_usage(USAGE);
	if (!a.date && !a.clear) {
		struct pw_plan_info info;
		int64_t unit_id;

		if ((rc = pw_store_plan_info(ctx->store, a.plan, 0, &info)) < 0)
			return pw_cli_exit(rc);
		pw_plan_info_release(&info);
		/* A misspelt unit would otherwise show the plan's deadline as its own. */
		if (a.unit && (rc = pw_store_unit_find(ctx->store, a.unit, &unit_id)) < 0)
			return pw_cli_exit(rc);
		return print_deadline(ctx, &a);
	}
	rc = pw_store_deadline_set(ctx->store, a.plan, a.year, a.unit, a.date, a.note,
				   pw_cli_actor(a.by));
	if (rc < 0)
		return pw_cli_write_exit(rc);
	return print_deadline(ctx, &a);
}
