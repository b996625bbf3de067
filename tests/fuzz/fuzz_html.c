/*
 * fuzz_html.c - libFuzzer target: any bytes read as a web page must
 * neither crash nor leak, and what comes out must go through the plan
 * reader the same way.
 */
#include "ingest/ingest.h"
#include "text/office_int.h"
#include "util/error.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	struct pw_doc d;
	struct pw_plan p;

	pw_error_quiet(1);
	if (pw_html_text("fuzz", (const char *)data, size, &out) == 0 &&
	    pw_doc_from_bytes(&d, "fuzz", out.buf, out.len) == 0) {
		pw_plan_init(&p);
		if (pw_ingest_doc(&d, &p) == 0)
			pw_plan_free(&p);
		pw_doc_release(&d);
	}
	sb_release(&out);
	return 0;
}
