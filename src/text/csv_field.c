/*
 * csv_field.c - the one CSV field writer (csv_field.h), used by the
 * report writers and the monitoring templates alike.
 */
#include "text/csv_field.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>

/* What a spreadsheet would run as a formula when it opens the file (=, +,
 * -, @, a tab or a CR first), unless it is a plain number ("-3.2"). */
static bool formula_like(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789");

	if (!*s || !strchr(PW_CSV_FORMULA_START, *s))
		return false;
	if (digits && p[digits] == '.' && p[digits + 1]) {
		p += digits + 1;
		digits = strspn(p, "0123456789");
	}
	return !(digits && !p[digits]);
}

void pw_csv_field(struct strbuf *out, const char *s)
{
	const char *p;
	bool guard;

	if (!s)
		s = "";
	guard = formula_like(s);
	if (!strpbrk(s, ",;\t\"\r\n")) {
		if (guard)
			sb_addch(out, '\'');
		sb_addstr(out, s);
		return;
	}
	sb_addch(out, '"');
	if (guard)
		sb_addch(out, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			sb_addch(out, '"');
		sb_addch(out, *p);
	}
	sb_addch(out, '"');
}
