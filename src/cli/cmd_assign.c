/*
 * cmd_assign.c - "planwatch assign (--indicator ID | --target ID |
 * --project ID) --unit NAME [--year Y]": one lead unit for each
 * indicator, prose target and project (history in the audit log); and
 * "assign list [--plan ID] [--year Y]": every row id with its lead unit;
 * "assign import FILE": a responsibility table (monitor/responsibility.h).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "monitor/responsibility.h"
#include "text/utf8.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "assign (--indicator ID | --target ID | --project ID) --unit NAME " \
	      "[--year Y] [--by NAME] | assign list [--plan ID] [--year Y] | " \
	      "assign import FILE.csv|FILE.xlsx [--plan ID] [--by NAME]"

static int assign_one(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' },
		{ "target", required_argument, NULL, 't' },
		{ "project", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "year", required_argument, NULL, 'y' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_cli_ref ref = { PW_ENTITY_INDICATOR, 0 };
	const char *unit = NULL, *by = NULL;
	int c, year = 0, changed, rc = 0;

	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((rc = pw_cli_ref_option(ctx->store, &ref, c, optarg)) != 1)
			continue;
		rc = 0;
		if (c == 'u')
			unit = optarg;
		else if (c == 'y')
			rc = (year = pw_cli_year(optarg)) ? 0 : -1;
		else if (c == 'b')
			by = optarg;
		else
			rc = -1;
	}
	if (rc < 0)
		return pw_cli_ref_exit(&ref, USAGE);
	if (!ref.id || !unit || optind != argc)
		return pw_cli_usage(USAGE);
	rc = pw_store_assign(ctx->store, ref.entity, ref.id, unit, year, pw_cli_actor(by),
			     &changed);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf(_("%s %lld: lead unit %s%s\n"), pw_entity_name(ref.entity), (long long)ref.id, unit,
	       changed ? "" : _(" (unchanged)"));
	return PW_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* assign list                                                        */

/* Ends a listed row with its lead unit, if it has one: 0, or -1 when
 * the lookup failed (reported). */
static int print_lead(struct pw_ctx *ctx, enum pw_entity e, int64_t id, int year)
{
	char *unit = NULL;
	int rc = pw_store_lead_unit(ctx->store, e, id, year, &unit);

	if (rc == 0)
		printf("  -> %s", unit);
	free(unit);
	putchar('\n');
	return rc < 0 && rc != PW_STORE_NOTFOUND ? -1 : 0;
}

static int list_indicators(struct pw_ctx *ctx, const struct pw_plan *p, const int64_t *ids,
			   size_t n, int year)
{
	size_t t, r, k = 0;

	for (t = 0; t < p->ntables; t++) {
		printf("%s\n", p->tables[t].title ? p->tables[t].title : "(table)");
		for (r = 0; r < p->tables[t].nrows && k < n; r++, k++) {
			const struct pw_indicator *ind = &p->tables[t].rows[r];
			const char *no = ind->no ? ind->no : "";

			printf("  indicator %-6lld %*s  %s%s%s (%s)", (long long)ids[k],
			       pw_utf8_pad(no, 3), no, ind->group ? ind->group : "",
			       ind->group ? "：" : "", ind->name ? ind->name : "",
			       ind->unit ? ind->unit : "-");
			if (print_lead(ctx, PW_ENTITY_INDICATOR, ids[k], year) < 0)
				return -1;
		}
	}
	return 0;
}

static int list_targets(struct pw_ctx *ctx, const struct pw_plan *p, const int64_t *ids,
			size_t n, int year)
{
	size_t k;

	if (n)
		printf("prose targets\n");
	for (k = 0; k < n && k < p->ntargets; k++) {
		const struct pw_prose_target *t = &p->targets[k];

		printf("  target    %-6lld line %-5d %s", (long long)ids[k], t->line,
		       t->subject ? t->subject : t->t.text ? t->t.text : "");
		if (print_lead(ctx, PW_ENTITY_TARGET, ids[k], year) < 0)
			return -1;
	}
	return 0;
}

static int list_projects(struct pw_ctx *ctx, const struct pw_plan *p, const int64_t *ids,
			 size_t n, int year)
{
	size_t c, i, k = 0;

	for (c = 0; c < p->ncolumns; c++) {
		printf("%s\n", p->columns[c].title ? p->columns[c].title : "(专栏)");
		for (i = 0; i < p->columns[c].nitems && k < n; i++, k++) {
			printf("  project   %-6lld %3d  %s", (long long)ids[k], p->columns[c].items[i].no,
			       p->columns[c].items[i].title ? p->columns[c].items[i].title : "");
			if (print_lead(ctx, PW_ENTITY_PROJECT, ids[k], year) < 0)
				return -1;
		}
	}
	return 0;
}

static int list_plan(struct pw_ctx *ctx, int plan_id, int year)
{
	struct pw_cli_plan_rows r;
	int rc = pw_cli_plan_rows_load(ctx->store, plan_id, 1, &r);

	if (rc == 0)
		rc = list_indicators(ctx, &r.plan, r.ind, r.nind, year);
	if (rc == 0)
		rc = list_targets(ctx, &r.plan, r.tgt, r.ntgt, year);
	if (rc == 0)
		rc = list_projects(ctx, &r.plan, r.prj, r.nprj, year);
	pw_cli_plan_rows_release(&r);
	return rc;
}

static int assign_list(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_plan_info *infos;
	size_t i, n;
	int c, plan = 0, year = 0, rc = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && pw_cli_plan(optarg, &plan) == 0)
			continue;
		if (c == 'y' && (year = pw_cli_year(optarg)) > 0)
			continue;
		return pw_cli_usage(USAGE);
	}
	if (plan)
		return pw_cli_exit(list_plan(ctx, plan, year));
	if (pw_store_list_plans(ctx->store, &infos, &n) < 0)
		return PW_EXIT_DB;
	for (i = 0; rc == 0 && i < n; i++)
		rc = list_plan(ctx, infos[i].id, year);
	pw_plan_info_free_array(infos, n);
	return pw_cli_exit(rc);
}

static int assign_import(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_assign_result res;
	struct pw_batch b;
	const char *by = NULL;
	int c, plan = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && pw_cli_plan(optarg, &plan) == 0)
			continue;
		if (c != 'b')
			return pw_cli_usage(USAGE);
		by = optarg;
	}
	if (optind != argc - 1)
		return pw_cli_usage(USAGE);
	pw_batch_init(&b, argv[optind]);
	rc = pw_assign_import(ctx->store, argv[optind], plan, pw_cli_actor(by), &b, &res);
	pw_batch_print(&b, stderr);
	if (rc == 1)
		pw_error("%s: %zu error%s: nothing assigned", b.file, b.nerrors,
			 b.nerrors == 1 ? "" : "s");
	else if (rc == 0)
		printf(_("%s: %zu assigned, %zu unchanged, %zu new unit%s\n"), b.file, res.nassigned,
		       res.nunchanged, res.nunits_created, res.nunits_created == 1 ? "" : "s");
	pw_batch_release(&b);
	return rc == 1 ? PW_ERR_INPUT : pw_err_of(rc, PW_ERR_FAIL);
}

int cmd_assign(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return assign_import(argc - 1, argv + 1, ctx);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return assign_list(argc - 1, argv + 1, ctx);
	return assign_one(argc, argv, ctx);
}
