/*
 * cmd_extract.c - "planwatch extract FILE [--json]": read a plan document
 * and print what was found, as JSON (CONTRACT.md) or as a summary.
 */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "model/plan_json.h"
#include "util/error.h"

#include <getopt.h>
#include <stdio.h>

/* unit: the indicator's; a growth target's value is a rate, in %. */
static void print_target(const struct pw_target *t, const char *unit)
{
	if (t->kind == PW_KIND_GROWTH)
		unit = "%";
	printf("%s", pw_kind_name(t->kind));
	if (t->cmp != PW_CMP_NONE)
		printf(" %s", pw_cmp_name(t->cmp));
	if (t->has_value)
		printf(" %g", t->value);
	if (t->has_value_hi)
		printf("-%g", t->value_hi);
	if (unit && t->has_value)
		printf(" %s", unit);
	if (t->year)
		printf(" (%d)", t->year);
}

static void print_summary(const struct pw_plan *p)
{
	size_t i, j, k, nitems = 0, nrows = 0;

	for (i = 0; i < p->ntables; i++)
		nrows += p->tables[i].nrows;
	for (i = 0; i < p->ncolumns; i++)
		nitems += p->columns[i].nitems;
	printf("%s\n", p->title ? p->title : p->source);
	if (p->doc_kind == PW_DOC_ANNUAL)
		printf("年度计划 %d  地区 %s\n", p->year, p->region ? p->region : "?");
	else if (p->start)
		printf("规划期 %d–%d  地区 %s\n", p->start, p->end, p->region ? p->region : "?");
	printf("%zu headings, %zu tables (%zu indicators), %zu prose targets, "
	       "%zu 专栏 (%zu items)\n",
	       p->nsections, p->ntables, nrows, p->ntargets, p->ncolumns, nitems);
	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];

		printf("\n%s  (line %d)\n", t->title ? t->title : "(untitled table)", t->line);
		for (j = 0; j < t->nrows; j++) {
			const struct pw_indicator *r = &t->rows[j];

			printf("  %3s %s%s%s [%s] %s:", r->no ? r->no : "", r->group ? r->group : "",
			       r->group ? "：" : "", r->name, r->unit ? r->unit : "",
			       r->attribute == PW_ATTR_BINDING ? "约束性" : "预期性");
			for (k = 0; k < r->ntargets; k++) {
				fputs(k ? "; " : " ", stdout);
				print_target(&r->targets[k], r->unit);
			}
			putchar('\n');
		}
	}
	if (p->ntargets)
		printf("\nprose targets\n");
	for (i = 0; i < p->ntargets; i++) {
		printf("  %5d %s: ", p->targets[i].line, p->targets[i].subject ? p->targets[i].subject : "?");
		print_target(&p->targets[i].t, p->targets[i].unit);
		putchar('\n');
	}
	for (i = 0; i < p->ncolumns; i++) {
		printf("\n专栏 %s  (line %d)\n", p->columns[i].title, p->columns[i].line);
		for (j = 0; j < p->columns[i].nitems; j++)
			printf("  %d. %s\n", p->columns[i].items[j].no, p->columns[i].items[j].title);
	}
}

int cmd_extract(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "kind", required_argument, NULL, 'K' },
		{ "year", required_argument, NULL, 'Y' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_cli_doc doc = PW_CLI_DOC_INIT;
	struct pw_plan plan;
	int c, json = 0;

	(void)ctx;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c != 'K' && c != 'Y')
			return PW_EXIT_USAGE;
		else if (pw_cli_doc_option(c, optarg, &doc) < 0)
			return PW_EXIT_USAGE;
	}
	if (optind != argc - 1) {
		pw_error("usage: planwatch extract FILE [--json] [--kind plan|annual] [--year Y]");
		return PW_EXIT_USAGE;
	}
	pw_plan_init(&plan);
	pw_cli_doc_preset(&doc, &plan);
	if (pw_ingest_file(argv[optind], &plan) < 0)
		return PW_EXIT_INPUT;
	if (pw_cli_doc_check(&doc, &plan, argv[optind]) < 0) {
		pw_plan_free(&plan);
		return PW_EXIT_INPUT;
	}
	if (json && pw_plan_print_json(stdout, &plan) < 0) {
		pw_plan_free(&plan);
		return pw_err_of(-1, PW_ERR_FAIL);
	} else if (!json) {
		print_summary(&plan);
	}
	pw_plan_free(&plan);
	return PW_EXIT_OK;
}
