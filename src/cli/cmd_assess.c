/*
 * cmd_assess.c - "planwatch assess FILE|--db PATH [--plan ID] [--year Y]
 * [--tolerance X] [--json]": the status of every target (docs/assessment.md).
 *
 * FILE: every table row that carries its own actual value (表1's 完成值) is
 * assessed at the table's end year (or --year), from that value alone.
 * --db: every stored plan (or --plan ID) is assessed from its monitoring
 * data through the evaluation builder (eval/evaluation.h), at --year or
 * else last year capped at the plan's end.  Both print rows through one
 * sink, so the JSON has the same shape (CONTRACT.md).
 * --db --all: every plan of the database in one pass (eval/gather.h), one
 * summary per plan (counts by status, warnings); --verbose adds the time.
 */
#include "assess/assess_plan.h"
#include "cli/cli.h"
#include "eval/evaluation.h"
#include "eval/gather.h"
#include "eval/policy.h"
#include "ingest/ingest.h"
#include "model/plan_json.h"
#include "report/report.h"
#include "store/store.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util/nelem.h"

#define USAGE "usage: planwatch assess FILE | --db PATH [--plan ID] [--year Y] " \
	      "[--tolerance X] [--json] | --db PATH --all [--year Y] [--json] [--verbose]" \
	      " (--db may come from $PLANWATCH_DB)"

struct assess_cli {
	int json;
	int year;    /* 0: each table's end year (FILE) / last year (--db) */
	int plan_id; /* --db: 0 for every plan */
	int all;     /* --db --all: the bulk pass */
	int verbose;
	int threads; /* --all: connections and threads (1) */
	struct pw_assess_opts o;
};

static int parse_args(int argc, char **argv, struct assess_cli *cli)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "year", required_argument, NULL, 'y' },
		{ "tolerance", required_argument, NULL, 't' },
		{ "plan", required_argument, NULL, 'p' },
		{ "all", no_argument, NULL, 'a' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "threads", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc = 0;

	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "jy:t:p:avT:", opts, NULL)) != -1) {
		if (c == 'j')
			cli->json = 1;
		else if (c == 'a')
			cli->all = 1;
		else if (c == 'v')
			cli->verbose = 1;
		else if (c == 'T')
			rc = pw_cli_int(optarg, "thread count", 1, 64, &cli->threads);
		else if (c == 'y')
			rc = pw_cli_int(optarg, "year", 1900, 2200, &cli->year);
		else if (c == 't')
			rc = pw_cli_tolerance(optarg, &cli->o.approx_tol);
		else if (c == 'p')
			rc = pw_cli_int(optarg, "plan id", 1, 1L << 30, &cli->plan_id);
		else
			rc = -1;
	}
	return rc;
}

/* ---- the sink: rows in, JSON or text out ---------------------------------- */

struct sink {
	const struct assess_cli *cli;
	json_t *tables, *inds; /* JSON */
	json_t *annual;        /* JSON: the years' own targets (--db) */
	unsigned counts[PW_STATUS_LAGGING + 1];
	size_t total;
	const struct pw_plan *plan; /* the table printed last */
	size_t table;
};

static json_t *table_json(const struct pw_plan *p, size_t ti, int year)
{
	const struct pw_table *t = &p->tables[ti];
	int start, end;

	pw_assess_table_period(p, t, &start, &end);
	if (!year)
		year = end;
	return json_pack("{s:i, s:o, s:{s:o, s:o}, s:o}",
			 "table", (int)ti + 1,
			 "title", t->title ? json_string(t->title) : json_null(),
			 "period", "start", start ? json_integer(start) : json_null(),
			 "end", end ? json_integer(end) : json_null(),
			 "year", year ? json_integer(year) : json_null());
}

/* The year a table is assessed at: --year, else its end year. */
static int print_year(const struct pw_plan *p, size_t ti, int year)
{
	int start, end;

	if (year)
		return year;
	pw_assess_table_period(p, &p->tables[ti], &start, &end);
	return end;
}

static void print_table_head(const struct pw_plan *p, size_t ti, int year)
{
	const struct pw_table *t = &p->tables[ti];
	int start, end;

	pw_assess_table_period(p, t, &start, &end);
	printf("%s  (%d–%d，评估年份 %d)\n", t->title ? t->title : "(表)", start, end,
	       year ? year : end);
}

/* " 万元" after a number; "%" and "‰" stick to it; "1/10万" reads "/10万". */
static void add_unit(struct strbuf *sb, const char *unit)
{
	if (!unit)
		return;
	if (!strncmp(unit, "1/", 2))
		unit++;
	else if (strcmp(unit, "%") && strcmp(unit, "‰"))
		sb_addch(sb, ' ');
	sb_addstr(sb, unit);
}

static const char *kind_label(enum pw_kind k)
{
	static const char *const labels[] = {
		[PW_KIND_LEVEL] = "目标值", [PW_KIND_GROWTH] = "年均增长",
		[PW_KIND_CUMULATIVE] = "累计", [PW_KIND_ANNUAL] = "每年",
		[PW_KIND_EXTERNAL] = "上级下达", [PW_KIND_RELATION] = "同步",
	};
	return (size_t)k < NELEM(labels) ? labels[k] : "?";
}

/* " 万元" or "%" after a value of target result r. */
static void add_value_unit(struct strbuf *sb, const struct pw_indicator *ind,
			   const struct pw_target_result *r)
{
	if (r->kind == PW_KIND_GROWTH || r->kind == PW_KIND_RELATION)
		sb_addch(sb, '%');
	else
		add_unit(sb, ind->unit);
}

/* An annual target rests on its worst year: "最差 2.8%（2022年）  达标 3/4 年";
 * an estimate among the years is noted after the count, not on the value. */
static void add_annual_figures(struct strbuf *sb, const struct pw_indicator *ind,
			       const struct pw_target_result *r)
{
	if (r->has_actual) {
		sb_addf(sb, "  最差 %g", r->actual);
		add_value_unit(sb, ind, r);
		sb_addf(sb, "（%d年）", r->actual_year);
	}
	if (r->nyears)
		sb_addf(sb, "  达标 %d/%d 年", r->nyears_met, r->nyears);
	if (r->estimated)
		sb_addstr(sb, "（含预计数）");
}

/* "实际 5.1%（2023年）  应达 7  进度 73%" */
static void add_figures(struct strbuf *sb, const struct pw_indicator *ind,
			const struct pw_target_result *r, int year)
{
	if (r->has_actual) {
		sb_addf(sb, "  实际 %g", r->actual);
		add_value_unit(sb, ind, r);
		if (r->estimated)
			sb_addstr(sb, "(预计)");
		if (r->actual_year && r->actual_year != year)
			sb_addf(sb, "（%d年）", r->actual_year);
	}
	if (r->has_related)
		sb_addf(sb, "  对比 %g%%", r->related);
	if (r->has_expected && !r->final)
		sb_addf(sb, "  应达 %.4g", r->expected);
	if (r->has_progress)
		sb_addf(sb, "  进度 %.0f%%", r->progress * 100);
	if (r->nyears)
		sb_addf(sb, "  达标 %d/%d 年", r->nyears_met, r->nyears);
}

/* "      年均增长 7左右  实际 5.1%（2023年）  应达 7  进度 73%  → 滞后";
 * a provisional result says why it is not a verdict: "（暂定：期末数据未报送）". */
static void print_target_line(const struct pw_indicator *ind, const struct pw_target *t,
			      const struct pw_target_result *r, int year)
{
	struct strbuf sb = STRBUF_INIT;
	const char *why = pw_report_reason(r, r->has_actual);

	sb_addf(&sb, "      %s %s", kind_label(r->kind), t->text ? t->text : "");
	if (t->kind == PW_KIND_EXTERNAL && r->has_goal)
		sb_addf(&sb, "（已下达 %g）", r->goal);
	if (r->worst)
		add_annual_figures(&sb, ind, r);
	else
		add_figures(&sb, ind, r, year);
	sb_addf(&sb, "  → %s", pw_status_label(r->status));
	if (r->provisional)
		sb_addstr(&sb, "（暂定：期末数据未报送）");
	else if (why && strcmp(why, pw_status_label(r->status)))
		sb_addf(&sb, "（%s）", why);
	puts(sb.buf);
	sb_release(&sb);
}

static void print_row(const struct pw_indicator *ind, const struct pw_assessment *a, int year)
{
	size_t k;

	printf("  %3s %s%s%s%s%s%s  %s%s\n", ind->no ? ind->no : "",
	       ind->group ? ind->group : "", ind->group ? "：" : "", ind->name ? ind->name : "",
	       ind->unit ? " (" : "", ind->unit ? ind->unit : "", ind->unit ? ")" : "",
	       pw_status_label(a->status), a->warning ? "  【预警】" : "");
	for (k = 0; k < a->ntargets && k < ind->ntargets; k++)
		print_target_line(ind, &ind->targets[k], &a->targets[k], year);
}

/* One assessed row of table ti of plan p; extra (may be NULL) holds keys
 * to add to the row's JSON and is consumed. */
static void sink_row(struct sink *s, const struct pw_plan *p, size_t ti, int year,
		     const struct pw_indicator *ind, const struct pw_assessment *a,
		     json_t *extra)
{
	bool new_table = s->plan != p || s->table != ti;

	s->plan = p;
	s->table = ti;
	s->counts[a->status]++;
	s->total++;
	if (!s->cli->json) {
		if (s->total > 1 && new_table)
			putchar('\n');
		if (new_table)
			print_table_head(p, ti, year);
		print_row(ind, a, print_year(p, ti, year));
		json_decref(extra);
		return;
	}
	json_t *o = pw_assessment_to_json(ind, a);

	json_object_set_new(o, "table", json_integer((json_int_t)ti + 1));
	json_object_set_new(o, "line", json_integer(ind->line));
	if (extra)
		json_object_update(o, extra);
	if (new_table) {
		json_t *t = table_json(p, ti, year);

		if (extra && json_object_get(extra, "plan"))
			json_object_set(t, "plan", json_object_get(extra, "plan"));
		json_array_append_new(s->tables, t);
	}
	json_decref(extra);
	json_array_append_new(s->inds, o);
}

static void sink_release(struct sink *s)
{
	json_decref(s->tables);
	json_decref(s->inds);
	json_decref(s->annual);
	s->tables = s->inds = s->annual = NULL;
}

static void print_counts(const struct sink *s)
{
	size_t i;

	if (!s->total) {
		puts("没有可评估的指标 (nothing to assess: no table row has an actual value)");
		return;
	}
	printf("\n合计 %zu 项:", s->total);
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (s->counts[i])
			printf(" %s %u", pw_status_label((enum pw_status)i), s->counts[i]);
	putchar('\n');
}

/* Prints the summary (text) or the whole document (JSON); releases s. */
static void sink_finish(struct sink *s, const char *source)
{
	size_t i;

	if (!s->cli->json) {
		print_counts(s);
		sink_release(s);
		return;
	}
	json_t *summary = json_object();

	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (s->counts[i])
			json_object_set_new(summary, pw_status_name((enum pw_status)i),
					    json_integer(s->counts[i]));
	json_t *root = json_pack("{s:o, s:f, s:o, s:o, s:o, s:o}",
				 "source", source ? json_string(source) : json_null(),
				 "approx_tolerance", s->cli->o.approx_tol,
				 "tables", s->tables, "summary", summary, "indicators", s->inds,
				 "annual_targets", s->annual);
	pw_json_print(stdout, root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(root);
	s->tables = s->inds = s->annual = NULL;
}

static void sink_init(struct sink *s, const struct assess_cli *cli)
{
	memset(s, 0, sizeof(*s));
	s->cli = cli;
	s->tables = json_array();
	s->inds = json_array();
	s->annual = json_array();
}

/* The year's own targets (annual documents, docs/annual.md), judged as
 * `planwatch annual` judges them. */
static void sink_annual(struct sink *s, const struct pw_evaluation *ev)
{
	size_t i;
	bool first = true;

	for (i = 0; i < ev->nannual; i++) {
		const struct pw_eval_annual *e = &ev->annual[i];

		if (e->year != ev->year)
			continue;
		if (s->cli->json) {
			json_t *o = pw_eval_annual_to_json(e);

			json_object_set_new(o, "plan", json_integer(ev->plan_id));
			json_array_append_new(s->annual, o);
			continue;
		}
		if (first)
			printf(_("\n%d: the year's own targets (planwatch annual)\n"), ev->year);
		first = false;
		printf("  %-*s %s\n", pw_utf8_pad(e->text ? e->text : "", 40), e->text ? e->text : "",
		       !e->judged ? pw_link_status_label(e->link) /* the rows above are
								     * in Chinese too */
				  : pw_status_label(e->r.status));
	}
}

/* ---- FILE ------------------------------------------------------------------ */

static int assess_file(const char *path, const struct assess_cli *cli)
{
	struct pw_plan plan;
	struct sink s;
	size_t i, j;

	pw_plan_init(&plan);
	if (pw_ingest_file(path, &plan) < 0)
		return PW_EXIT_INPUT;
	sink_init(&s, cli);
	for (i = 0; i < plan.ntables; i++) {
		const struct pw_table *t = &plan.tables[i];

		for (j = 0; j < t->nrows; j++) {
			struct pw_assessment a;

			if (!pw_assess_row_has_actual(&t->rows[j]) ||
			    pw_assess_table_row(&plan, t, &t->rows[j], cli->year, &cli->o, &a) < 0)
				continue;
			sink_row(&s, &plan, i, cli->year, &t->rows[j], &a, NULL);
			pw_assessment_release(&a);
		}
	}
	sink_finish(&s, plan.source);
	pw_plan_free(&plan);
	return PW_EXIT_OK;
}

/* ---- --db ------------------------------------------------------------------ */

static json_t *db_extra(const struct pw_evaluation *ev, const struct pw_eval_indicator *e)
{
	return json_pack("{s:i, s:o, s:o}", "plan", ev->plan_id, "id", json_integer(e->id),
			 "lead_unit", e->lead_unit ? json_string(e->lead_unit) : json_null());
}

/* Values entered but not approved do not count: say so, or 无数据 after
 * `data import` said "imported" reads as a bug. */
static void warn_pending(const struct pw_evaluation *ev)
{
	if (ev->pending)
		pw_warning("plan %d: %u values await approval and are not counted "
			   "(planwatch obs approve --all)", ev->plan_id, ev->pending);
	if (ev->drafts)
		pw_warning("plan %d: %u draft values are not submitted and not counted "
			   "(planwatch obs submit --all)", ev->plan_id, ev->drafts);
}

static int assess_stored_plan(struct pw_store *st, const struct pw_plan_info *info,
			      const struct assess_cli *cli, struct sink *s)
{
	struct pw_eval_opts eo;
	struct pw_evaluation ev;
	size_t i;
	int rc;

	pw_eval_opts_init(&eo);
	eo.year = cli->year ? cli->year
			    : pw_policy_default_year(PW_REPORT_ANNUAL, info->start, info->end);
	eo.kind = pw_policy_default_kind(eo.year, info->end);
	eo.assess = cli->o;
	rc = pw_eval_from_store(st, info->id, 0, &eo, &ev);
	if (rc < 0)
		return rc;
	for (i = 0; i < ev.ninds; i++) {
		const struct pw_eval_indicator *e = &ev.inds[i];

		sink_row(s, ev.plan, e->table, ev.year, e->ind, &e->a, s->cli->json
			 ? db_extra(&ev, e) : NULL);
	}
	sink_annual(s, &ev);
	warn_pending(&ev);
	pw_eval_release(&ev);
	return 0;
}

static int assess_db(struct pw_ctx *ctx, const struct assess_cli *cli)
{
	struct pw_store *st;
	struct pw_plan_info *infos = NULL;
	size_t n = 0, i;
	struct sink s;
	int rc;

	if ((rc = pw_store_open_existing(&st, ctx->db_path)) < 0)
		return pw_err_of(rc, PW_ERR_DB);
	if (cli->plan_id) {
		infos = xcalloc(1, sizeof(*infos));
		rc = pw_store_plan_info(st, cli->plan_id, 0, infos);
		n = rc == 0;
	} else {
		rc = pw_store_list_plans(st, &infos, &n);
	}
	sink_init(&s, cli);
	for (i = 0; rc == 0 && i < n; i++)
		rc = assess_stored_plan(st, &infos[i], cli, &s);
	if (rc == 0)
		sink_finish(&s, ctx->db_path);
	else
		sink_release(&s);
	pw_plan_info_free_array(infos, n);
	pw_store_close(st);
	return pw_err_of(rc, PW_ERR_DB);
}

/* ---- --db --all ------------------------------------------------------------- */

struct all_sink {
	const struct assess_cli *cli;
	json_t *plans; /* JSON */
	unsigned long counts[PW_STATUS_LAGGING + 1];
	unsigned long indicators, warnings;
};

static json_t *warning_json(const struct pw_eval_indicator *e)
{
	return json_pack("{s:I, s:s?, s:s?, s:s}", "id", (json_int_t)e->id, "no", e->ind->no,
			 "name", e->ind->name, "status", pw_status_name(e->a.status));
}

static void print_plan_line(const struct pw_evaluation *ev, const unsigned *counts)
{
	size_t i;

	printf("%d %s (%d):", ev->plan_id, ev->plan->title ? ev->plan->title : "", ev->year);
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (counts[i])
			printf(" %s %u", pw_status_label((enum pw_status)i), counts[i]);
	putchar('\n');
}

static void print_warning(const struct pw_eval_indicator *e)
{
	printf("  【预警】 %s %s%s%s  %s\n", e->ind->no ? e->ind->no : "",
	       e->ind->group ? e->ind->group : "", e->ind->group ? "：" : "",
	       e->ind->name ? e->ind->name : "", pw_status_label(e->a.status));
}

/* One plan's evaluation: its counts and warnings, printed or as JSON. */
static int all_plan(void *ctx, int plan_id, const struct pw_evaluation *ev)
{
	struct all_sink *s = ctx;
	unsigned counts[PW_STATUS_LAGGING + 1] = { 0 };
	json_t *warn = s->cli->json ? json_array() : NULL, *sum;
	size_t i;

	for (i = 0; i < ev->ninds; i++)
		counts[ev->inds[i].a.status]++;
	if (!s->cli->json)
		print_plan_line(ev, counts);
	for (i = 0; i < ev->ninds; i++) {
		if (!ev->inds[i].a.warning)
			continue;
		s->warnings++;
		if (warn)
			json_array_append_new(warn, warning_json(&ev->inds[i]));
		else
			print_warning(&ev->inds[i]);
	}
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		s->counts[i] += counts[i];
	s->indicators += ev->ninds;
	if (!warn)
		return 0;
	sum = json_object();
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (counts[i])
			json_object_set_new(sum, pw_status_name((enum pw_status)i),
					    json_integer(counts[i]));
	json_array_append_new(s->plans, json_pack("{s:i, s:s?, s:i, s:I, s:o, s:o}", "plan",
						  plan_id, "title", ev->plan->title, "year", ev->year,
						  "indicators", (json_int_t)ev->ninds, "summary", sum,
						  "warnings", warn));
	return 0;
}

static void all_finish(struct all_sink *s, const struct pw_bulk_stats *bs, int year)
{
	json_t *sum;
	size_t i;

	if (!s->cli->json) {
		printf("\n合计 %ld 个规划 %lu 项:", bs->plans, s->indicators);
		for (i = 0; i <= PW_STATUS_LAGGING; i++)
			if (s->counts[i])
				printf(" %s %lu", pw_status_label((enum pw_status)i), s->counts[i]);
		printf("  预警 %lu", s->warnings);
		if (bs->skipped)
			printf("  (%ld 个规划不含 %d 年)", bs->skipped, year);
		putchar('\n');
		return;
	}
	sum = json_object();
	for (i = 0; i <= PW_STATUS_LAGGING; i++)
		if (s->counts[i])
			json_object_set_new(sum, pw_status_name((enum pw_status)i),
					    json_integer((json_int_t)s->counts[i]));
	json_t *root = json_pack("{s:i, s:I, s:I, s:I, s:o, s:I, s:o}", "year", year, "plans",
				 (json_int_t)bs->plans, "skipped", (json_int_t)bs->skipped,
				 "indicators", (json_int_t)s->indicators, "summary", sum,
				 "warnings", (json_int_t)s->warnings, "by_plan", s->plans);
	pw_json_print(stdout, root, PW_JSON_OUT);
	json_decref(root);
	s->plans = NULL;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every plan at --year (default: last year) through pw_bulk_eval_all(). */
static int assess_all(struct pw_ctx *ctx, const struct assess_cli *cli)
{
	struct all_sink s = { cli, cli->json ? json_array() : NULL, { 0 }, 0, 0 };
	struct pw_eval_opts eo;
	struct pw_bulk_stats bs;
	struct pw_store *st;
	double t0 = seconds_now();
	int rc;

	pw_eval_opts_init(&eo);
	eo.year = cli->year ? cli->year : pw_policy_default_year(PW_REPORT_ANNUAL, 0, 0);
	eo.assess = cli->o;
	if ((rc = pw_store_open_existing(&st, ctx->db_path)) < 0) {
		json_decref(s.plans);
		return pw_err_of(rc, PW_ERR_DB);
	}
	rc = pw_bulk_eval_all(st, &eo, cli->threads, all_plan, &s, &bs);
	pw_store_close(st);
	if (rc == 0)
		all_finish(&s, &bs, eo.year);
	json_decref(s.plans);
	if (cli->verbose)
		fprintf(stderr, _("assessed %ld plans (%ld indicators, %ld prose targets, %ld values)"
			  " in %.3f s\n"), bs.plans, bs.indicators, bs.targets, bs.observations,
			seconds_now() - t0);
	return pw_err_of(rc, PW_ERR_DB);
}

int cmd_assess(int argc, char **argv, struct pw_ctx *ctx)
{
	struct assess_cli cli = { 0 };

	pw_assess_opts_init(&cli.o);
	if (parse_args(argc, argv, &cli) < 0) {
		pw_error(USAGE);
		return PW_EXIT_USAGE;
	}
	if (optind == argc - 1 && !ctx->db_given && !cli.plan_id)
		return assess_file(argv[optind], &cli);
	/* no FILE: the database of --db or $PLANWATCH_DB (not ./planwatch.db:
	 * a bare "assess" more likely forgot its FILE) */
	if (optind == argc && !ctx->db_given && !getenv("PLANWATCH_DB")) {
		pw_error("no plan file and no database: give FILE, --db PATH or $PLANWATCH_DB");
		pw_error(USAGE);
		return PW_EXIT_USAGE;
	}
	if (optind == argc && cli.all && !cli.plan_id)
		return assess_all(ctx, &cli);
	if (optind == argc && !cli.all)
		return assess_db(ctx, &cli);
	pw_error(USAGE);
	return PW_EXIT_USAGE;
}
