/*
 * test_web_pages.c - the site's page module (web/page.c, web/pages.c):
 * the one escaping helper, numbers, links on the server and in the static
 * copy, and pages rendered from a stored plan and a unit's note holding
 * markup, which must come out as text (ingestion already drops tags from
 * plan text; notes keep what units type).  The pages over HTTP and in a browser are
 * tested by tests/e2e/t5000-api.sh and t5100-browser.sh.
 */
#include "unit.h"
#include "testdb.h"

#include "ingest/ingest.h"
#include "store/monitor.h"
#include "text/doc.h"
#include "web/web_int.h"

#include <math.h>
#include <string.h>

static void test_escape(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	h_esc(&sb, "<script>alert('x') & \"y\"</script>\x01\tz");
	assert_string_equal(sb.buf, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;"
				    "&lt;/script&gt;\tz");
	sb_reset(&sb);
	h_esc(&sb, NULL);
	assert_int_equal(sb.len, 0);
	h_num(&sb, 7.25);
	sb_addch(&sb, ' ');
	h_num(&sb, 3.0);
	sb_addch(&sb, ' ');
	h_num(&sb, -0.00001);
	sb_addch(&sb, ' ');
	h_num(&sb, NAN);
	assert_string_equal(sb.buf, "7.25 3 0 —");
	sb_release(&sb);
}

static void test_links(void **state)
{
	struct web_page p;

	(void)state;
	memset(&p, 0, sizeof(p));
	sb_init(&p.out, 0);
	h_href_page(&p, "plans/1/indicators");
	sb_addch(&p.out, ' ');
	h_href_file(&p, "static/site.css");
	assert_string_equal(p.out.buf, "/plans/1/indicators /static/site.css");
	sb_reset(&p.out);
	p.is_static = true;
	p.depth = 2; /* plans/1/index.html */
	h_href_page(&p, "indicators/33");
	sb_addch(&p.out, ' ');
	h_href_page(&p, "");
	sb_addch(&p.out, ' ');
	h_href_file(&p, "data/plans/1/indicators.csv");
	assert_string_equal(p.out.buf, "../../indicators/33/index.html ../../index.html "
				       "../../data/plans/1/indicators.csv");
	sb_release(&p.out);
}

/* A stored plan whose title carries markup (dropped by ingestion). */
static struct pw_store *markup_plan(void)
{
	static const char doc[] =
		"湛河区<script>alert(1)</script>国民经济和社会发展第十四个五年规划纲要\n\n"
		"第一章 目标\n\n"
		"表1 主要指标\n"
		"序号\t指标名称\t2020年\t2025年\t属性\n"
		"1\t地区生产总值（亿元）\t221.29\t≥300\t预期性\n";
	struct pw_store *s;
	struct pw_doc d;
	struct pw_plan p;
	int id, version, changed;

	testdb_init("web-pages");
	testdb_remove();
	assert_int_equal(pw_doc_from_bytes(&d, "plan.txt", doc, sizeof(doc) - 1), 0);
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_doc(&d, &p), 0);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	pw_doc_release(&d);
	return s;
}

static void assert_no_markup(const char *html)
{
	assert_null(strstr(html, "<script>alert"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, " style="));
}

static void test_pages_escape(void **state)
{
	struct pw_store *s = markup_plan();
	struct pw_obs_entry note = {
		.entity = PW_ENTITY_INDICATOR, .id = 1, .year = 2021, .value = 250, .unit = "亿元",
		.note = "核实<script>alert(1)</script><img src=x>", .by = "test",
		.state = PW_OBS_SUBMITTED,
	};
	struct web_page p;
	int64_t obs_id;

	(void)state;
	memset(&p, 0, sizeof(p));
	sb_init(&p.out, 0);
	p.store = s;
	assert_int_equal(page_home(&p), 0);
	assert_no_markup(p.out.buf);
	assert_non_null(strstr(p.out.buf, "湛河区"));
	sb_reset(&p.out);
	p.demo = true;
	assert_int_equal(page_indicators(&p, 1), 0);
	assert_no_markup(p.out.buf);
	assert_non_null(strstr(p.out.buf, "data-unit=\"\""));
	assert_non_null(strstr(p.out.buf, "class=\"demo-banner\""));
	sb_reset(&p.out);
	assert_int_equal(page_plan(&p, 99), PW_STORE_NOTFOUND);
	sb_reset(&p.out);
	/* a note entered by a unit, approved, on the public indicator page */
	assert_int_equal(pw_store_obs_record(s, &note, &obs_id), 0);
	assert_int_equal(pw_store_obs_transition(s, obs_id, PW_OBS_APPROVED, NULL, "t", NULL), 0);
	assert_int_equal(page_indicator(&p, 1), 0);
	assert_no_markup(p.out.buf);
	assert_non_null(strstr(p.out.buf, "核实&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x&gt;"));
	assert_non_null(strstr(p.out.buf, "<td class=\"num\">250</td>"));
	sb_release(&p.out);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_links),
		cmocka_unit_test_teardown(test_pages_escape, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
