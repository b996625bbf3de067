/*
 * names.c - enum name tables in English and Chinese; see names.h.
 */
#include "util/names.h"

#include <stdio.h>
#include <string.h>

const char *pw_name_of(const struct pw_name *t, size_t n, long i, const char *fallback)
{
	return i >= 0 && (size_t)i < n && t[i].name ? t[i].name : fallback;
}

const char *pw_name_zh(const struct pw_name *t, size_t n, long i, const char *fallback)
{
	if (i < 0 || (size_t)i >= n || !t[i].name)
		return fallback;
	return t[i].zh ? t[i].zh : t[i].name;
}

int pw_name_lookup(const struct pw_name *t, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if ((t[i].name && !strcmp(s, t[i].name)) || (t[i].zh && !strcmp(s, t[i].zh)))
			return (int)i;
	return -1;
}

const char *pw_name_list(const struct pw_name *t, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;
	int w;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < n && len < size; i++) {
		if (!t[i].name)
			continue;
		w = snprintf(buf + len, size - len, "%s%s%s%s%s", len ? ", " : "", t[i].name,
			     t[i].zh ? " (" : "", t[i].zh ? t[i].zh : "", t[i].zh ? ")" : "");
		if (w < 0)
			break;
		len += (size_t)w;
	}
	return buf;
}
