/*
 * words.c - word-list lookups shared by the readers; see words.h.
 */
#include "text/words.h"
#include "text/utf8.h"

#include <stdint.h>
#include <string.h>

/* Does s start with the NUL-terminated word w, reading at most max bytes of
 * s?  Returns strlen(w) or 0.  Byte by byte, so a NUL-terminated s shorter
 * than w fails at its NUL. */
static size_t starts_with(const char *s, size_t max, const char *w)
{
	size_t i;

	for (i = 0; w[i]; i++)
		if (i >= max || s[i] != w[i])
			return 0;
	return i;
}

size_t pw_words_at(const char *s, size_t max, const char *const *list, size_t n,
		   size_t *which)
{
	size_t i, k;

	if (!max)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[0] != list[i][0])
			continue; /* most positions fail on the first byte */
		if ((k = starts_with(s, max, list[i])) != 0) {
			if (which)
				*which = i;
			return k;
		}
	}
	return 0;
}

size_t pw_words_longest(const char *s, const char *const *list, size_t n)
{
	size_t i, k, best = 0;

	for (i = 0; i < n; i++)
		if (s[0] == list[i][0] && (k = starts_with(s, PW_WORDS_NOLIMIT, list[i])) > best)
			best = k;
	return best;
}

size_t pw_words_ending(const char *s, size_t b, size_t e, const char *const *list, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = strlen(list[i]);
		if (k && e - b >= k && !memcmp(s + e - k, list[i], k))
			return k;
	}
	return 0;
}

size_t pw_words_rstrip(const char *s, size_t b, size_t e, const char *const *list, size_t n)
{
	size_t k;

	while (e > b && (k = pw_words_ending(s, b, e, list, n)) != 0)
		e -= k;
	return e;
}

/*
 * The scan keeps a filter of the words' first characters - a 4096-bit set
 * hashed from the first three bytes (a CJK character is three bytes), and
 * a 256-bit set of first bytes for words that start with a shorter
 * character - and compares words only where the filter lets a position
 * through: one pass at a few operations per character instead of one pass
 * per word.
 */
struct filter {
	uint64_t triple[64];
	uint64_t single[4];
};

static unsigned triple_key(const unsigned char *s)
{
	return ((unsigned)s[0] * 0x5BD1u ^ (unsigned)s[1] << 6 ^ s[2]) & 4095u;
}

static void filter_init(struct filter *f, const char *const *list, size_t n)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < n; i++) {
		const unsigned char *w = (const unsigned char *)list[i];
		unsigned k;

		if (!w[0])
			continue;
		if (w[0] < 0xE0 || !w[1] || !w[2]) {
			f->single[w[0] >> 6] |= 1ull << (w[0] & 63);
			continue;
		}
		k = triple_key(w);
		f->triple[k >> 6] |= 1ull << (k & 63);
	}
}

static bool filter_pass(const struct filter *f, const unsigned char *s, size_t left)
{
	unsigned k;

	if (f->single[s[0] >> 6] & (1ull << (s[0] & 63)))
		return true;
	if (s[0] < 0xE0 || left < 3)
		return false;
	k = triple_key(s);
	return (f->triple[k >> 6] >> (k & 63)) & 1;
}

bool pw_words_any(const char *s, size_t len, const char *const *list, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct filter f;
	size_t i;

	filter_init(&f, list, n);
	/* Words are whole UTF-8 sequences, so none starts inside one: step
	 * by character. */
	for (i = 0; i < len; i += pw_utf8_len(s + i))
		if (filter_pass(&f, u + i, len - i) && pw_words_at(s + i, len - i, list, n, NULL))
			return true;
	return false;
}
