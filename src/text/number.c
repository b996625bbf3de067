/*
 * number.c - numbers (ASCII and Chinese numerals), rates, comparator words
 * and value cells as plans write them (see number.h for what is
 * understood).  The numeral and comparator readers here serve the table,
 * outline, 专栏 and prose readers alike.
 */
#include "text/number.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/nelem.h"

/* pw_utf8_starts with a first-byte check: most positions fail at once. */
static size_t starts(const char *s, const char *lit)
{
	return *s == *lit ? pw_utf8_starts(s, lit) : 0;
}

struct word {
	const char *w;
	enum pw_cmp cmp;
};

#define BOUND_WORD(s, cmp) { s, PW_CMP_##cmp },

/* Longest first where one word is a prefix of another. */
static const struct word prefix_words[] = {
	{ "力争超过", PW_CMP_GE }, { "力争达到", PW_CMP_EQ }, { "力争", PW_CMP_EQ },
	PW_BOUND_WORDS(BOUND_WORD)
	{ "约", PW_CMP_APPROX }, { "达到", PW_CMP_EQ }, { "保持在", PW_CMP_EQ },
	{ "稳定在", PW_CMP_EQ }, { "控制在", PW_CMP_LE },
};

static const struct word suffix_words[] = {
	{ "及以上", PW_CMP_GE }, { "以上", PW_CMP_GE }, { "之上", PW_CMP_GE },
	{ "及以下", PW_CMP_LE }, { "以下", PW_CMP_LE }, { "以内", PW_CMP_LE },
	{ "之内", PW_CMP_LE }, { "之下", PW_CMP_LE },
	{ "左右", PW_CMP_APPROX }, { "上下", PW_CMP_APPROX },
};

static size_t match_word(const char *s, const struct word *tab, size_t n,
			 enum pw_cmp *cmp)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = starts(s, tab[i].w);
		if (len) {
			*cmp = tab[i].cmp;
			return len;
		}
	}
	return 0;
}

size_t pw_scan_cmp_prefix(const char *s, enum pw_cmp *cmp)
{
	return match_word(s, prefix_words, NELEM(prefix_words), cmp);
}

size_t pw_scan_cmp_suffix(const char *s, enum pw_cmp *cmp)
{
	return match_word(s, suffix_words, NELEM(suffix_words), cmp);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits of a thousands group after a comma: exactly three, then no digit. */
static bool thousands_group(const char *s)
{
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && !is_digit(s[3]);
}

#define FW_COMMA "\xef\xbc\x8c" /* U+FF0C, also the Chinese sentence comma */

/* Bytes of a thousands separator at s (',' or a full-width '，') after a
 * run of run digits: the run is a first group of 1-3 digits (or, when
 * later, a group of exactly 3) and exactly three digits follow ("1,080",
 * "１５，６８０"); else 0 ("增长10，比去年", "12,34", "12345,678"). */
static size_t thousands_sep(const char *s, size_t run, bool later)
{
	size_t k = s[0] == ',' ? 1 : starts(s, FW_COMMA);

	if (!k || run < 1 || run > 3 || (later && run != 3))
		return 0;
	return thousands_group(s + k) ? k : 0;
}

size_t pw_scan_number(const char *s, double *out)
{
	char buf[64];
	size_t i = 0, n = 0, run = 0, k;
	bool grouped = false;

	*out = 0;
	if ((s[0] == '-' || s[0] == '+') && is_digit(s[1]))
		buf[n++] = s[i++];
	if (!is_digit(s[i]))
		return 0;
	while (n < sizeof(buf) - 2) {
		if (is_digit(s[i])) {
			buf[n++] = s[i++];
			run++;
		} else if (!memchr(buf, '.', n) && (k = thousands_sep(s + i, run, grouped))) {
			i += k;
			run = 0;
			grouped = true;
		} else if (s[i] == '.' && is_digit(s[i + 1]) && !memchr(buf, '.', n)) {
			buf[n++] = s[i++];
		} else {
			break;
		}
	}
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	return i;
}

/* ------------------------------------------------------------------ */
/* Chinese numerals                                                   */

/* The code point at s if it is a Chinese numeral character (its length in
 * *n), else 0. */
static uint32_t numeral_cp(const char *s, size_t *n)
{
	uint32_t cp;

	if ((unsigned char)*s < 0xE3)
		return 0;
	*n = pw_utf8_decode(s, strnlen(s, 4), &cp);
	return cp;
}

/* Value of one Chinese digit at s (its length in *n), or -1. */
static int cdigit(const char *s, size_t *n)
{
	switch (numeral_cp(s, n)) {
	case 0x96F6: case 0x3007: return 0; /* 零 〇 */
	case 0x4E00: return 1;              /* 一 */
	case 0x4E8C: case 0x4E24: return 2; /* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

/* Multiplier of a unit character at s (十 10, 百 100), or 0. */
static int cunit(const char *s, size_t *n)
{
	switch (numeral_cp(s, n)) {
	case 0x5341: return 10;  /* 十 */
	case 0x767E: return 100; /* 百 */
	default: return 0;
	}
}

size_t pw_scan_cnum_char(const char *s)
{
	size_t n = 0;

	return cdigit(s, &n) >= 0 || cunit(s, &n) ? n : 0;
}

size_t pw_scan_cnum(const char *s, int *out)
{
	const char *p = s;
	int total = 0, cur = 0, d, u;
	bool units = false, last_digit = false;
	size_t n;

	for (;;) {
		if ((d = cdigit(p, &n)) >= 0) {
			/* 二〇三五: digits without units read positionally */
			cur = (last_digit && !units) ? cur * 10 + d : d;
			last_digit = true;
		} else if ((u = cunit(p, &n))) {
			total += (cur || last_digit ? cur : 1) * u;
			cur = 0;
			units = true;
			last_digit = false;
		} else {
			break;
		}
		p += n;
		if (cur > 9999 || total > 99999)
			break; /* not a numeral anyone writes; stop before overflow */
	}
	if (p == s)
		return 0;
	*out = total + cur;
	return (size_t)(p - s);
}

size_t pw_scan_digits(const char *s, int *out)
{
	size_t i = 0;
	int v = 0;

	while (i < 6 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i)
		*out = v;
	return i;
}

size_t pw_scan_anynum(const char *s, int *out)
{
	size_t n = pw_scan_digits(s, out);

	return n ? n : pw_scan_cnum(s, out);
}

/* ------------------------------------------------------------------ */
/* Cells                                                              */

#define DASH_MAX 6 /* bytes of the longest dash cell, …… */

static const char *const dash_cells[] = {
	"—", "——", "-", "--", "–", "─", "/", "无", "－", "…", "……", "×", "\\",
};

static const char *const external_words[] = {
	"下达", "市定", "省定", "国家定", "上级", "待定", "另行", "按省", "按市",
	"按国家", "按上级", "完成上级",
};

#define RANGE_SEP(w) w,
static const char *const range_seps[] = { PW_RANGE_SEPS(RANGE_SEP) };

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static bool contains_any(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(s, list[i]))
			return true;
	return false;
}


static bool starts_relation(const char *s)
{
	static const char *const rel[] = { "高于", "快于", "低于", "略高于", "不低于",
					   "慢于", "略低于" };
	enum pw_cmp c;
	size_t i, k;

	if (strstr(s, "同步") || starts(s, "与"))
		return true;
	for (i = 0; i < NELEM(rel); i++) {
		k = starts(s, rel[i]);
		if (k) {
			k += pw_utf8_blanks(s + k);
			return !is_digit(s[k]) && !pw_scan_cmp_prefix(s + k, &c);
		}
	}
	return false;
}

/* s without leading/trailing blanks: in buf if it fits, else a copy
 * that *heap points to (the caller frees *heap). */
static const char *trim_into(const char *s, char *buf, size_t size, char **heap)
{
	size_t len;

	s += pw_utf8_blanks(s);
	len = pw_utf8_rtrim(s, strlen(s));
	*heap = NULL;
	if (len >= size)
		return *heap = xstrndup(s, len);
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* Cumulative brackets: returns the closing bracket for an opening one. */
static const char *closing_bracket(const char *s, size_t *open_len)
{
	static const char *const pairs[][2] = {
		{ "〔", "〕" }, { "[", "]" }, { "［", "］" }, { "【", "】" }, { "〖", "〗" },
	};
	size_t i;

	for (i = 0; i < NELEM(pairs); i++) {
		*open_len = starts(s, pairs[i][0]);
		if (*open_len)
			return pairs[i][1];
	}
	return NULL;
}

size_t pw_scan_range_sep(const char *s)
{
	size_t i, k;

	for (i = 0; i < NELEM(range_seps); i++) {
		k = starts(s, range_seps[i]);
		if (k)
			return k;
	}
	return 0;
}

/* Characters that end a unit written after a number. */
static bool unit_stop(const char *s)
{
	static const char *const stop[] = { "，", "、", "。", "；", "（", "(", ",", ";",
					    "*", "＊", "〕", "]", "］", "】", " ", "\t",
					    "/", "\xe3\x80\x80", "）", ")" };
	size_t i;

	if (is_digit(s[0]) || s[0] == '+' || s[0] == '-')
		return true;
	for (i = 0; i < NELEM(stop); i++)
		if (starts(s, stop[i]))
			return true;
	return false;
}

/* A unit right after a number: %, ‰, or a short run of letters up to a
 * comparator word, a separator or a range dash.  Returns bytes used; the
 * unit is copied to unit (NUL-terminated) when it fits. */
static size_t scan_unit(const char *s, char *unit, size_t unit_size)
{
	enum pw_cmp c;
	size_t i = 0, k, nchars = 0;
	uint32_t cp;

	while (s[i] && nchars < 8) {
		if (pw_scan_cmp_suffix(s + i, &c) || pw_scan_range_sep(s + i) || unit_stop(s + i))
			break;
		k = pw_utf8_decode(s + i, strnlen(s + i, 4), &cp);
		i += k;
		nchars++;
		if (cp == '%' || cp == 0x2030 || cp == 0x2031)
			break;
	}
	if (i >= unit_size)
		return 0;
	memcpy(unit, s, i);
	unit[i] = '\0';
	return i;
}

size_t pw_scan_rate(const char *s, char *unit, size_t unit_size)
{
	static const char *const mult[] = { "万", "千", "百", "亿" };
	double den;
	size_t i = 1, k, m;

	if (s[0] != '/')
		return 0;
	k = pw_scan_number(s + i, &den);
	if (!k || den <= 0)
		return 0;
	i += k;
	i += pw_utf8_blanks(s + i);
	for (m = 0; m < NELEM(mult); m++) {
		size_t w = starts(s + i, mult[m]);

		if (w) {
			snprintf(unit, unit_size, "1/%.*s%s", (int)k, s + 1, mult[m]);
			return i + w;
		}
	}
	return 0;
}

static size_t skip_star(const char *s, struct pw_cell *out)
{
	size_t k = starts(s, "*");

	if (!k)
		k = starts(s, "＊");
	if (k)
		out->footnote = true;
	return k;
}

static size_t scan_estimate(const char *s, struct pw_cell *out)
{
	static const char *const words[] = { "预计", "预估", "估计" };
	size_t i, k;

	for (i = 0; i < NELEM(words); i++) {
		k = starts(s, words[i]);
		if (k) {
			out->estimated = true;
			return k + pw_utf8_blanks(s + k);
		}
	}
	return 0;
}

static size_t scan_value(const char *s, struct pw_cell *out);

/* "累计5" (cumulative) and "年均7" / "每年" (the column says it already). */
static size_t scan_period_word(const char *s, struct pw_cell *out)
{
	size_t k = starts(s, "累计");

	if (k) {
		out->cumulative = true;
		return k + pw_utf8_blanks(s + k);
	}
	k = starts(s, "年均");
	return k ? k + pw_utf8_blanks(s + k) : 0;
}

/* 〔13.5〕 [5]: parses the inside as a value and marks it cumulative. */
static size_t scan_bracketed(const char *s, struct pw_cell *out)
{
	size_t open, k, close_len;
	const char *close = closing_bracket(s, &open);
	const char *end;
	char inner[128];

	if (!close)
		return 0;
	end = strstr(s + open, close);
	if (!end || (size_t)(end - s - open) >= sizeof(inner))
		return 0;
	memcpy(inner, s + open, end - s - open);
	inner[end - s - open] = '\0';
	k = scan_value(inner, out);
	if (!k)
		return 0;
	out->cumulative = true;
	close_len = strlen(close);
	return (size_t)(end - s) + close_len;
}

/* The upper end of a range after the first number and unit. */
static size_t scan_range_hi(const char *s, struct pw_cell *out)
{
	size_t i = pw_scan_range_sep(s), k;
	char unit2[sizeof(out->unit)] = "";

	if (!i)
		return 0;
	i += pw_utf8_blanks(s + i);
	k = pw_scan_number(s + i, &out->value_hi);
	if (!k || s[i] == '-' || s[i] == '+')
		return 0;
	i += k;
	i += pw_utf8_blanks(s + i);
	i += scan_unit(s + i, unit2, sizeof(unit2));
	if (!out->unit[0])
		memcpy(out->unit, unit2, sizeof(unit2));
	out->has_hi = true;
	out->cmp = PW_CMP_RANGE;
	return i;
}

/* The number and what follows it: rate, unit, range, comparator, *. */
static size_t scan_number_part(const char *s, struct pw_cell *out)
{
	size_t i, k;
	enum pw_cmp c;

	i = pw_scan_number(s, &out->value);
	if (!i)
		return 0;
	i += skip_star(s + i, out);
	i += pw_utf8_blanks(s + i);
	k = pw_scan_rate(s + i, out->unit, sizeof(out->unit));
	if (!k)
		k = scan_unit(s + i, out->unit, sizeof(out->unit));
	i += k;
	i += skip_star(s + i, out);
	i += pw_utf8_blanks(s + i);
	i += scan_range_hi(s + i, out);
	i += pw_utf8_blanks(s + i);
	k = pw_scan_cmp_suffix(s + i, &c);
	if (k && out->cmp != PW_CMP_RANGE)
		out->cmp = c;
	i += k;
	i += skip_star(s + i, out);
	return i;
}

/* [预计] [comparator] (number-part | bracketed) [comparator]. */
static size_t scan_value(const char *s, struct pw_cell *out)
{
	enum pw_cmp prefix = PW_CMP_EQ, c;
	size_t i, k;

	i = pw_utf8_blanks(s);
	i += scan_estimate(s + i, out);
	i += scan_period_word(s + i, out);
	k = pw_scan_cmp_prefix(s + i, &prefix);
	i += k;
	i += pw_utf8_blanks(s + i);
	if (!k)
		i += scan_estimate(s + i, out);
	out->cmp = prefix;
	k = scan_bracketed(s + i, out);
	if (k) {
		if (out->cmp == PW_CMP_EQ && prefix != PW_CMP_EQ)
			out->cmp = prefix;
		i += k;
		i += pw_utf8_blanks(s + i);
		k = pw_scan_cmp_suffix(s + i, &c);
		if (k && out->cmp != PW_CMP_RANGE)
			out->cmp = c;
		return i + k;
	}
	k = scan_number_part(s + i, out);
	return k ? i + k : 0;
}

static bool is_external(const char *s)
{
	return starts(s, "按") || starts(s, "以上级") ||
	       contains_any(s, external_words, NELEM(external_words));
}

/* A trailing "（预计）" or "(预计数)" marks an estimate. */
static void scan_trailer(const char *rest, struct pw_cell *out)
{
	if (strstr(rest, "预计") || strstr(rest, "估计"))
		out->estimated = true;
}

void pw_parse_cell(const char *s, struct pw_cell *out)
{
	char buf[256], *heap;
	const char *t = trim_into(s ? s : "", buf, sizeof(buf), &heap);
	size_t k;

	memset(out, 0, sizeof(*out));
	if (!*t)
		out->type = PW_CELL_EMPTY;
	else if (strlen(t) <= DASH_MAX && in_list(t, dash_cells, NELEM(dash_cells)))
		out->type = PW_CELL_DASH;
	else if (!is_digit(t[0]) && is_external(t))
		out->type = PW_CELL_EXTERNAL;
	else if (starts_relation(t))
		out->type = PW_CELL_RELATION;
	else if ((k = scan_value(t, out)) != 0) {
		out->type = PW_CELL_NUMBER;
		scan_trailer(t + k, out);
	} else {
		memset(out, 0, sizeof(*out));
		out->type = PW_CELL_TEXT;
	}
	if (out->type != PW_CELL_NUMBER)
		out->cmp = PW_CMP_NONE;
	free(heap);
}

/* ---- list item numbers ---- */

/* 1. 1、 1） 1) (not 1.5): returns bytes up to the delimiter's end, or 0. */
static size_t plain_number(const char *s, int *no)
{
	size_t n = pw_scan_digits(s, no), m;

	if (!n || n > 2)
		return 0;
	if (s[n] == '.' && !(s[n + 1] >= '0' && s[n + 1] <= '9'))
		return n + 1;
	if (s[n] == ')')
		return n + 1;
	if ((m = pw_utf8_starts(s + n, "、")) || (m = pw_utf8_starts(s + n, "）")))
		return n + m;
	if (n == 2 && s[0] == '0' && pw_utf8_blank(s + 2))
		return n; /* 01 新一代人工智能 */
	return 0;
}

/* （1） or (1): returns bytes, or 0. */
static size_t paren_number(const char *s, int *no)
{
	size_t a, n, b;

	if (!(a = pw_utf8_starts(s, "（")) && !(a = pw_utf8_starts(s, "(")))
		return 0;
	if (!(n = pw_scan_digits(s + a, no)) || n > 2)
		return 0;
	if (!(b = pw_utf8_starts(s + a + n, "）")) && !(b = pw_utf8_starts(s + a + n, ")")))
		return 0;
	return a + n + b;
}

/* ① .. ⑳: returns bytes, or 0. */
static size_t circled_number(const char *s, int *no)
{
	uint32_t cp;
	size_t n = pw_utf8_decode(s, strnlen(s, 4), &cp);

	if (cp < 0x2460 || cp > 0x2473)
		return 0;
	*no = (int)(cp - 0x2460) + 1;
	return n;
}

size_t pw_scan_item_number(const char *s, int *no)
{
	size_t n;

	if (!(n = plain_number(s, no)) && !(n = paren_number(s, no)) && !(n = circled_number(s, no)))
		return 0;
	return *no > 0 ? n : 0;
}
