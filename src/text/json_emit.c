/*
 * json_emit.c - streaming JSON writer; see json_emit.h for the format
 * contract (the same bytes as jansson's json_dumps).
 */
#include "text/json_emit.h"
#include "util/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void je_init(struct json_emit *e, struct strbuf *out, int indent)
{
	memset(e, 0, sizeof(*e));
	e->out = out;
	e->indent = indent;
}

static void newline(struct json_emit *e, int depth)
{
	if (!e->indent)
		return;
	sb_addch(e->out, '\n');
	for (int i = 0; i < depth * e->indent; i++)
		sb_addch(e->out, ' ');
}

/* Separator and indentation before a value or a key. */
static void begin_element(struct json_emit *e)
{
	if (e->after_key) {
		e->after_key = false;
		return;
	}
	if (!e->depth)
		return;
	if (!e->empty[e->depth - 1])
		sb_addch(e->out, ',');
	e->empty[e->depth - 1] = false;
	newline(e, e->depth);
}

static void open_container(struct json_emit *e, char open, char close)
{
	begin_element(e);
	if (e->depth >= JE_MAX_DEPTH)
		PW_BUG("JSON nested deeper than %d", JE_MAX_DEPTH);
	sb_addch(e->out, open);
	e->empty[e->depth] = true;
	e->close[e->depth] = close;
	e->depth++;
}

void je_object(struct json_emit *e)
{
	open_container(e, '{', '}');
}

void je_array(struct json_emit *e)
{
	open_container(e, '[', ']');
}

void je_end(struct json_emit *e)
{
	if (!e->depth)
		PW_BUG("je_end without an open container");
	e->depth--;
	if (!e->empty[e->depth])
		newline(e, e->depth);
	sb_addch(e->out, e->close[e->depth]);
}

static void quoted(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;

	sb_addch(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		sb_add(out, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		}
		if (esc) {
			sb_addstr(out, esc);
		} else {
			sb_addstr(out, "\\u00");
			sb_addch(out, hex[c >> 4]);
			sb_addch(out, hex[c & 15]);
		}
	}
	sb_add(out, run, (size_t)(s - run));
	sb_addch(out, '"');
}

void je_key(struct json_emit *e, const char *key)
{
	begin_element(e);
	quoted(e->out, key);
	sb_addstr(e->out, e->indent ? ": " : ":");
	e->after_key = true;
}

void je_str(struct json_emit *e, const char *s)
{
	if (!s) {
		je_null(e);
		return;
	}
	begin_element(e);
	quoted(e->out, s);
}

void je_int(struct json_emit *e, long long v)
{
	begin_element(e);
	sb_addf(e->out, "%lld", v);
}

/* A real as jansson writes it: %.15g, a ".0" when it would read back as
 * an integer, and the exponent without '+' or leading zeros. */
static void real(struct strbuf *out, double v)
{
	char buf[40], *x, *from, *to;

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (!strchr(buf, '.') && !strchr(buf, 'e'))
		strncat(buf, ".0", sizeof(buf) - strlen(buf) - 1);
	if ((x = strchr(buf, 'e'))) {
		to = x + 1;
		if (*to == '-')
			to++;
		from = to;
		if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
	}
	sb_addstr(out, buf);
}

void je_num(struct json_emit *e, double v)
{
	if (!isfinite(v)) {
		je_null(e);
		return;
	}
	if (v == floor(v) && fabs(v) < 9e15) {
		je_int(e, (long long)v);
		return;
	}
	begin_element(e);
	real(e->out, v);
}

void je_bool(struct json_emit *e, bool b)
{
	begin_element(e);
	sb_addstr(e->out, b ? "true" : "false");
}

void je_null(struct json_emit *e)
{
	begin_element(e);
	sb_addstr(e->out, "null");
}
