/*
 * csv.h - CSV data files into a pw_sheet (sheet.h).
 *
 * Accepted: UTF-8 with or without BOM, GB18030/GBK and UTF-16 with BOM
 * (decoded by text/doc.c); LF, CRLF or CR line ends; RFC 4180 quoting
 * ("a, b", "say ""x""", line breaks inside quotes); the delimiter is the
 * comma, or tab or semicolon when the first record has more of those.
 * Records that are blank, or whose first cell starts with an unquoted '#'
 * (a comment, e.g. the 演示数据 header), are skipped.  Each row keeps the
 * line its record starts on.  Cells are not trimmed, but a cell that
 * pw_csv_field() guarded against formulas ('=..., '+..., '-..., '@...,
 * an apostrophe before a tab or line break) is read without the
 * apostrophe, so that what planwatch writes reads back as it was.  Limits: the file
 * size of text/doc.h, PW_SHEET_MAX_COLS fields per record and
 * PW_SHEET_MAX_ITEMS cells per file (sheet.h); beyond them, an error.
 */
#ifndef PW_CSV_H
#define PW_CSV_H

#include "monitor/sheet.h"
#include "text/csv_field.h"

#include <stddef.h>

/* 0, or -1 after reporting "<path>:<line>: reason"; sh is initialised
 * here and left empty on error. */
int pw_csv_read(struct pw_sheet *sh, const char *path);
int pw_csv_from_bytes(struct pw_sheet *sh, const char *name, const char *buf, size_t len);

/* The writer, pw_csv_field(), lives in text/csv_field.h. */

#endif
