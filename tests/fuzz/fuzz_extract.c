/*
 * fuzz_extract.c - libFuzzer target: any bytes through decoding and every
 * extraction stage must neither crash nor leak.
 */
#include "ingest/ingest.h"
#include "util/error.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_doc d;
	struct pw_plan p;

	pw_error_quiet(1);
	if (pw_doc_from_bytes(&d, "fuzz", (const char *)data, size) < 0)
		return 0;
	pw_plan_init(&p);
	if (pw_ingest_doc(&d, &p) == 0)
		pw_plan_free(&p);
	pw_doc_release(&d);
	return 0;
}
