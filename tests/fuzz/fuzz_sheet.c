/*
 * fuzz_sheet.c - libFuzzer target: any bytes through the data-file readers
 * (monitor/csv.h, monitor/xlsx.h) and what reads their cells (value and
 * year parsing, the header finder) must neither crash, leak nor blow up.
 *
 * The input's first bytes pick the reader, so that real files seed the
 * corpus as they are (tests/fuzz/seeds.sh):
 *  - "PK": a whole .xlsx workbook;
 *  - "<": XML parts, zipped here (stored) into a workbook so that the
 *    fuzzer reaches the XML handlers instead of stopping at the zip layer
 *    (a mutated zip mostly fails its CRC): the worksheet, then, after a
 *    NUL, xl/sharedStrings.xml - added only when that second part is
 *    there, as an empty part is bad XML and would stop the read before
 *    the worksheet;
 *  - anything else: a CSV file.
 */
#include "monitor/batch.h"
#include "monitor/columns.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Adds len bytes at p as part `name` (stored); false on failure. */
static int add_part(zip_t *za, const char *name, const void *p, size_t len)
{
	zip_source_t *src = zip_source_buffer(za, len ? p : "", len, 0);
	zip_int64_t idx;

	if (!src)
		return 0;
	idx = zip_file_add(za, name, src, ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return 0;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) == 0;
}

/* Reads all of the (closed) source src into out; 0 or -1. */
static int source_bytes(zip_source_t *src, struct strbuf *out)
{
	zip_stat_t st;
	int rc = -1;

	if (zip_source_open(src) < 0)
		return -1;
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
		sb_grow(out, st.size);
		if (zip_source_read(src, out->buf, st.size) == (zip_int64_t)st.size) {
			sb_setlen(out, st.size);
			rc = 0;
		}
	}
	zip_source_close(src);
	return rc;
}

/* A workbook of the worksheet and (when sst is not NULL) the shared
 * strings into out; 0 or -1. */
static int zip_book(const char *sheet, size_t nsheet, const char *sst, size_t nsst,
		    struct strbuf *out)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;
	int rc = -1;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (src && !za)
		zip_source_free(src);
	if (za) {
		zip_source_keep(src); /* read it after the archive is closed */
		if (add_part(za, "xl/worksheets/sheet1.xml", sheet, nsheet) &&
		    (!sst || add_part(za, "xl/sharedStrings.xml", sst, nsst)) &&
		    zip_close(za) == 0)
			rc = source_bytes(src, out);
		else
			zip_discard(za);
		zip_source_free(src);
	}
	zip_error_fini(&ze);
	return rc;
}

static int read_zipped(struct pw_sheet *sh, const char *p, size_t len)
{
	const char *nul = memchr(p, '\0', len);
	size_t n1 = nul ? (size_t)(nul - p) : len;
	struct strbuf zip = STRBUF_INIT;
	int rc;

	if (zip_book(p, n1, nul ? nul + 1 : NULL, nul ? len - n1 - 1 : 0, &zip) < 0) {
		sb_release(&zip);
		pw_sheet_init(sh, "fuzz.xlsx");
		return -1;
	}
	rc = pw_xlsx_from_bytes(sh, "fuzz.xlsx", zip.buf, zip.len);
	sb_release(&zip);
	return rc;
}

/* What the import does with the cells before it needs a database. */
static void read_cells(const struct pw_sheet *sh)
{
	struct pw_cols cols;
	char unit[32];
	double v;
	bool est;
	size_t i, j;

	pw_cols_find_header(sh, PW_COL_VALUE, PW_COL_YEAR, &cols);
	for (i = 0; i < sh->nrows; i++) {
		for (j = 0; j < sh->rows[i].n; j++) {
			pw_batch_parse_value(sh->rows[i].cells[j], &v, &est, unit, sizeof(unit));
			pw_batch_parse_year(sh->rows[i].cells[j]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct pw_sheet sh;
	int rc;

	pw_error_quiet(1);
	if (size >= 2 && p[0] == 'P' && p[1] == 'K')
		rc = pw_xlsx_from_bytes(&sh, "fuzz.xlsx", p, size);
	else if (size >= 1 && p[0] == '<')
		rc = read_zipped(&sh, p, size);
	else
		rc = pw_csv_from_bytes(&sh, "fuzz.csv", p, size);
	if (rc == 0)
		read_cells(&sh);
	pw_sheet_release(&sh);
	return 0;
}
