/*
 * cmd_user.c - "planwatch user add|passwd|disable|list": the accounts of
 * the web side (docs/cli.md).  Passwords are read from standard input,
 * one line, never from the command line (where ps and shell history would
 * show them), and stored as argon2id hashes (web/auth.h).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "store/users.h"
#include "text/utf8.h"
#include "util/error.h"
#include "web/auth.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "user add NAME --role admin|planner|editor|viewer [--unit UNIT] | " \
	      "user passwd NAME | user disable NAME | user list [--json]"
#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

/* Reads one line from standard input and hashes it into hash.  0, or
 * -1 (reported) for no line, a too short or too long password. */
static int read_password(char hash[PW_AUTH_HASH_MAX])
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	int rc;

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		rc = pw_error("the password (one line on standard input) must have %d to %d bytes",
			      PASSWORD_MIN, PASSWORD_MAX);
	else
		rc = pw_auth_hash(line, hash);
	if (line)
		sodium_memzero(line, cap);
	free(line);
	return rc;
}

static int user_add(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' }, { "unit", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *unit = NULL;
	char hash[PW_AUTH_HASH_MAX];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			role = optarg;
		else if (c == 'u')
			unit = optarg;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc - 1 || !role)
		return pw_cli_usage(USAGE);
	if (!pw_user_role_valid(role))
		return pw_error("unknown role '%s' (admin, planner, editor or viewer)", role),
		       PW_EXIT_USAGE;
	if (!strcmp(role, "editor") && !unit)
		return pw_error("an editor needs the unit it enters data for (--unit)"),
		       PW_EXIT_USAGE;
	if (read_password(hash) < 0)
		return PW_EXIT_INPUT;
	rc = pw_store_user_add(ctx->store, argv[optind], role, unit, hash, pw_cli_actor(NULL),
			       NULL);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf("user %s: %s%s%s\n", argv[optind], role, unit ? " of " : "", unit ? unit : "");
	return PW_EXIT_OK;
}

static int user_passwd(const char *name, struct pw_ctx *ctx)
{
	char hash[PW_AUTH_HASH_MAX];
	struct pw_user u;
	int rc = pw_store_user_get(ctx->store, name, &u);

	if (rc == PW_STORE_NOTFOUND)
		pw_error("no user '%s'", name);
	if (rc < 0)
		return pw_cli_exit(rc);
	pw_user_release(&u);
	if (read_password(hash) < 0)
		return PW_EXIT_INPUT;
	rc = pw_store_user_set_password(ctx->store, name, hash, pw_cli_actor(NULL));
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf("user %s: password changed, sessions ended\n", name);
	return PW_EXIT_OK;
}

static int user_disable(const char *name, struct pw_ctx *ctx)
{
	int rc = pw_store_user_disable(ctx->store, name, pw_cli_actor(NULL));

	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf("user %s: disabled, sessions ended\n", name);
	return PW_EXIT_OK;
}

static void print_user(const struct pw_user *u)
{
	const char *unit = u->unit ? u->unit : "-";

	printf("%-*s %-8s %-*s %s%s\n", pw_utf8_pad(u->name, 16), u->name, u->role,
	       pw_utf8_pad(unit, 16), unit,
	       u->created_at ? u->created_at : "", u->disabled ? "  (disabled)" : "");
}

static int user_list(int json, struct pw_ctx *ctx)
{
	struct pw_user *users;
	size_t n, i;
	json_t *a;

	if (pw_store_user_list(ctx->store, &users, &n) < 0)
		return PW_EXIT_DB;
	if (!json) {
		for (i = 0; i < n; i++)
			print_user(&users[i]);
		pw_user_free_array(users, n);
		return PW_EXIT_OK;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s?, s:b, s:s?}", "id",
			(json_int_t)users[i].id, "username", users[i].name, "role", users[i].role,
			"unit", users[i].unit, "disabled", users[i].disabled, "created_at",
			users[i].created_at));
	json_dumpf(a, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(a);
	pw_user_free_array(users, n);
	return PW_EXIT_OK;
}

int cmd_user(int argc, char **argv, struct pw_ctx *ctx)
{
	const char *verb = argc > 1 ? argv[1] : "";

	if (pw_auth_init() < 0)
		return PW_EXIT_FAIL;
	if (!strcmp(verb, "add"))
		return user_add(argc - 1, argv + 1, ctx);
	if (!strcmp(verb, "list") && (argc == 2 || (argc == 3 && !strcmp(argv[2], "--json"))))
		return user_list(argc == 3, ctx);
	if (argc == 3 && !strcmp(verb, "passwd"))
		return user_passwd(argv[2], ctx);
	if (argc == 3 && !strcmp(verb, "disable"))
		return user_disable(argv[2], ctx);
	return pw_cli_usage(USAGE);
}
