/*
 * doc.h - a plan document as decoded, cleaned lines.
 *
 * pw_doc_load() reads a file in UTF-8 (with or without BOM), UTF-16 (BOM)
 * or GB18030/GBK (detected when the bytes are not valid UTF-8), turns CRLF
 * and CR into line ends, and cleans each line:
 *  - full-width ASCII digits, letters and the symbols ％．＋－／＜＞＝ become
 *    ASCII (so ８３％ reads as 83%); Chinese punctuation （），、。 is kept;
 *  - HTML tags (<ol ...>, </li>) and Markdown emphasis (**, __) are removed.
 * Line numbers are those of the input file (1-based), whatever the line ends.
 *
 * Ownership: the doc owns all text; pw_doc_release() frees it.  Line strings
 * are NUL-terminated and stay valid until release.
 */
#ifndef PW_DOC_H
#define PW_DOC_H

#include <stddef.h>

struct pw_line {
	char *s;    /* cleaned UTF-8, no line end, NUL-terminated */
	size_t len; /* bytes */
	int no;     /* 1-based line number in the input */
};

struct pw_doc {
	char *name;           /* file name used in messages */
	const char *encoding; /* "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE",
			       * or the document format: "docx", "HTML", "PDF" */
	char *text;           /* decoded UTF-8 before cleaning, line ends as in the input */
	size_t text_len;
	struct pw_line *lines;
	size_t nlines, lines_alloc;
	char *arena;          /* backing store of the cleaned lines */
};

/* Largest input accepted (bytes); bigger files are refused with an error
 * before they are read in full.  A real plan is well under 5 MB. */
#define PW_DOC_MAX_BYTES ((size_t)64 << 20)

/* Returns 0, or -1 after reporting "<path>: reason" (nothing allocated).
 * Only a regular file is read (util/input.h); a NUL byte anywhere is an
 * error naming its line; what the file costs in memory (its bytes, the
 * text and the line table) is held to the read limit (util/budget.h).
 * A Word document, web page, PDF or legacy Office file is read as its
 * text (text/office.h); encoding then names the format. */
int pw_doc_load(struct pw_doc *d, const char *path);
/* Same from memory; name is used in messages.  buf is copied.  Word
 * documents and web pages are read; formats that need an outside program
 * (PDF, legacy Office) are refused: bytes from a request or a fuzzer never
 * start one. */
int pw_doc_from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len);

/* The same without the line table (lines NULL, nlines 0), for readers that
 * parse d->text themselves (CSV): the decoded text's bytes are charged to
 * b, which the reader goes on charging; a NUL byte is reported as one, not
 * as a plan's problem.  b->name must stay valid while b is used. */
struct pw_budget;
int pw_doc_load_text(struct pw_doc *d, const char *path, struct pw_budget *b);
int pw_doc_text_from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len,
			   struct pw_budget *b);
void pw_doc_release(struct pw_doc *d);

#endif
