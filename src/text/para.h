/*
 * para.h - logical paragraphs of a document, rejoined across page breaks.
 *
 * A PDF-to-text conversion cuts a paragraph where a page ends: the line
 * stops without sentence punctuation, one or more blank lines (and perhaps a
 * page number) follow, and the paragraph goes on on the next line, sometimes
 * repeating the last word of the cut ("建立全区科" / "科技型中小企业库").
 * pw_para_next() glues such pieces back into one paragraph, drops the
 * repeated word, and remembers for every byte the input line it came from, so
 * that a finding can be reported at its own line.  The lint feature uses the
 * same joins (pw_para_seg.dropped) to warn about page-break damage.
 *
 * Lines that a caller marks in skip[] (tables, headings, 专栏 items) and
 * lines that are not running text (tab-separated or Markdown table rows) end
 * a paragraph and are never part of one.  A line that looks like a heading
 * (第一章, 二、, （三）, 专栏, 表 1, or a short line without punctuation) is
 * a paragraph of its own, marked heading.
 *
 * Ownership: a struct pw_para owns its text and segments; reuse it across
 * pw_para_next() calls and free it with pw_para_release().
 */
#ifndef PW_PARA_H
#define PW_PARA_H

#include "text/doc.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* The paragraph text from byte off on comes from input line `line`. */
struct pw_para_seg {
	size_t off;
	int line;       /* 1-based input line number */
	size_t dropped; /* bytes of a word repeated across the break, dropped at its start */
};

struct pw_para {
	struct strbuf text;
	struct pw_para_seg *segs;
	size_t nsegs, segs_alloc;
	size_t first, last; /* indices into d->lines of the first and last piece */
	bool heading;
};

/* Heading levels returned by pw_para_heading_level(). */
enum pw_para_level {
	PW_PARA_NOT_HEADING = -1,
	PW_PARA_PART = 0, /* 第一篇 */
	PW_PARA_CHAPTER,  /* 第一章 */
	PW_PARA_SECTION,  /* 第一节 */
	PW_PARA_ITEM,     /* 一、 */
	PW_PARA_SUBITEM,  /* （一） */
	PW_PARA_BOX,      /* 专栏 …, 表 1 … */
	PW_PARA_TITLE,    /* a short line without punctuation */
};

void pw_para_init(struct pw_para *pa);
void pw_para_release(struct pw_para *pa);

/* Reads the next paragraph at or after line index *pos into pa and moves *pos
 * past it.  skip may be NULL.  Returns 1, or 0 when no paragraph is left. */
int pw_para_next(const struct pw_doc *d, const unsigned char *skip, size_t *pos,
		 struct pw_para *pa);

/* The input line of byte off of the paragraph text. */
int pw_para_line_at(const struct pw_para *pa, size_t off);

/* The heading level of a cleaned line, or PW_PARA_NOT_HEADING. */
enum pw_para_level pw_para_heading_level(const char *s);

/* True if the line carries no text (spaces, U+3000, tabs only). */
bool pw_para_blank(const char *s);

#endif
