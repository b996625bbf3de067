/*
 * cmd_list.c - "planwatch list [--json]": the stored plans, each at its
 * current version.
 */
#include "cli/cli.h"
#include "model/plan_json.h"
#include "store/plan_info_json.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

static void print_period(const struct pw_plan_info *in)
{
	if (in->start || in->end)
		printf("%4d-%-4d", in->start, in->end);
	else
		printf("%9s", "?");
}

static void print_table(const struct pw_plan_info *infos, size_t n)
{
	size_t i;

	printf("  id  ver  period     ind  tgt  prj  imported    title\n");
	for (i = 0; i < n; i++) {
		const struct pw_plan_info *in = &infos[i];

		printf("%4d  v%-3d ", in->id, in->version);
		print_period(in);
		printf("  %4d %4d %4d  %.10s  %s\n", in->nindicators, in->ntargets, in->nitems,
		       in->imported_at ? in->imported_at : "", in->title ? in->title
		       : in->region ? in->region : in->source ? in->source : "");
	}
}

static void print_json(const struct pw_plan_info *infos, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, pw_plan_info_to_json(&infos[i]));
	pw_json_print(stdout, a, PW_JSON_OUT);
	json_decref(a);
}

int cmd_list(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_plan_info *infos;
	size_t n;
	int c, json = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return PW_EXIT_USAGE;
		json = 1;
	}
	if (optind != argc) {
		pw_error("usage: planwatch list [--json] [--db PATH]");
		return PW_EXIT_USAGE;
	}
	if (pw_store_list_plans(ctx->store, &infos, &n) < 0)
		return PW_EXIT_DB;
	if (json)
		print_json(infos, n);
	else if (!n)
		printf(_("no plans in '%s'\n"), ctx->db_path);
	else
		print_table(infos, n);
	pw_plan_info_free_array(infos, n);
	return PW_EXIT_OK;
}
