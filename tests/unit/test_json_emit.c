/*
 * test_json_emit.c - the streaming JSON writer writes exactly what jansson
 * would write for the same values: each case is emitted, parsed back with
 * jansson and dumped again with the matching flags, and the two texts must
 * be equal byte for byte.  Literal expectations pin the format too.
 */
#include "unit.h"
#include "text/json_emit.h"
#include "model/plan_json.h"
#include "ingest/ingest.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static void round_trip(const struct strbuf *sb, int indent)
{
	json_error_t err;
	json_t *j = json_loads(sb->buf, JSON_DECODE_ANY, &err);
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY |
		       (indent ? JSON_INDENT(indent) : JSON_COMPACT);
	char *again;

	if (!j)
		fail_msg("not JSON (%s): %s", err.text, sb->buf);
	again = json_dumps(j, flags);
	assert_non_null(again);
	assert_string_equal(again, sb->buf);
	free(again);
	json_decref(j);
}

static void emit_sample(struct json_emit *e)
{
	je_object(e);
	je_key(e, "text");
	je_str(e, "指标 \"名称\"\\\t\n\r\b\f\x01/end");
	je_key(e, "null");
	je_str(e, NULL);
	je_key(e, "ints");
	je_array(e);
	je_num(e, 0);
	je_num(e, -11);
	je_num(e, 35330);
	je_int(e, 9007199254740000LL);
	je_end(e);
	je_key(e, "reals");
	je_array(e);
	je_num(e, 221.29);
	je_num(e, -11.59);
	je_num(e, 0.1 + 0.2);
	je_num(e, 1e-05);
	je_num(e, 1.5e20);
	je_num(e, 1e300);
	je_num(e, NAN);
	je_end(e);
	je_key(e, "empty");
	je_object(e);
	je_end(e);
	je_key(e, "nested");
	je_array(e);
	je_array(e);
	je_end(e);
	je_bool(e, true);
	je_bool(e, false);
	je_null(e);
	je_end(e);
	je_end(e);
}

static void test_matches_jansson(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_emit e;
	int indent;

	(void)state;
	for (indent = 0; indent <= 2; indent++) {
		sb_reset(&sb);
		je_init(&e, &sb, indent);
		emit_sample(&e);
		round_trip(&sb, indent);
	}
	sb_release(&sb);
}

static void test_literal_format(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_emit e;

	(void)state;
	je_init(&e, &sb, 1);
	je_object(&e);
	je_key(&e, "a");
	je_num(&e, 7.19);
	je_key(&e, "b");
	je_array(&e);
	je_end(&e);
	je_key(&e, "c");
	je_num(&e, 1e-05);
	je_end(&e);
	assert_string_equal(sb.buf, "{\n \"a\": 7.19,\n \"b\": [],\n \"c\": 1e-5\n}");
	sb_reset(&sb);
	je_init(&e, &sb, 0);
	je_array(&e);
	je_str(&e, "\x1f");
	je_num(&e, 3.0);
	je_num(&e, INFINITY);
	je_end(&e);
	assert_string_equal(sb.buf, "[\"\\u001F\",3,null]");
	sb_release(&sb);
}

/* A whole plan, indented and compact, as extract --json and the store's
 * content hash write it. */
static void test_plan_round_trip(void **state)
{
	static const char doc[] =
		"表1 主要指标\n"
		"序号\t指标名称\t2020年\t2025年\t属性\n"
		"一、经济发展\n"
		"1\t地区生产总值（亿元）\t221.29\t≥300\t预期性\n"
		"2\t城镇登记失业率（%）\t—\t4.5以下\t约束性\n"
		"\n"
		"到2025年，全区高新技术企业超过10家，常住人口城镇化率达到83.5%。\n";
	struct strbuf sb = STRBUF_INIT;
	struct pw_doc d;
	struct pw_plan p;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "plan.txt", doc, sizeof(doc) - 1), 0);
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_doc(&d, &p), 0);
	assert_true(p.ntables == 1 && p.ntargets >= 1);
	pw_plan_write_json(&p, &sb, 1, true);
	round_trip(&sb, 1);
	assert_non_null(strstr(sb.buf, "\"source\": \"plan.txt\""));
	sb_reset(&sb);
	pw_plan_write_json(&p, &sb, 0, false);
	round_trip(&sb, 0);
	assert_null(strstr(sb.buf, "\"source\""));
	sb_release(&sb);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_jansson),
		cmocka_unit_test(test_literal_format),
		cmocka_unit_test(test_plan_round_trip),
	};
	return cmocka_run_group_tests_name("json_emit", tests, NULL, NULL);
}
