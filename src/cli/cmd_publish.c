/*
 * cmd_publish.c - "planwatch publish --db PATH -o DIR [--assets DIR]": the
 * public pages and open data as static files (web/publish.c).
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/error.h"
#include "web/web.h"

#include <getopt.h>
#include <stdio.h>

#define USAGE "usage: planwatch publish -o|--output DIR [--db PATH] [--assets DIR]"

int cmd_publish(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "assets", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *assets = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'a')
			assets = optarg;
		else
			out = NULL, optind = argc + 1;
	}
	if (!out || optind != argc) {
		fputs(USAGE "\n", stderr);
		return PW_EXIT_USAGE;
	}
	pw_store_close(ctx->store); /* the pages open their own connection */
	ctx->store = NULL;
	return pw_web_publish(ctx->db_path, out, assets) < 0 ? PW_EXIT_FAIL : PW_EXIT_OK;
}
