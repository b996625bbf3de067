/*
 * scan.h - small scanners shared by the meta, outline and 专栏 readers:
 * leading blanks, Chinese and ASCII numerals, sentence ends.
 *
 * All take NUL-terminated cleaned UTF-8 (see text/doc.h) and never
 * allocate; lengths are in bytes unless a name says code points.
 */
#ifndef PW_SCAN_H
#define PW_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* s after leading spaces, tabs, U+3000 and U+00A0. */
const char *pw_scan_skip_space(const char *s);
/* Length of s without trailing spaces, tabs, U+3000 and U+00A0. */
size_t pw_scan_trim_len(const char *s, size_t len);
/* True if s (after blanks) is empty. */
bool pw_scan_blank(const char *s);

/* Chinese numeral at s (零〇一二两三四五六七八九十百, 0..999; digit
 * strings such as 二〇三五 read positionally).  Returns bytes consumed and
 * sets *out, or 0 if s does not start a Chinese numeral. */
size_t pw_scan_cnum(const char *s, int *out);
/* ASCII digits at s (at most 6).  Returns bytes consumed, 0 if none. */
size_t pw_scan_digits(const char *s, int *out);
/* A Chinese numeral or ASCII digits, whichever s starts with. */
size_t pw_scan_anynum(const char *s, int *out);

/* True if the text [s, s+len) ends a sentence: 。！？；!?; optionally
 * followed by a closing quote or bracket. */
bool pw_scan_ends_sentence(const char *s, size_t len);
/* Code points in [s, s+len). */
size_t pw_scan_width(const char *s, size_t len);

#endif
