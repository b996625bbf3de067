/*
 * pdf.c - reads a PDF into the plain text of office_int.h with poppler's
 * pdftotext -layout (Debian's poppler-utils, already installed for the
 * tests), in a process of its own.
 *
 * Why the program and not libpoppler-glib: -layout already places each
 * text run at its column, so a table comes out as space-aligned columns,
 * which the table reader reads by position (the same as a plan someone
 * converted by hand); linking poppler would pull its C++ and GLib stack
 * into every planwatch binary, and a crash or hang on a hostile PDF
 * would take the server with it, where a separate process is killed
 * after a timeout.
 *
 * A PDF whose pages hold no text (scanned images) is refused with a clear
 * error; page breaks become line ends.
 */
#include "text/office_int.h"
#include "util/error.h"

#include <string.h>

int pw_pdf_layout_text(const char *name, const char *txt, size_t len, struct strbuf *out)
{
	const char *s = txt, *end = txt + len, *e;
	size_t chars = 0, n, i;

	sb_reset(out);
	while (s < end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		n = (size_t)(e - s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\f'))
			n--;
		for (; n && *s == '\f'; s++, n--)
			sb_addch(out, '\n'); /* a page break: the next page starts a line */
		sb_add(out, s, n);
		sb_addch(out, '\n');
		for (i = 0; i < n; i++)
			chars += s[i] != ' ' && s[i] != '\f' && s[i] != '\t';
		s = e + 1;
	}
	/* the form feeds left inside lines */
	for (n = 0; n < out->len; n++)
		if (out->buf[n] == '\f')
			out->buf[n] = ' ';
	if (!chars)
		return pw_error("%s: the PDF has no text layer (scanned pages?): run OCR on it, "
				"or get the document as Word or text",
				name);
	return 0;
}

int pw_pdf_text(const char *name, const char *buf, size_t len, struct strbuf *out)
{
	struct strbuf in = STRBUF_INIT, txt = STRBUF_INIT, raw = STRBUF_INIT;
	struct pw_tmp t;
	int rc;

	if (!pw_have_program("pdftotext"))
		return pw_error("%s: reading PDF needs pdftotext, which is not installed "
				"(apt-get install poppler-utils)",
				name);
	if (pw_tmp_init(&t, name) < 0)
		return -1;
	pw_tmp_path(&t, "in.pdf", &in);
	pw_tmp_path(&t, "out.txt", &txt);
	rc = pw_write_file(name, in.buf, buf, len);
	if (rc == 0) {
		char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-q",
				 in.buf, txt.buf, NULL };

		if (pw_run(argv, PW_OFFICE_TIMEOUT) != 0)
			rc = pw_error("%s: pdftotext cannot read this PDF (damaged or encrypted?)",
				      name);
	}
	if (rc == 0 && (rc = pw_read_file(name, txt.buf, PW_DOC_MAX_BYTES, &raw)) == 1)
		rc = pw_error("%s: the PDF's text is too large (over %zu MB)", name,
			      PW_DOC_MAX_BYTES >> 20);
	if (rc == 0)
		rc = pw_pdf_layout_text(name, raw.buf, raw.len, out);
	sb_release(&in);
	sb_release(&txt);
	sb_release(&raw);
	pw_tmp_release(&t);
	return rc;
}
