/*
 * utf8.h - small UTF-8 helpers (decoding, validation, column counting).
 * Heavier Unicode work (normalisation, categories) uses utf8proc.
 */
#ifndef PW_UTF8_H
#define PW_UTF8_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes one code point at s (at most len bytes) into *cp; returns its
 * byte length (1..4).  Invalid bytes decode as U+FFFD of length 1. */
size_t pw_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Length of the longest valid UTF-8 prefix of s. */
size_t pw_utf8_valid_prefix(const char *s, size_t len);
/* Number of multi-byte sequences in the (valid) UTF-8 text s. */
size_t pw_utf8_multibyte_count(const char *s, size_t len);
/* Number of code points in the first len bytes of s (a 1-based column - 1). */
size_t pw_utf8_columns(const char *s, size_t len);
/* The one definition of a blank, for every reader: ASCII white space
 * (space, tab, line feed, vertical tab, form feed, carriage return),
 * U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE.  Line ends never
 * occur inside a pw_doc line; they do in a spreadsheet cell, whose edges
 * are trimmed like a line's.  Whether code point cp is one; bytes of the
 * one blank at NUL-terminated s (0 if none); of the run of blanks at s;
 * len without the blanks that end [s, s+len); and sb without blanks at
 * either end. */
bool pw_utf8_is_blank(uint32_t cp);
size_t pw_utf8_blank(const char *s);
size_t pw_utf8_blanks(const char *s);
size_t pw_utf8_rtrim(const char *s, size_t len);
void pw_utf8_trim(struct strbuf *sb);
/* Display width of NUL-terminated s in terminal columns: East Asian wide
 * and full-width characters count 2, combining marks 0, others 1
 * (utf8proc_charwidth()). */
size_t pw_utf8_width(const char *s);
/* The printf field width that pads s to `width` display columns
 * (printf("%-*s", pw_utf8_pad(s, 24), s)): width plus the bytes s has
 * beyond its display width. */
int pw_utf8_pad(const char *s, int width);
/* Appends the UTF-8 encoding of cp to buf (room for 4); returns bytes written. */
size_t pw_utf8_encode(uint32_t cp, char *buf);
/* If s starts with the UTF-8 string lit, returns strlen(lit), else 0.
 * Inline: it runs at nearly every position of every line, almost always
 * on a string literal, and a call to strlen and strncmp per test cost more
 * than the few byte compares it takes.  s is NUL-terminated, so a shorter
 * s fails at its NUL. */
static inline size_t pw_utf8_starts(const char *s, const char *lit)
{
	size_t i;

	for (i = 0; lit[i]; i++)
		if (s[i] != lit[i])
			return 0;
	return i;
}

/* If [s, s+len) ends with the UTF-8 string lit, returns strlen(lit), else
 * 0: the byte count of a Chinese word at the end comes from the word. */
static inline size_t pw_utf8_ends(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && !memcmp(s + len - n, lit, n) ? n : 0;
}

/* Bytes of the UTF-8 sequence that starts at s, from its lead byte (1 for
 * ASCII and for a stray byte; pw_utf8_decode() checks the rest).  Inline:
 * the scanners step through every character with it. */
static inline size_t pw_utf8_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

#endif
