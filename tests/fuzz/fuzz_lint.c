/*
 * fuzz_lint.c - libFuzzer target: any bytes through decoding, extraction
 * and every lint check (and both printers) must neither crash nor leak.
 */
#include "ingest/ingest.h"
#include "lint/lint.h"
#include "util/error.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_doc d;
	struct pw_plan p;
	struct pw_lint L;
	FILE *null;

	pw_error_quiet(1);
	if (pw_doc_from_bytes(&d, "fuzz", (const char *)data, size) < 0)
		return 0;
	pw_plan_init(&p);
	if (pw_ingest_doc(&d, &p) == 0) {
		pw_lint_init(&L, &d, &p);
		pw_lint_run(&L);
		if ((null = fopen("/dev/null", "w"))) {
			pw_lint_print_text(null, &L);
			pw_lint_print_json(null, &L);
			fclose(null);
		}
		pw_lint_release(&L);
		pw_plan_free(&p);
	}
	pw_doc_release(&d);
	return 0;
}
