/*
 * cmd_unit.c - "planwatch unit add NAME [--parent NAME]", "unit list":
 * the responsible units (牵头单位/责任单位).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "text/utf8.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define USAGE "unit add NAME [--parent NAME] [--by NAME] | unit list"

static int unit_add(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "parent", required_argument, NULL, 'p' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *parent = NULL, *by = NULL;
	int64_t id;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p')
			parent = optarg;
		else if (c == 'b')
			by = optarg;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc - 1)
		return pw_cli_usage(USAGE);
	rc = pw_store_unit_add(ctx->store, argv[optind], parent, pw_cli_actor(by), &id);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf(_("unit %lld: %s\n"), (long long)id, argv[optind]);
	return PW_EXIT_OK;
}

static int unit_list(struct pw_ctx *ctx)
{
	struct pw_unit *u;
	size_t i, n;

	if (pw_store_unit_list(ctx->store, &u, &n) < 0)
		return PW_EXIT_DB;
	for (i = 0; i < n; i++)
		printf("%4lld  %-*s %4d assigned%s%s\n", (long long)u[i].id,
		       pw_utf8_pad(u[i].name, 24), u[i].name,
		       u[i].nassigned, u[i].parent ? "  under " : "",
		       u[i].parent ? u[i].parent : "");
	if (!n)
		printf("%s\n", _("no units (add one with 'planwatch unit add NAME')"));
	pw_unit_free_array(u, n);
	return PW_EXIT_OK;
}

int cmd_unit(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return unit_add(argc - 1, argv + 1, ctx);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return unit_list(ctx);
	return pw_cli_usage(USAGE);
}
