/*
 * cmd_import.c - "planwatch import FILE... [--db PATH]": extract each plan
 * document and store it (one transaction per file; unchanged documents
 * write nothing, edited ones become a new version of the same plan).  An
 * annual document (政府工作报告, 年度计划: detected, or --kind annual) is
 * stored against its five-year plan (--plan, else pw_policy_plan_of_year())
 * with its targets linked to the plan's (docs/annual.md).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "eval/policy.h"
#include "ingest/ingest.h"
#include "store/annual.h"
#include "lint/lint.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

static size_t count_rows(const struct pw_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ntables; i++)
		n += p->tables[i].nrows;
	return n;
}

static size_t count_items(const struct pw_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ncolumns; i++)
		n += p->columns[i].nitems;
	return n;
}

static const char *plan_name(const struct pw_plan *p)
{
	return p->title ? p->title : p->region ? p->region : p->source;
}

/* Reads path into p with the checksum of its decoded text.  Returns an
 * exit code; p is empty unless PW_EXIT_OK. */
static int read_plan(const char *path, const struct pw_cli_doc *doc, struct pw_plan *p)
{
	const struct pw_gz *g;
	struct pw_doc d;
	char sum[65];

	if (pw_doc_load(&d, path) < 0)
		return PW_EXIT_INPUT;
	pw_cli_doc_preset(doc, p);
	if (pw_ingest_doc(&d, p) < 0) {
		pw_doc_release(&d);
		return PW_EXIT_INPUT;
	}
	if (pw_cli_doc_check(doc, p, path) < 0) {
		pw_doc_release(&d);
		pw_plan_free(p);
		return PW_EXIT_INPUT;
	}
	if (!p->checksum) {
		pw_store_text_sha256_hex(d.text, d.text_len, sum);
		p->checksum = xstrdup(sum);
	}
	/* the region's code and parents, for grouping plans (docs/schema.md) */
	if ((g = pw_lint_region(&d, p))) {
		p->region_code = xstrdup(g->code);
		p->region_path = pw_gz_path(g);
	}
	pw_doc_release(&d);
	if (!p->ntables && !p->ntargets && !p->ncolumns) {
		pw_error("'%s': no indicator table, target or 专栏 found: nothing imported", path);
		pw_plan_free(p);
		return PW_EXIT_INPUT;
	}
	return PW_EXIT_OK;
}

/* Stores annual document p against plan_id (0: the default plan). */
static int import_annual(struct pw_ctx *ctx, const struct pw_plan *p, int plan_id)
{
	struct pw_annual_import r;
	struct pw_plan_info info;
	bool outside;
	int rc;

	if (!plan_id && (rc = pw_policy_plan_of_year(ctx->store, p->year, p->region, &plan_id)) < 0)
		return pw_err_of(rc, PW_ERR_NOTFOUND);
	if ((rc = pw_store_plan_info(ctx->store, plan_id, 0, &info)) < 0)
		return pw_err_of(rc, PW_ERR_DB);
	outside = info.start && (p->year < info.start || p->year > info.end);
	if (outside)
		pw_error_kind(PW_ERR_INPUT, "annual document '%s' sets targets for %d, outside "
			      "plan %d (%d-%d): nothing imported", p->source, p->year, plan_id,
			      info.start, info.end);
	pw_plan_info_release(&info);
	if (outside)
		return PW_EXIT_INPUT;
	if ((rc = pw_store_import_annual(ctx->store, p, plan_id, pw_cli_actor(NULL), &r)) < 0)
		return pw_err_of(rc, PW_ERR_DB);
	if (!r.changed) {
		printf(_("unchanged: annual document %lld (%d) of plan %d: %s\n"),
		       (long long)r.doc_id, p->year, plan_id, plan_name(p));
		return PW_EXIT_OK;
	}
	printf(_("imported annual document %lld (%d) against plan %d: %s, %zu targets of %d\n"),
	       (long long)r.doc_id, p->year, plan_id, plan_name(p), r.ntargets, p->year);
	printf(_("  linked %zu, to confirm %zu (planwatch annual), no match %zu; "
		 "%zu targets of other years left out\n"),
	       r.nlinked, r.nambiguous, r.nunlinked, r.nother);
	return PW_EXIT_OK;
}

/* The database is opened (created if new) only once a plan has been read,
 * so that an import that fails leaves no new empty database behind. */
static int import_one(struct pw_ctx *ctx, const char *path, const struct pw_cli_doc *doc,
		      int plan_id)
{
	struct pw_plan plan;
	int rc, id, version, changed;

	pw_plan_init(&plan);
	rc = read_plan(path, doc, &plan);
	if (rc != PW_EXIT_OK)
		return rc;
	if (!ctx->store && pw_store_open(&ctx->store, ctx->db_path) < 0) {
		pw_plan_free(&plan);
		return PW_EXIT_DB;
	}
	if (plan.doc_kind == PW_DOC_ANNUAL) {
		rc = import_annual(ctx, &plan, plan_id);
		pw_plan_free(&plan);
		return rc;
	}
	if (pw_store_import_plan(ctx->store, &plan, pw_cli_actor(NULL), &id, &version, &changed) < 0) {
		pw_plan_free(&plan);
		return pw_err_of(-1, PW_ERR_DB);
	}
	if (changed)
		printf(_("imported plan %d version %d: %s, %zu indicators, %zu targets, "
		       "%zu projects\n"), id, version, plan_name(&plan), count_rows(&plan),
		       plan.ntargets, count_items(&plan));
	else
		printf(_("unchanged: plan %d version %d: %s\n"), id, version, plan_name(&plan));
	pw_plan_free(&plan);
	return PW_EXIT_OK;
}

int cmd_import(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'K' },
		{ "year", required_argument, NULL, 'Y' },
		{ "plan", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_cli_doc doc = PW_CLI_DOC_INIT;
	int c, i, rc, plan_id = 0, worst = PW_EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' ? pw_cli_int(optarg, "plan id", 1, 2147483647, &plan_id) < 0
		    : c == 'K' || c == 'Y' ? pw_cli_doc_option(c, optarg, &doc) < 0 : 1)
			return PW_EXIT_USAGE;
	}
	if (optind >= argc) {
		pw_error("usage: planwatch import FILE... [--kind plan|annual] [--year Y] "
			 "[--plan ID] [--db PATH]");
		return PW_EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		rc = import_one(ctx, argv[i], &doc, plan_id);
		if (rc != PW_EXIT_OK && worst == PW_EXIT_OK)
			worst = rc;
	}
	return worst;
}
