/*
 * help.c - what "planwatch CMD --help" lists: every option each command
 * accepts, with one line on it.  The parsers' option tables (struct option
 * in cmd_*.c) stay where getopt reads them; tests/e2e/t0110-help.sh reads
 * those tables and fails, naming command and option, when one is missing
 * here or in docs/cli.md, so the help cannot drift from the parser.
 * Texts are English sources marked for the catalogue (po/).
 */
#include "cli/cli.h"
#include "util/i18n.h"

#include <stdio.h>
#include <string.h>
#include "util/nelem.h"

#define END { NULL, NULL }

static const struct pw_cli_opt extract_opts[] = {
	{ "--json", N_("print the plan as JSON (the shape of CONTRACT.md)") },
	{ "--kind K", N_("plan or annual (a work report or annual plan; default: from the title)") },
	{ "--year Y", N_("an annual document: the year it sets targets for (default: from the title)") },
	END,
};
static const struct pw_cli_opt lint_opts[] = {
	{ "--json", N_("print {\"diagnostics\": [...]} instead of compiler-style lines") },
	{ "-W<check>", N_("turn a check on (-Wall: every check); docs/lint.md lists them") },
	{ "-Wno-<check>", N_("turn a check off (-Wno-all: every check)") },
	END,
};
static const struct pw_cli_opt import_opts[] = {
	{ "--kind K", N_("plan or annual (a work report or annual plan; default: from the title)") },
	{ "--year Y", N_("an annual document: the year it sets targets for (default: from the title)") },
	{ "--plan ID", N_("an annual document: its five-year plan (default: the one covering the year)") },
	END,
};
static const struct pw_cli_opt annual_opts[] = {
	{ "--plan ID", N_("the plan (default: the only one stored)") },
	{ "--year Y", N_("only the targets of year Y") },
	{ "--json", N_("print JSON") },
	{ "--unapproved", N_("also use values not yet approved") },
	{ "--tolerance X", N_("the tolerance of 左右 targets: 0.05, 5% or 5 (default 5%)") },
	{ "--indicator REF", N_("link: the annual target implements this indicator (id or 表:序号)") },
	{ "--target ID", N_("link: ...or this prose target") },
	{ "--none", N_("link: ...or nothing in the plan") },
	{ "--by NAME", N_("link: who decides (default: $USER)") },
	END,
};
static const struct pw_cli_opt list_opts[] = {
	{ "--json", N_("print the list as JSON") },
	END,
};
static const struct pw_cli_opt show_opts[] = {
	{ "--json", N_("print exactly what \"extract --json\" printed") },
	{ "--version N", N_("that version of the plan (default: the current one)") },
	END,
};
static const struct pw_cli_opt assess_opts[] = {
	{ "--plan ID", N_("only this stored plan") },
	{ "--year Y", N_("assess at year Y (default: the table's end year, or last year)") },
	{ "--tolerance X", N_("the tolerance of 左右 targets: 0.05, 5% or 5 (default 5%)") },
	{ "--json", N_("print JSON") },
	{ "--all", N_("every plan of the database in one pass, one summary each") },
	{ "--threads N", N_("with --all: connections and threads to use (1 to 64, default 1)") },
	{ "--verbose", N_("with --all: say how long it took") },
	END,
};
static const struct pw_cli_opt report_opts[] = {
	{ "--kind K", N_("annual, midterm or final (年度, 中期, 总结); required") },
	{ "--plan ID", N_("the plan (default: the only one stored)") },
	{ "--version N", N_("that version of the plan (default: the current one)") },
	{ "--year Y", N_("the year reported on (default: by kind)") },
	{ "--format F", N_("md, html, xlsx, docx, csv or json (default: from -o, else md)") },
	{ "-o, --output FILE", N_("write to FILE (default: standard output)") },
	{ "--tolerance X", N_("the tolerance of 左右 targets: 0.05, 5% or 5 (default 5%)") },
	{ "--unapproved", N_("also use values not yet approved") },
	END,
};
static const struct pw_cli_opt unit_opts[] = {
	{ "--parent NAME", N_("unit add: the unit it belongs to") },
	{ "--by NAME", N_("who makes the change (default: $USER)") },
	END,
};
static const struct pw_cli_opt assign_opts[] = {
	{ "--indicator ID", N_("an indicator: row id or TABLE:NO[:NAME]") },
	{ "--target ID", N_("a prose target by row id") },
	{ "--project ID", N_("a 专栏 project by row id") },
	{ "--unit NAME", N_("the lead unit") },
	{ "--year Y", N_("from year Y on (list: as of year Y)") },
	{ "--plan ID", N_("list, import: only this plan") },
	{ "--by NAME", N_("who makes the change (default: $USER)") },
	END,
};
static const struct pw_cli_opt record_opts[] = {
	{ "--indicator ID", N_("an indicator: row id or TABLE:NO[:NAME]") },
	{ "--target ID", N_("a prose target by row id") },
	{ "--project ID", N_("a 专栏 project by row id (records its progress)") },
	{ "--year Y", N_("the year of the value") },
	{ "--value V", N_("the value") },
	{ "--unit U", N_("the unit of the value, if not the indicator's") },
	{ "--source S", N_("where the value comes from (统计公报…)") },
	{ "--note N", N_("a note") },
	{ "--estimated", N_("the value is an estimate (预计数)") },
	{ "--state S", N_("draft or submitted (草稿, 已报送; default draft)") },
	{ "--status S", N_("project: not_started, in_progress, completed… (未开工, 推进中, 已完成…)") },
	{ "--percent P", N_("project: percent complete, 0 to 100") },
	{ "--investment X", N_("project: investment so far") },
	{ "--by NAME", N_("who enters it (default: $USER)") },
	END,
};
static const struct pw_cli_opt data_opts[] = {
	{ "--plan ID", N_("rows name indicators of this plan") },
	{ "--state S", N_("draft, submitted or approved (default submitted)") },
	{ "--source TEXT", N_("the source of rows that name none") },
	{ "--dry-run", N_("check every row, write nothing") },
	{ "--by NAME", N_("who enters it (default: $USER)") },
	END,
};
static const struct pw_cli_opt obs_opts[] = {
	{ "--indicator ID", N_("list: values of this indicator only") },
	{ "--target ID", N_("list: values of this prose target only") },
	{ "--history", N_("list: every version, not only the current one") },
	{ "--json", N_("list: print JSON") },
	{ "--unit NAME", N_("values of the rows this unit leads in their year") },
	{ "--year Y", N_("values of this year") },
	{ "--state S", N_("list: draft, submitted, approved or returned values") },
	{ "--batch N|FILE", N_("values one data import wrote (its number, or its file)") },
	{ "--all", N_("submit, approve, return: every value the filters select, at once") },
	{ "--note TEXT", N_("submit, approve, return: a note on the step") },
	{ "--by NAME", N_("who takes the step (default: $USER)") },
	END,
};
static const struct pw_cli_opt progress_opts[] = {
	{ "--project ID", N_("list: progress of this project only") },
	{ "--history", N_("list: every version, not only the current one") },
	{ "--json", N_("list: print JSON") },
	{ "--note TEXT", N_("submit, approve, return: a note on the step") },
	{ "--by NAME", N_("who takes the step (default: $USER)") },
	END,
};
static const struct pw_cli_opt target_opts[] = {
	{ "--indicator ID", N_("an indicator: row id or TABLE:NO[:NAME]") },
	{ "--target ID", N_("a prose target by row id") },
	{ "--value V", N_("set: the target value") },
	{ "--value-hi V", N_("set: the upper value of a range") },
	{ "--cmp C", N_("set: ge, le, eq, approx or range (不低于, 不超过, 等于, 左右, 区间)") },
	{ "--kind K", N_("set: level, growth, cumulative or annual (目标值, 年均增长, 累计, 每年)") },
	{ "--year Y", N_("set: the year it is due") },
	{ "--unit U", N_("set: the unit of the value") },
	{ "--source TEXT", N_("set: the document that sets it") },
	{ "--note TEXT", N_("set: a note") },
	{ "--none", N_("link: the prose target restates no table indicator") },
	{ "--by NAME", N_("who sets it (default: $USER)") },
	END,
};
static const struct pw_cli_opt limit_opts[] = {
	{ "--indicator ID", N_("an indicator: row id or TABLE:NO[:NAME]") },
	{ "--target ID", N_("a prose target by row id") },
	{ "--min V", N_("the smallest plausible value (in the indicator's unit)") },
	{ "--max V", N_("the largest plausible value (in the indicator's unit)") },
	{ "--clear", N_("no limits any more") },
	{ "--note TEXT", N_("why: shown with the limits and in the refusal") },
	{ "--by NAME", N_("who sets it (default: $USER)") },
	END,
};
static const struct pw_cli_opt deadline_opts[] = {
	{ "--plan ID", N_("the plan; required") },
	{ "--year Y", N_("the year of the figures; required") },
	{ "--unit NAME", N_("the deadline of this unit only (default: of every unit)") },
	{ "--date YYYY-MM-DD", N_("set: the day the figures are due") },
	{ "--clear", N_("back to the default (the plan's deadline, else 31 March of Y+1)") },
	{ "--note TEXT", N_("set: a note") },
	{ "--by NAME", N_("who sets it (default: $USER)") },
	END,
};
static const struct pw_cli_opt template_opts[] = {
	{ "--unit NAME", N_("the responsible unit; required") },
	{ "--year Y", N_("the year to fill in; required") },
	{ "--xlsx", N_("an Excel workbook (the default)") },
	{ "--csv", N_("a CSV file (-o - for standard output)") },
	{ "-o, --output FILE", N_("the file (default: NAME-Y-填报.xlsx)") },
	END,
};
static const struct pw_cli_opt serve_opts[] = {
	{ "--port N", N_("the TCP port (default 8080)") },
	{ "--host ADDR", N_("the address to listen on (default 127.0.0.1)") },
	{ "--threads N", N_("worker threads, each with its own database connection (default 4)") },
	{ "--access-log FILE", N_("append one line per request to FILE (default: standard error)") },
	{ "--idle-timeout SEC", N_("seconds after which an unused session ends (default 1800)") },
	{ "--cookie-secure", N_("mark the session cookie Secure (behind a TLS proxy)") },
	{ "--tls-cert FILE", N_("serve HTTPS with this PEM certificate (chain); needs --tls-key") },
	{ "--tls-key FILE", N_("the certificate's PEM private key, unencrypted") },
	{ "--trusted-proxy ADDR", N_("the reverse proxy's IP address: its requests' client is the last "
				     "address of X-Forwarded-For (access log, sign-in throttle)") },
	END,
};
static const struct pw_cli_opt user_opts[] = {
	{ "--role ROLE", N_("with add: admin, planner, editor or viewer") },
	{ "--unit NAME", N_("with add: the unit an editor enters data for") },
	{ "--json", N_("with list: print JSON") },
	END,
};
static const struct pw_cli_opt backup_opts[] = {
	{ "-o, --output FILE", N_("the copy to write; required, never the database itself") },
	END,
};

static const struct {
	const char *cmd;
	const struct pw_cli_opt *opts;
} by_command[] = {
	{ "extract", extract_opts }, { "lint", lint_opts }, { "import", import_opts }, { "list", list_opts },
	{ "show", show_opts }, { "assess", assess_opts }, { "report", report_opts },
	{ "unit", unit_opts }, { "assign", assign_opts }, { "record", record_opts },
	{ "data", data_opts }, { "obs", obs_opts }, { "progress", progress_opts },
	{ "target", target_opts }, { "limit", limit_opts }, { "deadline", deadline_opts },
	{ "template", template_opts }, { "annual", annual_opts },
	{ "serve", serve_opts }, { "user", user_opts }, { "backup", backup_opts },
	{ "restore", NULL }, { "check", NULL },
};

/* Every command takes these (main.c handles them). */
static const struct pw_cli_opt global_opts[] = {
	{ "--db PATH", N_("the database (else $PLANWATCH_DB, else ./planwatch.db)") },
	{ "-h, --help", N_("this help") },
	END,
};

static void print_opts(FILE *f, const struct pw_cli_opt *o)
{
	for (; o && o->spelling; o++)
		fprintf(f, "  %-20s %s\n", o->spelling, _(o->help));
}

void pw_cli_print_options(FILE *f, const char *cmd)
{
	size_t i;

	for (i = 0; i < NELEM(by_command); i++)
		if (!strcmp(by_command[i].cmd, cmd))
			print_opts(f, by_command[i].opts);
	print_opts(f, global_opts);
}
