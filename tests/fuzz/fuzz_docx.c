/*
 * fuzz_docx.c - libFuzzer target: any bytes read as a Word document must
 * neither crash nor leak, and what comes out must go through the plan
 * reader the same way.  Bytes that start like a zip are read as one;
 * others become word/document.xml of a zip made here, so that the
 * mutations reach the WordprocessingML reader instead of dying on a zip
 * checksum.
 */
#include "ingest/ingest.h"
#include "text/office_int.h"
#include "util/error.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A zip holding data as word/document.xml, into *out (caller frees). */
static size_t wrap(const uint8_t *data, size_t size, char **out)
{
	zip_error_t err;
	zip_source_t *src, *part;
	zip_stat_t st;
	zip_t *za;
	size_t n = 0;

	*out = NULL;
	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (!src)
		return 0;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	part = za ? zip_source_buffer(za, data, size, 0) : NULL;
	if (part && zip_file_add(za, "word/document.xml", part, 0) < 0)
		zip_source_free(part);
	if (za && zip_close(za) == 0 && zip_source_stat(src, &st) == 0 &&
	    zip_source_open(src) == 0) {
		*out = malloc(st.size ? st.size : 1);
		if (*out && zip_source_read(src, *out, st.size) == (zip_int64_t)st.size)
			n = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&err);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	struct pw_doc d;
	struct pw_plan p;
	char *zipped = NULL;
	const char *bytes = (const char *)data;

	pw_error_quiet(1);
	if (size < 2 || memcmp(data, "PK", 2)) {
		size = wrap(data, size, &zipped);
		bytes = zipped;
	}
	if (bytes && pw_docx_text("fuzz", bytes, size, &out) == 0 &&
	    pw_doc_from_bytes(&d, "fuzz", out.buf, out.len) == 0) {
		pw_plan_init(&p);
		if (pw_ingest_doc(&d, &p) == 0)
			pw_plan_free(&p);
		pw_doc_release(&d);
	}
	free(zipped);
	sb_release(&out);
	return 0;
}
