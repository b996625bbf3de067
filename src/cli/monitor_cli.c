/*
 * monitor_cli.c - option helpers of the monitoring commands
 * (monitor_cli.h).
 */
#include "cli/monitor_cli.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <string.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int64_t pw_cli_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return *s && !*end && v > 0 ? (int64_t)v : 0;
}

int pw_cli_year(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 1900 && v <= 2200 ? (int)v : 0;
}

const char *pw_cli_actor(const char *by)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (by && *by)
		return by;
	if (!u || !*u)
		u = getenv("LOGNAME");
	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

int pw_cli_exit(int rc)
{
	if (rc == PW_STORE_NOTFOUND)
		return PW_EXIT_NOTFOUND;
	return rc < 0 ? PW_EXIT_DB : PW_EXIT_OK;
}

int pw_cli_usage(const char *text)
{
	pw_error("usage: planwatch %s", text);
	return PW_EXIT_USAGE;
}

/* "表2:9:城镇登记失业率" -> table 2, no "9", name; -1 when not that form. */
static int split_ref(const char *arg, int *table, struct strbuf *no, struct strbuf *name)
{
	const char *p = arg, *colon = strchr(arg, ':');
	const char *second;

	if (!colon)
		return -1;
	while (p < colon && !isdigit((unsigned char)*p))
		p++;
	*table = (int)strtol(p, NULL, 10);
	second = strchr(colon + 1, ':');
	sb_add(no, colon + 1, second ? (size_t)(second - colon - 1) : strlen(colon + 1));
	if (second)
		sb_addstr(name, second + 1);
	return *table > 0 ? 0 : -1;
}

static int resolve_ref(struct pw_store *s, const char *arg, int64_t *id)
{
	struct strbuf no = STRBUF_INIT, name = STRBUF_INIT;
	const char *why = NULL;
	int table, rc = split_ref(arg, &table, &no, &name);

	if (rc == 0)
		rc = pw_store_find_indicator(s, 0, table, no.buf, name.len ? name.buf : NULL, id, &why);
	if (rc == PW_STORE_NOTFOUND)
		rc = pw_error("indicator '%s': %s", arg, why);
	else if (rc < 0 && !why)
		rc = pw_error("'%s' is not an id or TABLE:NO[:NAME] (see 'planwatch assign list')", arg);
	sb_release(&no);
	sb_release(&name);
	return rc < 0 ? -1 : 0;
}

int pw_cli_set_ref(struct pw_store *s, struct pw_cli_ref *r, enum pw_entity e,
		   const char *arg)
{
	if (r->id)
		return pw_error("give one of --indicator, --target, --project");
	r->entity = e;
	r->id = pw_cli_id(arg);
	if (r->id)
		return 0;
	if (e == PW_ENTITY_INDICATOR && s)
		return resolve_ref(s, arg, &r->id);
	return pw_error("'%s' is not an id (see 'planwatch assign list')", arg);
}
