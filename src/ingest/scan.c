/*
 * scan.c - small scanners shared by the meta, outline and 专栏 readers;
 * see scan.h.
 */
#include "ingest/scan.h"
#include "text/utf8.h"

#include <string.h>
#include "util/nelem.h"

bool pw_scan_blank(const char *s)
{
	return !s[pw_utf8_blanks(s)];
}

static const char *const plan_names[] = {
	"十一五", "十二五", "十三五", "十四五", "十五五", "十六五", "十七五", "十八五", "十九五",
};
#define FIRST_NAMED_PLAN 11

const char *pw_scan_plan_name(int ordinal)
{
	size_t i = (size_t)(ordinal - FIRST_NAMED_PLAN);

	return ordinal >= FIRST_NAMED_PLAN && i < NELEM(plan_names)
		       ? plan_names[i]
		       : NULL;
}

int pw_scan_plan_name_at(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(plan_names); i++)
		if (pw_utf8_starts(s, plan_names[i]))
			return FIRST_NAMED_PLAN + (int)i;
	return 0;
}

/* Length of a closing quote or bracket that ends [s, s+len), or 0. */
static size_t closer_len(const char *s, size_t len)
{
	static const char *const closers[] = { "”", "’", "）", "」", "』", ")", "\"" };
	size_t i, n;

	for (i = 0; i < NELEM(closers); i++) {
		n = strlen(closers[i]);
		if (len >= n && !memcmp(s + len - n, closers[i], n))
			return n;
	}
	return 0;
}

bool pw_scan_ends_sentence(const char *s, size_t len)
{
	static const char *const enders[] = { "。", "！", "？", "；", "!", "?", ";" };
	size_t i, n;

	len = pw_utf8_rtrim(s, len);
	if ((n = closer_len(s, len)))
		len -= n;
	for (i = 0; i < NELEM(enders); i++) {
		n = strlen(enders[i]);
		if (len >= n && !memcmp(s + len - n, enders[i], n))
			return true;
	}
	return false;
}

size_t pw_scan_width(const char *s, size_t len)
{
	return pw_utf8_columns(s, len);
}
