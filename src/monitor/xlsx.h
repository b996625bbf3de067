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

/* 0, or -1 after reporting "<path>: reason"; sh is initialised here. */
int pw_xlsx_read(struct pw_sheet *sh, const char *path);

#endif
