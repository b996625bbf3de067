/*
 * value.c - numbers and units of measure as responsible units type them
 * (batch.h): full-width digits, thousands separators, 预计, a unit after
 * the number; and the documented unit equivalents (docs/monitoring.md).
 */
#include "monitor/batch.h"
#include "text/number.h"
#include "store/monitor.h"
#include "text/utf8.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>
#include "util/nelem.h"

/* A unit written after a number holds no ASCII letter, digit or
 * punctuation other than % / ( ) and blanks: "12abc", "1.2.3", "12-" and
 * "1e5" are not numbers, "12万元", "80 %", "3.5（%）" are. */
static bool unit_suffix_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x80 && !strchr("%/() \t", *s))
			return false;
	return true;
}

int pw_batch_parse_value(const char *s, double *v, bool *estimated, char *unit,
			 size_t unit_size)
{
	struct strbuf sb = STRBUF_INIT, rest = STRBUF_INIT;
	const char *p;
	size_t n;
	int rc = -1;

	*estimated = false;
	unit[0] = '\0';
	pw_monitor_fold(s, &sb);
	p = sb.buf;
	if ((n = pw_utf8_starts(p, "预计")) > 0) {
		*estimated = true;
		p += n;
		p += pw_utf8_blanks(p);
	}
	n = pw_scan_number(p, v);
	if (n) {
		sb_addstr(&rest, p + n);
		pw_utf8_trim(&rest);
		if (rest.len < unit_size && unit_suffix_ok(rest.buf)) {
			memcpy(unit, rest.buf, rest.len + 1);
			rc = 0;
		}
	}
	sb_release(&sb);
	sb_release(&rest);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Units of measure                                                   */

/* Units of one dimension share a group; factor is in the group's base. */
static const struct unit_def {
	const char *name;
	int group;
	double factor;
} unit_defs[] = {
	{ "元", 1, 1 }, { "万元", 1, 1e4 }, { "亿元", 1, 1e8 },
	{ "美元", 2, 1 }, { "万美元", 2, 1e4 }, { "亿美元", 2, 1e8 },
	{ "人", 3, 1 }, { "万人", 3, 1e4 },
	{ "吨", 4, 1 }, { "万吨", 4, 1e4 },
	{ "米", 5, 1 }, { "千米", 5, 1e3 }, { "公里", 5, 1e3 },
	{ "平方米", 6, 1 }, { "万平方米", 6, 1e4 }, { "平方千米", 6, 1e6 }, { "平方公里", 6, 1e6 },
	{ "亩", 7, 1 }, { "万亩", 7, 1e4 },
	{ "千瓦", 8, 1 }, { "万千瓦", 8, 1e4 },
	{ "户", 9, 1 }, { "万户", 9, 1e4 },
	{ "千瓦时", 10, 1 }, { "万千瓦时", 10, 1e4 }, { "亿千瓦时", 10, 1e8 },
	{ "吨标准煤", 11, 1 }, { "万吨标准煤", 11, 1e4 },
	{ "%", 12, 1 }, { "百分比", 12, 1 },
};

#define NUNITS NELEM(unit_defs)

/* A unit without blanks, brackets and 、, full-width forms as ASCII. */
static void unit_key(const char *u, struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p;
	size_t n;

	pw_monitor_name_key(u, &tmp);
	sb_reset(out);
	for (p = tmp.buf; *p;) {
		if ((n = pw_utf8_starts(p, "（")) || (n = pw_utf8_starts(p, "）")) ||
		    (n = pw_utf8_starts(p, "、")))
			p += n;
		else if (*p == '(' || *p == ')')
			p++;
		else
			sb_addch(out, *p++);
	}
	sb_release(&tmp);
}

static const struct unit_def *find_unit(const char *key)
{
	size_t i;

	for (i = 0; i < NUNITS; i++)
		if (!strcmp(unit_defs[i].name, key))
			return &unit_defs[i];
	return NULL;
}

double pw_batch_unit_factor(const char *from, const char *to)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const struct unit_def *x, *y;
	double f = 0;

	if (!strcmp(from, to))
		return 1;
	unit_key(from, &a);
	unit_key(to, &b);
	if (!strcmp(a.buf, b.buf)) {
		f = 1;
	} else {
		x = find_unit(a.buf);
		y = find_unit(b.buf);
		if (x && y && x->group == y->group)
			f = x->factor / y->factor;
	}
	sb_release(&a);
	sb_release(&b);
	return f;
}

/* ------------------------------------------------------------------ */
/* Limits the planning office set                                     */

void pw_batch_limits_text(const struct pw_limits *l, const char *unit, struct strbuf *out)
{
	sb_reset(out);
	if (l->has_min && l->has_max)
		sb_addf(out, "%.15g–%.15g", l->min, l->max);
	else if (l->has_min)
		sb_addf(out, "≥ %.15g", l->min);
	else if (l->has_max)
		sb_addf(out, "≤ %.15g", l->max);
	if (out->len && unit && *unit)
		sb_addf(out, " %s", unit);
}

int pw_batch_limits_check(const struct pw_limits *l, double v, const char *unit,
			  struct strbuf *why)
{
	bool out = (l->has_min && v < l->min) || (l->has_max && v > l->max);

	pw_batch_limits_text(l, unit, why);
	return out;
}
