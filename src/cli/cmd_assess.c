/*
 * cmd_assess.c - "planwatch assess FILE|--db PATH [--year Y] [--tolerance X]
 * [--json]": the status of every target (docs/assessment.md).  For a plan
 * file, every table row that carries its own actual value (表1's 完成值) is
 * assessed at the table's end year (or --year).
 */
#include "assess/assess_plan.h"
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "report/plan_json.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: planwatch assess FILE|--db PATH [--year Y] [--tolerance X] [--json]"

struct assess_cli {
	int json;
	int year; /* 0: each table's end year */
	struct pw_assess_opts o;
};

/* "0.05", "5%" and "5" all mean 5% (a fraction of 1 or more makes no sense). */
static int parse_tolerance(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return pw_error("bad tolerance '%s'", s);
	if (*end == '%' && !end[1])
		v /= 100.0;
	else if (*end)
		return pw_error("bad tolerance '%s'", s);
	else if (v >= 1.0)
		v /= 100.0;
	if (v >= 1.0)
		return pw_error("tolerance '%s' is 100%% or more", s);
	*out = v;
	return 0;
}

static int parse_year(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1900 || v > 2200)
		return pw_error("bad year '%s'", s);
	*out = (int)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct assess_cli *cli)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "year", required_argument, NULL, 'y' },
		{ "tolerance", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jy:t:", opts, NULL)) != -1) {
		if (c == 'j')
			cli->json = 1;
		else if (c == 'y' && parse_year(optarg, &cli->year) == 0)
			continue;
		else if (c == 't' && parse_tolerance(optarg, &cli->o.approx_tol) == 0)
			continue;
		else if (c != 'j')
			return -1;
	}
	return 0;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *table_json(const struct pw_plan *p, size_t ti, int year)
{
	const struct pw_table *t = &p->tables[ti];
	int start, end;

	pw_assess_table_period(p, t, &start, &end);
	return json_pack("{s:i, s:o, s:{s:o, s:o}, s:o}",
			 "table", (int)ti + 1,
			 "title", t->title ? json_string(t->title) : json_null(),
			 "period", "start", start ? json_integer(start) : json_null(),
			 "end", end ? json_integer(end) : json_null(),
			 "year", year ? json_integer(year) : (end ? json_integer(end) : json_null()));
}

static void count_status(json_t *summary, enum pw_status s)
{
	const char *k = pw_status_name(s);
	json_t *n = json_object_get(summary, k);

	json_object_set_new(summary, k, json_integer(n ? json_integer_value(n) + 1 : 1));
}

static void print_json(const struct pw_plan *p, const struct assess_cli *cli)
{
	json_t *tables = json_array(), *inds = json_array(), *summary = json_object();
	size_t i, j;

	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];
		int assessed = 0;

		for (j = 0; j < t->nrows; j++) {
			struct pw_assessment a;
			json_t *o;

			if (!pw_assess_row_has_actual(&t->rows[j]) ||
			    pw_assess_table_row(p, t, &t->rows[j], cli->year, &cli->o, &a) < 0)
				continue;
			o = pw_assessment_to_json(&t->rows[j], &a);
			json_object_set_new(o, "table", json_integer((json_int_t)i + 1));
			json_object_set_new(o, "line", json_integer(t->rows[j].line));
			json_array_append_new(inds, o);
			count_status(summary, a.status);
			pw_assessment_release(&a);
			assessed = 1;
		}
		if (assessed)
			json_array_append_new(tables, table_json(p, i, cli->year));
	}
	json_t *root = json_pack("{s:o, s:f, s:o, s:o, s:o}",
				 "source", p->source ? json_string(p->source) : json_null(),
				 "approx_tolerance", cli->o.approx_tol,
				 "tables", tables, "summary", summary, "indicators", inds);
	json_dumpf(root, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	putchar('\n');
	json_decref(root);
}

/* ---- text ---------------------------------------------------------------- */

static const char *kind_label(enum pw_kind k)
{
	static const char *const labels[] = {
		[PW_KIND_LEVEL] = "目标值", [PW_KIND_GROWTH] = "年均增长",
		[PW_KIND_CUMULATIVE] = "累计", [PW_KIND_ANNUAL] = "每年",
		[PW_KIND_EXTERNAL] = "上级下达", [PW_KIND_RELATION] = "同步",
	};
	return (size_t)k < sizeof(labels) / sizeof(labels[0]) ? labels[k] : "?";
}

static void print_target_line(const struct pw_indicator *ind, const struct pw_target *t,
			      const struct pw_target_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	bool pct = r->kind == PW_KIND_GROWTH || r->kind == PW_KIND_RELATION;

	sb_addf(&sb, "      %s %s", kind_label(r->kind), t->text ? t->text : "");
	if (r->has_actual)
		sb_addf(&sb, "  实际 %g%s%s", r->actual, pct ? "%" : (ind->unit ? ind->unit : ""),
			r->estimated ? "(预计)" : "");
	if (r->has_related)
		sb_addf(&sb, "  对比 %g%%", r->related);
	if (r->has_expected && !r->final)
		sb_addf(&sb, "  应达 %.4g", r->expected);
	if (r->has_progress)
		sb_addf(&sb, "  进度 %.0f%%", r->progress * 100);
	sb_addf(&sb, "  → %s", pw_status_label(r->status));
	if (r->reason)
		sb_addf(&sb, " (%s)", r->reason);
	puts(sb.buf);
	sb_release(&sb);
}

static void print_row(const struct pw_indicator *ind, const struct pw_assessment *a)
{
	size_t k;

	printf("  %3s %s%s%s%s%s%s  %s%s\n", ind->no ? ind->no : "",
	       ind->group ? ind->group : "", ind->group ? "/" : "", ind->name,
	       ind->unit ? " (" : "", ind->unit ? ind->unit : "", ind->unit ? ")" : "",
	       pw_status_label(a->status), a->warning ? "  【预警】" : "");
	for (k = 0; k < a->ntargets; k++)
		print_target_line(ind, &ind->targets[k], &a->targets[k]);
}

static void print_text(const struct pw_plan *p, const struct assess_cli *cli)
{
	unsigned counts[PW_STATUS_LAGGING + 1] = { 0 };
	size_t i, j, total = 0;

	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];
		int start, end, shown = 0;

		pw_assess_table_period(p, t, &start, &end);
		for (j = 0; j < t->nrows; j++) {
			struct pw_assessment a;

			if (!pw_assess_row_has_actual(&t->rows[j]) ||
			    pw_assess_table_row(p, t, &t->rows[j], cli->year, &cli->o, &a) < 0)
				continue;
			if (!shown++)
				printf("%s  (%d–%d，评估年份 %d)\n", t->title ? t->title : "(表)",
				       start, end, cli->year ? cli->year : end);
			print_row(&t->rows[j], &a);
			counts[a.status]++;
			total++;
			pw_assessment_release(&a);
		}
	}
	if (!total) {
		puts("没有带完成值的指标可评估 (no table row carries an actual value)");
		return;
	}
	printf("\n合计 %zu 项:", total);
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (counts[i])
			printf(" %s %u", pw_status_label((enum pw_status)i), counts[i]);
	putchar('\n');
}

static int assess_file(const char *path, const struct assess_cli *cli)
{
	struct pw_plan plan;

	pw_plan_init(&plan);
	if (pw_ingest_file(path, &plan) < 0)
		return PW_EXIT_INPUT;
	if (cli->json)
		print_json(&plan, cli);
	else
		print_text(&plan, cli);
	pw_plan_free(&plan);
	return PW_EXIT_OK;
}

/*
 * The --db form reads observations from the store.  It is a thin adapter
 * over pw_assess_indicator() (fill struct pw_assess_input from the stored
 * indicator, its observations, its related indicator and its external
 * target); it waits for the store's observation API (src/store/store.h).
 */
static int assess_db(struct pw_ctx *ctx, const struct assess_cli *cli)
{
	(void)cli;
	pw_error("assess --db '%s': the store does not provide observations yet; "
		 "assess a plan file instead", ctx->db_path);
	return PW_EXIT_FAIL;
}

int cmd_assess(int argc, char **argv, struct pw_ctx *ctx)
{
	struct assess_cli cli = { 0 };

	pw_assess_opts_init(&cli.o);
	if (parse_args(argc, argv, &cli) < 0) {
		pw_error(USAGE);
		return PW_EXIT_USAGE;
	}
	if (optind == argc - 1 && !ctx->db_given)
		return assess_file(argv[optind], &cli);
	if (optind == argc && ctx->db_given)
		return assess_db(ctx, &cli);
	pw_error(USAGE);
	return PW_EXIT_USAGE;
}
