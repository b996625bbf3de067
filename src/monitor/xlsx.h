/*
 * xlsx.h - the first worksheet of an .xlsx workbook into a pw_sheet, with
 * libzip and expat only.  Understood: shared strings (rich text runs
 * joined, phonetic runs dropped), inline strings, formula results (t="str"),
 * numbers (printed back with up to 15 significant digits, so 12.3 stays
 * 12.3), booleans as 0/1.  Row numbers are the spreadsheet's (1-based).
 */
#ifndef PW_XLSX_H
#define PW_XLSX_H

#include "monitor/sheet.h"

#include <stddef.h>

/*
 * Limits (a workbook is outside input): 64 MiB per XML part and 128 MiB
 * for all parts read, uncompressed sizes as the zip declares them, checked
 * before anything is inflated; XML nested at most 64 deep; no DTD; at most
 * 4 Mi cells, rows and shared strings; a cell naming a shared string the
 * workbook lacks is an error.  Numbers come back without exponent (1e-05
 * as 0.00001); number cells that are not decimal numbers are left as
 * written, for validation to refuse.
 */

/* 0, or -1 after reporting "<path>: reason"; sh is initialised here (and
 * left empty on error); the caller releases it either way. */
int pw_xlsx_read(struct pw_sheet *sh, const char *path);
/* The same from len bytes of a workbook in memory (borrowed for the call);
 * name is used in messages. */
int pw_xlsx_from_bytes(struct pw_sheet *sh, const char *name, const void *buf, size_t len);

#endif
