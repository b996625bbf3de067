/*
 * words.h - looking up the words of a list in text: "does s start with one
 * of these", "does one end here", "does the text hold any of them".  The
 * readers keep their vocabularies as plain arrays of UTF-8 strings (easy to
 * extend: add a row) and share these few loops instead of each writing its
 * own.
 *
 * Where one word is a prefix of another the caller either orders the list
 * (pw_words_at: the first match wins) or asks for the longest.  Nothing here
 * allocates; the text need not be NUL-terminated where a length is given.
 */
#ifndef PW_WORDS_H
#define PW_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* No bound: s is NUL-terminated and a word may run to its end. */
#define PW_WORDS_NOLIMIT ((size_t)-1)

/* The first word of list (in list order) that s starts with and that is at
 * most max bytes long: its length, 0 if none.  *which (may be NULL) gets its
 * index. */
size_t pw_words_at(const char *s, size_t max, const char *const *list, size_t n,
		   size_t *which);
/* The longest word of list that NUL-terminated s starts with: its length. */
size_t pw_words_longest(const char *s, const char *const *list, size_t n);
/* The first word of list that ends at s[e] and starts at or after s[b]:
 * its length, 0 if none. */
size_t pw_words_ending(const char *s, size_t b, size_t e, const char *const *list, size_t n);
/* e after dropping words of list from the end of [b, e) as long as one ends
 * there ("学校的”" -> "学校" for the list 的 ”). */
size_t pw_words_rstrip(const char *s, size_t b, size_t e, const char *const *list, size_t n);
/* True if any word of list occurs in [s, s+len).  One pass over the text
 * whatever the list's length (see words.c), for lists scanned over every
 * sentence of a document. */
bool pw_words_any(const char *s, size_t len, const char *const *list, size_t n);

#endif
