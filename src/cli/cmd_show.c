/*
 * cmd_show.c - "planwatch show ID [--json] [--version N]": one stored
 * plan.  --json prints exactly what "extract --json" printed for the
 * document; otherwise a summary with the version history.
 */
#include "cli/cli.h"
#include "model/plan_json.h"
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

/* A positive int from s, or 0 when s is not one. */
static int parse_positive(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v > 0 && v <= INT_MAX ? (int)v : 0;
}

static int exit_for(int rc)
{
	return pw_err_of(rc, PW_ERR_DB);
}

static void print_header(const struct pw_plan_info *in)
{
	printf("plan %d: %s\n", in->id, in->title ? in->title : in->source ? in->source : "?");
	if (in->region || in->ordinal || in->start)
		printf("region %s  ordinal %d  period %d-%d\n", in->region ? in->region : "?",
		       in->ordinal, in->start, in->end);
	printf(_("version %d of %d%s, imported %s by %s from %s\n"), in->version, in->nversions,
	       in->version == in->current_version ? _(" (current)") : "", in->imported_at,
	       in->imported_by, in->source ? in->source : "?");
	printf("checksum %s\n", in->checksum);
}

static int print_versions(struct pw_ctx *ctx, int id)
{
	struct pw_plan_info *vs;
	size_t i, n;
	int rc = pw_store_plan_versions(ctx->store, id, &vs, &n);

	if (rc < 0)
		return rc;
	printf("\n%s\n", _("versions"));
	for (i = 0; i < n; i++)
		printf("  v%-3d %s  %-10s %4d indicators %4d targets %4d projects  %s\n",
		       vs[i].version, vs[i].imported_at, vs[i].imported_by, vs[i].nindicators,
		       vs[i].ntargets, vs[i].nitems, vs[i].source ? vs[i].source : "");
	pw_plan_info_free_array(vs, n);
	return 0;
}

/* Row ids in plan order (see pw_store_plan_indicator_ids) into *ids
 * (caller frees); 0, or the store's code (reported): a database error is
 * not shown as a plan without ids. */
typedef int (*id_lookup)(struct pw_store *, int, int, int64_t **, size_t *);

static int load_ids(struct pw_ctx *ctx, id_lookup fn, int id, int version, int64_t **ids)
{
	size_t n = 0;

	*ids = NULL;
	return fn(ctx->store, id, version, ids, &n);
}

/* "  基数 80（2020年）  目标 ≥83；7左右  约束性": what the office checks
 * against the printed plan. */
static void print_row_facts(const struct pw_indicator *r)
{
	size_t k;

	if (r->has_baseline) {
		printf("  基数 %g", r->baseline);
		if (r->baseline_year)
			printf("（%d年）", r->baseline_year);
	}
	for (k = 0; k < r->ntargets; k++) {
		const struct pw_target *t = &r->targets[k];

		printf("%s%s%s", k ? "；" : "  目标 ", t->kind == PW_KIND_GROWTH ? "年均增长"
		       : t->kind == PW_KIND_CUMULATIVE ? "累计" : "", t->text ? t->text : "?");
	}
	if (r->attribute == PW_ATTR_BINDING || r->attribute == PW_ATTR_EXPECTED)
		printf("  %s", r->attribute == PW_ATTR_BINDING ? "约束性" : "预期性");
	putchar('\n');
}

static void print_indicators(const struct pw_plan *p, const int64_t *ids)
{
	size_t i, j, k = 0;

	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];

		printf("\n%s  (line %d)\n", t->title ? t->title : "表", t->line);
		for (j = 0; j < t->nrows; j++, k++) {
			const struct pw_indicator *r = &t->rows[j];

			printf("  id %-6lld %3s  %s%s%s", ids ? (long long)ids[k] : 0LL,
			       r->no ? r->no : "", r->group ? r->group : "", r->group ? "：" : "",
			       r->name ? r->name : "");
			if (r->unit)
				printf(" (%s)", r->unit);
			print_row_facts(r);
		}
	}
}

static void print_targets(const struct pw_plan *p, const int64_t *ids)
{
	size_t i;

	if (p->ntargets)
		printf("\nprose targets\n");
	for (i = 0; i < p->ntargets; i++)
		printf("  id %-6lld line %-5d %s\n", ids ? (long long)ids[i] : 0LL,
		       p->targets[i].line, p->targets[i].t.text ? p->targets[i].t.text : "");
}

static void print_projects(const struct pw_plan *p, const int64_t *ids)
{
	size_t i, j, k = 0;

	for (i = 0; i < p->ncolumns; i++) {
		printf("\n专栏 %s  (line %d)\n",
		       p->columns[i].title ? p->columns[i].title : "", p->columns[i].line);
		for (j = 0; j < p->columns[i].nitems; j++, k++)
			printf("  id %-6lld %d. %s\n", ids ? (long long)ids[k] : 0LL,
			       p->columns[i].items[j].no,
			       p->columns[i].items[j].title ? p->columns[i].items[j].title : "");
	}
}

/* The plan's contents with the row ids that record, assign and target set
 * take (--indicator ID, --target ID, --project ID). */
static int print_contents(struct pw_ctx *ctx, int id, int version, const struct pw_plan *p)
{
	static const id_lookup lookups[] = { pw_store_plan_indicator_ids,
					     pw_store_plan_target_ids, pw_store_plan_item_ids };
	static void (*const printers[])(const struct pw_plan *, const int64_t *) = {
		print_indicators, print_targets, print_projects,
	};
	int64_t *ids;
	size_t i;
	int rc = 0;

	printf("\n%zu headings, %zu tables, %zu prose targets, %zu 专栏\n", p->nsections,
	       p->ntables, p->ntargets, p->ncolumns);
	for (i = 0; rc == 0 && i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		rc = load_ids(ctx, lookups[i], id, version, &ids);
		if (rc == 0)
			printers[i](p, ids);
		free(ids);
	}
	return rc;
}

static int show_text(struct pw_ctx *ctx, int id, int version, const struct pw_plan *p)
{
	struct pw_plan_info in;
	int rc = pw_store_plan_info(ctx->store, id, version, &in);

	if (rc < 0)
		return exit_for(rc);
	print_header(&in);
	pw_plan_info_release(&in);
	rc = print_versions(ctx, id);
	if (rc < 0)
		return exit_for(rc);
	return pw_err_of(print_contents(ctx, id, version, p), PW_ERR_DB);
}

static int usage(void)
{
	pw_error("usage: planwatch show ID [--json] [--version N] [--db PATH]");
	return PW_EXIT_USAGE;
}

int cmd_show(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_plan plan;
	int c, id, rc, json = 0, version = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'v' && (version = parse_positive(optarg)) > 0)
			continue;
		else
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	if (!(id = parse_positive(argv[optind]))) {
		pw_error("bad plan id '%s' (see planwatch list)", argv[optind]);
		return PW_EXIT_USAGE;
	}
	pw_plan_init(&plan);
	rc = pw_store_load_plan(ctx->store, id, version, &plan);
	if (rc < 0)
		return exit_for(rc);
	if (json)
		rc = pw_err_of(pw_plan_print_json(stdout, &plan), PW_ERR_FAIL);
	else
		rc = show_text(ctx, id, version, &plan);
	pw_plan_free(&plan);
	return rc;
}
