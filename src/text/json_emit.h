/*
 * json_emit.h - a streaming JSON writer into a strbuf.
 *
 * Large outputs (a plan's JSON, thousands of rows) are written directly,
 * without building a jansson tree first, which made "extract --json"
 * spend more time in allocation than in extraction.  The bytes are those
 * jansson's json_dumps() writes for the same values with JSON_INDENT(n)
 * | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) (indent n > 0) or
 * JSON_COMPACT | ... (indent 0), so either can read or compare the other:
 * tests/unit/test_json_emit.c checks this by a round trip through jansson.
 *
 * Usage: je_init(), then je_object()/je_array() ... je_end(), with je_key()
 * before each member value.  Strings must be valid UTF-8 (they are copied
 * as they are; control characters and quotes are escaped).  The emitter
 * owns nothing: the caller owns the strbuf.
 */
#ifndef PW_JSON_EMIT_H
#define PW_JSON_EMIT_H

#include "util/strbuf.h"

#include <stdbool.h>

#define JE_MAX_DEPTH 32

struct json_emit {
	struct strbuf *out;
	int indent;                      /* spaces per level; 0 is compact */
	int depth;
	bool after_key;                  /* the next value completes a member */
	bool empty[JE_MAX_DEPTH];        /* the container has no element yet */
	char close[JE_MAX_DEPTH];        /* '}' or ']' */
};

void je_init(struct json_emit *e, struct strbuf *out, int indent);
void je_object(struct json_emit *e);
void je_array(struct json_emit *e);
void je_end(struct json_emit *e);
void je_key(struct json_emit *e, const char *key);
void je_str(struct json_emit *e, const char *s); /* NULL writes null */
/* Integral values within ±9e15 as integers, others as reals with 15
 * significant digits, non-finite values as null. */
void je_num(struct json_emit *e, double v);
void je_int(struct json_emit *e, long long v);
void je_bool(struct json_emit *e, bool b);
void je_null(struct json_emit *e);

#endif
