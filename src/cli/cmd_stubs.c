/* cmd_stubs.c - commands not yet written; each moves to its own file. */
#include "cli/cli.h"
#include "util/error.h"

int cmd_import(int argc, char **argv, struct pw_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	return pw_error("import: not yet available"), PW_EXIT_FAIL;
}

int cmd_list(int argc, char **argv, struct pw_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	return pw_error("list: not yet available"), PW_EXIT_FAIL;
}

int cmd_show(int argc, char **argv, struct pw_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	return pw_error("show: not yet available"), PW_EXIT_FAIL;
}

int cmd_assess(int argc, char **argv, struct pw_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	return pw_error("assess: not yet available"), PW_EXIT_FAIL;
}
