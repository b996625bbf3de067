/*
 * scan.h - small scanners shared by the meta, outline and 专栏 readers:
 * blank lines, Chinese and ASCII numerals, sentence ends.
 *
 * All take NUL-terminated cleaned UTF-8 (see text/doc.h) and never
 * allocate; lengths are in bytes unless a name says code points.
 */
#ifndef PW_SCAN_H
#define PW_SCAN_H

#include "text/number.h"

#include <stdbool.h>
#include <stddef.h>

/* True if s (after blanks) is empty. */
bool pw_scan_blank(const char *s);

/* The short name of the nth five-year plan, "十四五" for 14, or NULL
 * (names are known for 11..19: 2006-2050); and the ordinal a short name
 * at s stands for, or 0.  The one table of these names. */
const char *pw_scan_plan_name(int ordinal);
int pw_scan_plan_name_at(const char *s);

/* True if the text [s, s+len) ends a sentence: 。！？；!?; optionally
 * followed by a closing quote or bracket. */
bool pw_scan_ends_sentence(const char *s, size_t len);
/* Code points in [s, s+len). */
size_t pw_scan_width(const char *s, size_t len);

#endif
