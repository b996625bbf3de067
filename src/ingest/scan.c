/*
 * scan.c - small scanners shared by the meta, outline and 专栏 readers;
 * see scan.h.
 */
#include "ingest/scan.h"
#include "text/utf8.h"

#include <stdint.h>

#include <string.h>

#define U3000 "\xE3\x80\x80"
#define NBSP "\xC2\xA0"

static size_t blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (!strncmp(s, U3000, 3))
		return 3;
	if (!strncmp(s, NBSP, 2))
		return 2;
	return 0;
}

const char *pw_scan_skip_space(const char *s)
{
	size_t n;

	while ((n = blank_len(s)))
		s += n;
	return s;
}

size_t pw_scan_trim_len(const char *s, size_t len)
{
	for (;;) {
		if (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		else if (len >= 3 && !memcmp(s + len - 3, U3000, 3))
			len -= 3;
		else if (len >= 2 && !memcmp(s + len - 2, NBSP, 2))
			len -= 2;
		else
			return len;
	}
}

bool pw_scan_blank(const char *s)
{
	return !*pw_scan_skip_space(s);
}

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

/* Length of a closing quote or bracket that ends [s, s+len), or 0. */
static size_t closer_len(const char *s, size_t len)
{
	static const char *const closers[] = { "”", "’", "）", "」", "』", ")", "\"" };
	size_t i, n;

	for (i = 0; i < sizeof(closers) / sizeof(closers[0]); i++) {
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

	len = pw_scan_trim_len(s, len);
	if ((n = closer_len(s, len)))
		len -= n;
	for (i = 0; i < sizeof(enders) / sizeof(enders[0]); i++) {
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
