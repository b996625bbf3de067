/*
 * utf8.c - UTF-8 decoding and validation (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), and the one definition of a blank
 * that every reader skips and trims.
 */
#include "text/utf8.h"

#include <stdint.h>
#include <utf8proc.h>
#include <string.h>

static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

size_t pw_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = len ? seq_len(u[0]) : 0, i;
	uint32_t v;

	if (n == 0 || n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	if (n == 1) {
		*cp = u[0];
		return 1;
	}
	v = u[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

/* True if the 8 bytes at s are all ASCII. */
static int ascii8(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return !(w & 0x8080808080808080ull);
}

/* Validation runs over every byte of an input (up to PW_DOC_MAX_BYTES):
 * ASCII goes eight bytes at a time and the common three-byte sequence
 * (all of CJK) is checked inline; anything else goes through decode. */
size_t pw_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t w;

		if (u[i] < 0x80) {
			i += (len - i >= 8 && ascii8(u + i)) ? 8 : 1;
			continue;
		}
		if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && len - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3; /* U+1000..U+FFFF but ED (surrogates): never overlong */
			continue;
		}
		w = pw_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && w == 1)
			return i;
		i += w;
	}
	return len;
}

size_t pw_utf8_multibyte_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) == 0xC0)
			n++;
	return n;
}

size_t pw_utf8_columns(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t pw_utf8_width(const char *s)
{
	size_t n = 0, len = strlen(s), k;
	uint32_t cp;
	int w;

	for (; len; s += k, len -= k) {
		k = pw_utf8_decode(s, len, &cp);
		w = utf8proc_charwidth((utf8proc_int32_t)cp);
		n += w > 0 ? (size_t)w : 0;
	}
	return n;
}

int pw_utf8_pad(const char *s, int width)
{
	return width + (int)(strlen(s) - pw_utf8_width(s));
}

size_t pw_utf8_encode(uint32_t cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool pw_utf8_is_blank(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 || cp == 0xA0;
}

size_t pw_utf8_blank(const char *s)
{
	uint32_t cp;
	size_t k;

	if (!(*s & 0x80))
		return *s && pw_utf8_is_blank((unsigned char)*s) ? 1 : 0;
	k = pw_utf8_decode(s, 4, &cp); /* stops at the NUL: no valid sequence spans it */
	return pw_utf8_is_blank(cp) ? k : 0;
}

size_t pw_utf8_blanks(const char *s)
{
	size_t i = 0, k;

	while ((k = pw_utf8_blank(s + i)) != 0)
		i += k;
	return i;
}

size_t pw_utf8_rtrim(const char *s, size_t len)
{
	size_t b;
	uint32_t cp;

	while (len) {
		b = len - 1;
		while (b && ((unsigned char)s[b] & 0xC0) == 0x80 && len - b < 4)
			b--; /* back to the lead byte of the last character */
		if (pw_utf8_decode(s + b, len - b, &cp) != len - b || !pw_utf8_is_blank(cp))
			break;
		len = b;
	}
	return len;
}

void pw_utf8_trim(struct strbuf *sb)
{
	size_t b = pw_utf8_blanks(sb->buf), e = pw_utf8_rtrim(sb->buf, sb->len);

	if (e < b)
		e = b; /* all blank */
	if (b)
		memmove(sb->buf, sb->buf + b, e - b);
	sb_setlen(sb, e - b);
}
