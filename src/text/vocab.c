/*
 * vocab.c - the vocabulary of meaning words and its lookups; see vocab.h.
 */
#include "text/vocab.h"
#include "text/utf8.h"

#include <string.h>
#include "util/nelem.h"

#define WORD(s, cls) { s, sizeof(s) - 1, PW_VOCAB_##cls },
static const struct pw_vocab_word words[] = { PW_VOCAB_WORDS(WORD) };
#undef WORD
#define NWORDS NELEM(words)

static const char *const class_names[PW_VOCAB_NCLASSES] = {
	[PW_VOCAB_NONE] = "none",         [PW_VOCAB_DECREASE] = "decrease",
	[PW_VOCAB_INCREASE] = "increase", [PW_VOCAB_GROWTH] = "growth",
	[PW_VOCAB_RATE] = "rate",         [PW_VOCAB_CUMULATIVE] = "cumulative",
	[PW_VOCAB_ANNUAL] = "annual",     [PW_VOCAB_AVERAGE] = "average",
	[PW_VOCAB_BAD] = "bad",           [PW_VOCAB_GOOD] = "good",
	[PW_VOCAB_NEUTRAL] = "neutral",   [PW_VOCAB_NOUN] = "noun",
};

const struct pw_vocab_word *pw_vocab_words(size_t *n)
{
	*n = NWORDS;
	return words;
}

const char *pw_vocab_class_name(enum pw_vocab_class c)
{
	return (size_t)c < PW_VOCAB_NCLASSES ? class_names[c] : "?";
}

const struct pw_vocab_word *pw_vocab_at(const char *s, size_t max)
{
	const struct pw_vocab_word *best = NULL;
	size_t i;

	for (i = 0; i < NWORDS; i++) {
		const struct pw_vocab_word *w = &words[i];

		if (w->len > max || (best && w->len <= best->len) || s[0] != w->s[0] ||
		    s[1] != w->s[1])
			continue; /* two byte compares settle most positions */
		if (!memcmp(s, w->s, w->len))
			best = w;
	}
	return best;
}

const struct pw_vocab_word *pw_vocab_ending(const char *s, size_t b, size_t e)
{
	const struct pw_vocab_word *best = NULL;
	size_t i;

	for (i = 0; i < NWORDS; i++) {
		const struct pw_vocab_word *w = &words[i];

		if (w->len > e - b || (best && w->len <= best->len))
			continue;
		if (!memcmp(s + e - w->len, w->s, w->len))
			best = w;
	}
	return best;
}

bool pw_vocab_in_before(const char *s, size_t len, unsigned mask, const char *next)
{
	const struct pw_vocab_word *w;
	size_t i, k = strlen(next);

	for (i = 0; s && i < len; i += pw_utf8_len(s + i))
		if ((w = pw_vocab_at(s + i, len - i)) && (mask & PW_VOCAB_BIT(w->cls)) &&
		    len - i - w->len >= k && !memcmp(s + i + w->len, next, k))
			return true;
	return false;
}

bool pw_vocab_in(const char *s, size_t len, unsigned mask)
{
	return pw_vocab_in_before(s, len, mask, "");
}

bool pw_vocab_has(const char *s, unsigned mask)
{
	return s && pw_vocab_in(s, strlen(s), mask);
}

/* The class of name's head noun: its last word once trailing blanks and
 * one NEUTRAL trailer (控制, 水平) are gone; NONE if no table word ends it. */
static enum pw_vocab_class head_class(const char *name)
{
	size_t e = pw_utf8_rtrim(name, strlen(name));
	const struct pw_vocab_word *w = pw_vocab_ending(name, 0, e);

	if (w && w->cls == PW_VOCAB_NEUTRAL) {
		e = pw_utf8_rtrim(name, e - w->len);
		w = pw_vocab_ending(name, 0, e);
	}
	return w ? w->cls : PW_VOCAB_NONE;
}

bool pw_vocab_lower_is_better(const char *group, const char *name)
{
	const unsigned decrease = PW_VOCAB_BIT(PW_VOCAB_DECREASE), bad = PW_VOCAB_BIT(PW_VOCAB_BAD);
	enum pw_vocab_class head;

	if (pw_vocab_has(group, decrease) || pw_vocab_has(name, decrease))
		return false;
	head = name ? head_class(name) : PW_VOCAB_NONE;
	if (head == PW_VOCAB_GOOD || head == PW_VOCAB_BAD)
		return head == PW_VOCAB_BAD;
	return pw_vocab_has(name, bad) || pw_vocab_has(group, bad);
}
