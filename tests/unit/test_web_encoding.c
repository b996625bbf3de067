/*
 * test_web_encoding.c - how the server's bodies travel (web/encoding.c):
 * which types are compressed, Accept-Encoding, gzip that zlib reads back,
 * ETags and If-None-Match, and the gzip kept per ETag.  The headers on
 * the wire are tested end to end by tests/e2e/api_test.py.
 */
#include "unit.h"

#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void test_compressible(void **state)
{
	(void)state;
	assert_true(web_compressible(NULL)); /* the API's JSON */
	assert_true(web_compressible("text/html; charset=utf-8"));
	assert_true(web_compressible("text/csv; charset=utf-8"));
	assert_true(web_compressible("text/css; charset=utf-8"));
	assert_true(web_compressible("text/javascript; charset=utf-8"));
	assert_true(web_compressible("application/json; charset=utf-8"));
	assert_true(web_compressible("image/svg+xml"));
	assert_false(web_compressible("application/pdf"));
	assert_false(web_compressible("image/png"));
	assert_false(web_compressible(
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
}

static void test_accept_encoding(void **state)
{
	(void)state;
	assert_true(web_accepts_gzip("gzip"));
	assert_true(web_accepts_gzip("gzip, deflate, br"));
	assert_true(web_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
	assert_true(web_accepts_gzip("x-gzip"));
	assert_true(web_accepts_gzip("*"));
	assert_false(web_accepts_gzip(NULL));
	assert_false(web_accepts_gzip(""));
	assert_false(web_accepts_gzip("identity"));
	assert_false(web_accepts_gzip("deflate, br"));
	assert_false(web_accepts_gzip("gzip;q=0"));
	assert_false(web_accepts_gzip("gzip;q=0.0, *"));   /* refused by name, whatever * says */
	assert_false(web_accepts_gzip("gzipped"));
	assert_false(web_accepts_gzip("*;q=0"));
}

/* A text of n bytes that compresses well, as a page does. */
static char *page_like(size_t n)
{
	static const char row[] = "<tr><td>地区生产总值</td><td class=\"num\">8.5</td></tr>\n";
	char *s = malloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = row[i % (sizeof(row) - 1)];
	s[n] = '\0';
	return s;
}

static void test_gzip_round_trip(void **state)
{
	char *text = page_like(20000), *gz, *back = malloc(20000);
	size_t gz_len;
	uLongf back_len = 20000;
	z_stream z;

	(void)state;
	assert_int_equal(web_gzip(text, 20000, &gz, &gz_len), 0);
	assert_true(gz_len < 2000);
	assert_int_equal((unsigned char)gz[0], 0x1f); /* the gzip magic */
	assert_int_equal((unsigned char)gz[1], 0x8b);
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)gz;
	z.avail_in = (uInt)gz_len;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)back_len;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, 20000);
	inflateEnd(&z);
	assert_memory_equal(back, text, 20000);
	free(gz);
	/* too small to gain anything: sent as it is */
	assert_int_equal(web_gzip("{\"error\":\"x\"}", 13, &gz, &gz_len), -1);
	assert_null(gz);
	free(back);
	free(text);
}

static void test_etag(void **state)
{
	char a[WEB_ETAG_MAX], b[WEB_ETAG_MAX], gz[WEB_ETAG_MAX + 3], weak[WEB_ETAG_MAX + 2], list[128];

	(void)state;
	web_etag("one", 3, a);
	web_etag("two", 3, b);
	assert_int_equal(strlen(a), 34);
	assert_true(a[0] == '"' && a[33] == '"');
	assert_string_not_equal(a, b);
	web_etag("one", 3, b);
	assert_string_equal(a, b); /* the same bytes, the same tag */
	snprintf(gz, sizeof(gz), "%.33s-gz\"", a);
	snprintf(weak, sizeof(weak), "W/%s", a);
	snprintf(list, sizeof(list), "\"x\", %s", gz);
	assert_true(web_etag_match(a, a));
	assert_true(web_etag_match(gz, a));
	assert_true(web_etag_match(weak, a));
	assert_true(web_etag_match(list, a));
	assert_true(web_etag_match("*", a));
	assert_false(web_etag_match(NULL, a));
	assert_false(web_etag_match("", a));
	assert_false(web_etag_match("\"x\"", a));
	web_etag("two", 3, b);
	assert_false(web_etag_match(b, a));
	a[33] = '\0'; /* a tag without its closing quote names nothing */
	web_etag("one", 3, b);
	assert_false(web_etag_match(a, b));
}

/* The gzip of a shared body is made once per ETag: a second call under
 * the same tag returns what the first made, not the new bytes. */
static void test_gzip_kept(void **state)
{
	char *one = page_like(5000), *two = page_like(7000), etag[WEB_ETAG_MAX];
	char *g1, *g2, *g3;
	size_t l1, l2, l3;

	(void)state;
	web_etag(one, 5000, etag);
	assert_int_equal(web_gzip_cached(etag, one, 5000, &g1, &l1), 0);
	assert_int_equal(web_gzip_cached(etag, two, 7000, &g2, &l2), 0);
	assert_int_equal(l1, l2);
	assert_memory_equal(g1, g2, l1);
	web_gzip_cache_clear();
	assert_int_equal(web_gzip_cached(etag, two, 7000, &g3, &l3), 0);
	assert_true(l3 != l1 || memcmp(g1, g3, l1) != 0);
	free(g1);
	free(g2);
	free(g3);
	web_gzip_cache_clear();
	free(one);
	free(two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compressible),
		cmocka_unit_test(test_accept_encoding),
		cmocka_unit_test(test_gzip_round_trip),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_gzip_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
