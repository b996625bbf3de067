/*
 * office.h - plan documents that are not plain text: Word (.docx), web
 * pages (.html/.htm), PDF, and the legacy Office formats (.doc, .wps,
 * .xls, .et, .rtf, .odt) that LibreOffice converts when it is installed.
 *
 * The format is told from the content (a .docx named .txt still reads as
 * Word), the extension only deciding for a web page that does not start
 * like one.  Each reader yields the plain text the text path reads (see
 * text/office_int.h), so every format gives the same plan model; line
 * numbers in messages and in extract's output count the lines of that
 * text: one per paragraph or table row (docx, HTML), the lines of
 * pdftotext's layout (PDF).
 */
#ifndef PW_OFFICE_H
#define PW_OFFICE_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>

enum pw_format {
	PW_FMT_TEXT = 0,
	PW_FMT_DOCX,
	PW_FMT_HTML,
	PW_FMT_PDF,
	PW_FMT_XLSX,   /* a workbook: data, not a plan */
	PW_FMT_ZIP,    /* a zip archive that is no Office document */
	PW_FMT_LEGACY, /* OLE2 (.doc .wps .xls .et), RTF, OpenDocument: LibreOffice */
};

/* The format of a file named name holding buf[0..len). */
enum pw_format pw_format_sniff(const char *name, const char *buf, size_t len);

/* If the bytes in *in are a document format, replaces them by its text
 * (UTF-8) and sets *format to its name ("docx", "HTML", "PDF"); plain
 * text is left as it is (*format NULL).  programs: PDF and legacy files
 * may be handed to pdftotext / soffice; else they are refused.  Returns
 * 0, or -1 after reporting "<name>: reason" (in is then left empty). */
int pw_office_text(const char *name, struct strbuf *in, bool programs, const char **format);

/* A legacy file converted by LibreOffice; path is the converted file in a
 * private temporary folder that pw_converted_release removes. */
struct pw_converted {
	char *dir;
	char *path;
};

/* Converts the file at path to the format `to` ("docx", "xlsx") with
 * LibreOffice (soffice --headless).  Returns 0, or -1 after reporting a
 * clear error: LibreOffice missing (with how to convert by hand), or the
 * conversion failing.  c is empty unless 0. */
int pw_office_convert(const char *path, const char *to, struct pw_converted *c);
void pw_converted_release(struct pw_converted *c);

/* True if the file at path is a legacy spreadsheet or document that
 * needs LibreOffice: an OLE2 compound file (.xls, .et, .doc, .wps) or a
 * name ending in one of those. */
int pw_office_is_legacy(const char *path);

#endif
