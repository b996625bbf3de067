/*
 * cmd_serve.c - "planwatch serve": the web server and its JSON API
 * (web/web.h, docs/api.md) on the database of --db.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/error.h"
#include "web/web.h"

#include <getopt.h>
#include <stdio.h>

#define USAGE "usage: planwatch serve [--db PATH] [--port N] [--host ADDR] [--threads N] " \
	      "[--access-log FILE] [--idle-timeout SEC] [--cookie-secure] [--demo-db PATH] " \
	      "[--assets DIR] [--tls-cert FILE --tls-key FILE] [--trusted-proxy ADDR]"

static int parse_args(int argc, char **argv, struct pw_web_opts *o)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' }, { "host", required_argument, NULL, 'H' },
		{ "threads", required_argument, NULL, 't' },
		{ "access-log", required_argument, NULL, 'l' },
		{ "idle-timeout", required_argument, NULL, 'i' },
		{ "cookie-secure", no_argument, NULL, 's' },
		{ "demo-db", required_argument, NULL, 'd' }, { "assets", required_argument, NULL, 'a' },
		{ "tls-cert", required_argument, NULL, 'C' }, { "tls-key", required_argument, NULL, 'K' },
		{ "trusted-proxy", required_argument, NULL, 'P' }, { NULL, 0, NULL, 0 },
	};
	int c, rc = 0, v;

	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' && (rc = pw_cli_int(optarg, "port", 0, 65535, &v)) == 0)
			o->port = v;
		else if (c == 't' && (rc = pw_cli_int(optarg, "thread count", 1, 64, &v)) == 0)
			o->threads = (unsigned)v;
		else if (c == 'i' && (rc = pw_cli_int(optarg, "idle timeout", 1, 86400, &v)) == 0)
			o->idle_sec = v;
		else if (c == 'H')
			o->host = optarg;
		else if (c == 'l')
			o->access_log = optarg;
		else if (c == 's')
			o->secure_cookie = true;
		else if (c == 'd')
			o->demo_db = optarg;
		else if (c == 'a')
			o->assets = optarg;
		else if (c == 'C')
			o->tls_cert = optarg;
		else if (c == 'K')
			o->tls_key = optarg;
		else if (c == 'P')
			o->trusted_proxy = optarg;
		else if (c != 'p' && c != 't' && c != 'i')
			rc = -1;
	}
	return rc == 0 && optind == argc ? 0 : -1;
}

int cmd_serve(int argc, char **argv, struct pw_ctx *ctx)
{
	struct pw_web_opts o;

	pw_web_opts_init(&o);
	o.db_path = ctx->db_path;
	if (parse_args(argc, argv, &o) < 0) {
		fputs(USAGE "\n", stderr);
		return PW_EXIT_USAGE;
	}
	if (!o.tls_cert != !o.tls_key) {
		pw_error("--tls-cert and --tls-key go together: give both or neither");
		return PW_EXIT_USAGE;
	}
	/* main opened it to check it exists; the server opens one per thread */
	pw_store_close(ctx->store);
	ctx->store = NULL;
	/* a file of --tls-cert or --tls-key: input (3); --trusted-proxy not
	 * an address: usage (2); the address: 1 */
	return pw_err_of(pw_web_serve(&o), PW_ERR_FAIL);
}
