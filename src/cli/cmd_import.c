/*
 * cmd_import.c - "planwatch import FILE... [--db PATH]": extract each plan
 * document and store it (one transaction per file; unchanged documents
 * write nothing, edited ones become a new version of the same plan).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
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
static int read_plan(const char *path, struct pw_plan *p)
{
	struct pw_doc d;
	char sum[65];

	if (pw_doc_load(&d, path) < 0)
		return PW_EXIT_INPUT;
	if (pw_ingest_doc(&d, p) < 0) {
		pw_doc_release(&d);
		return PW_EXIT_INPUT;
	}
	if (!p->checksum) {
		pw_store_text_sha256_hex(d.text, d.text_len, sum);
		p->checksum = xstrdup(sum);
	}
	pw_doc_release(&d);
	if (!p->ntables && !p->ntargets && !p->ncolumns) {
		pw_error("'%s': no indicator table, target or 专栏 found: nothing imported", path);
		pw_plan_free(p);
		return PW_EXIT_INPUT;
	}
	return PW_EXIT_OK;
}

/* The database is opened (created if new) only once a plan has been read,
 * so that an import that fails leaves no new empty database behind. */
static int import_one(struct pw_ctx *ctx, const char *path)
{
	struct pw_plan plan;
	int rc, id, version, changed;

	pw_plan_init(&plan);
	rc = read_plan(path, &plan);
	if (rc != PW_EXIT_OK)
		return rc;
	if (!ctx->store && pw_store_open(&ctx->store, ctx->db_path) < 0) {
		pw_plan_free(&plan);
		return PW_EXIT_DB;
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
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int i, rc, worst = PW_EXIT_OK;

	optind = 1;
	if (getopt_long(argc, argv, "", opts, NULL) != -1 || optind >= argc) {
		pw_error("usage: planwatch import FILE... [--db PATH]");
		return PW_EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		rc = import_one(ctx, argv[i]);
		if (rc != PW_EXIT_OK && worst == PW_EXIT_OK)
			worst = rc;
	}
	return worst;
}
