/*
 * target_text.c - the reader's wording of a cumulative or growth target
 * (target_text.h).
 */
#include "model/target_text.h"
#include "text/utf8.h"

#include <string.h>

/* "累计5" for "[5]", "〔5〕"...; "累计" + text for text without brackets. */
static void add_cumulative(struct strbuf *sb, const char *s)
{
	static const char *const opens[] = { "[", "〔", "［", "【" };
	static const char *const closes[] = { "]", "〕", "］", "】" };
	size_t i, n;

	if (pw_utf8_starts(s, "累计")) {
		sb_addstr(sb, s);
		return;
	}
	sb_addstr(sb, "累计");
	for (i = 0; i < sizeof(opens) / sizeof(opens[0]); i++) {
		const char *end;

		n = strlen(opens[i]);
		if (strncmp(s, opens[i], n) || !(end = strstr(s + n, closes[i])))
			continue;
		sb_add(sb, s + n, (size_t)(end - s - n));
		sb_addstr(sb, end + strlen(closes[i]));
		return;
	}
	sb_addstr(sb, s);
}

/* "年均增长7%左右" for "7左右" or "8 左右": a % after the leading rate;
 * text already starting with 年均 as is. */
static void add_growth(struct strbuf *sb, const char *s)
{
	size_t n = strspn(s, "+-0123456789.");

	if (pw_utf8_starts(s, "年均")) {
		sb_addstr(sb, s);
		return;
	}
	sb_addstr(sb, "年均增长");
	if (!n) {
		sb_addstr(sb, s);
		return;
	}
	sb_add(sb, s, n);
	s += n;
	s += pw_utf8_blanks(s);
	if (*s != '%' && !pw_utf8_starts(s, "％"))
		sb_addch(sb, '%');
	sb_addstr(sb, s);
}

void pw_target_text(struct strbuf *sb, enum pw_kind k, const char *text, int start, int end)
{
	const char *s = text ? text : "";

	if (k == PW_KIND_CUMULATIVE) {
		add_cumulative(sb, s);
		if (start && end)
			sb_addf(sb, "（%d—%d年）", start, end);
	} else if (k == PW_KIND_GROWTH && *s) {
		add_growth(sb, s);
	} else {
		sb_addstr(sb, s);
	}
}
