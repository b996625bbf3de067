/*
 * csv_field.h - writing one CSV field.  Below every writer (reports,
 * monitoring templates) and the reader (monitor/csv.c), which strips the
 * apostrophe the writer adds.
 */
#ifndef PW_CSV_FIELD_H
#define PW_CSV_FIELD_H

/* First characters a spreadsheet takes as the start of a formula. */
#define PW_CSV_FORMULA_START "=+-@\t\r\n"

/* Appends s to out as one CSV field (quoted when it holds a delimiter,
 * quote or line break).  A text a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a line break; a plain number such as
 * -3.2 is not one) is written after an apostrophe, which Excel and
 * LibreOffice take as "text", so that plan text or user input cannot
 * become a formula in the office that opens the file. */
struct strbuf;
void pw_csv_field(struct strbuf *out, const char *s);

#endif
