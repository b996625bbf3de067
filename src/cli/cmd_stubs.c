/* cmd_stubs.c - commands not yet written; each moves to its own file. */
#include "cli/cli.h"
#include "util/error.h"
