/*
 * testdata.h - loading the hand-made documents under tests/data/ from a
 * unit test.  The path is taken relative to the test's source file as the
 * compiler named it (__FILE__): the Makefile compiles tests/unit/x.c, so
 * tests run from the repository root, as "make unit" runs them.
 */
#ifndef PW_TESTDATA_H
#define PW_TESTDATA_H

#include "text/doc.h"
#include "util/strbuf.h"

#include <string.h>

/* Loads tests/data/<rel> into d; asserts that it loads.  src: __FILE__ of
 * the calling test (use TESTDATA_LOAD). */
static inline void testdata_load(struct pw_doc *d, const char *src, const char *rel)
{
	struct strbuf path = STRBUF_INIT;
	const char *slash = strrchr(src, '/');

	if (slash)
		sb_add(&path, src, (size_t)(slash - src) + 1);
	sb_addf(&path, "../data/%s", rel);
	assert_int_equal(pw_doc_load(d, path.buf), 0);
	sb_release(&path);
}

#define TESTDATA_LOAD(d, rel) testdata_load((d), __FILE__, (rel))

#endif
