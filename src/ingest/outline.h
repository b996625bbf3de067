/*
 * outline.h - recognising one heading line (篇/章/节/一、/（一）).
 *
 * pw_read_outline() (ingest.h) runs this over every line; the 专栏 reader
 * uses it to see where a box ends.
 */
#ifndef PW_OUTLINE_H
#define PW_OUTLINE_H

#include "model/plan.h"

#include <stdbool.h>
#include <stddef.h>

struct pw_heading {
	enum pw_level level;
	int value;          /* 3 for 第三章, （三） and 三、 */
	const char *number; /* the number as written, pointing into the line */
	size_t number_len;  /* "第三章", "三" (without 、), "（三）" */
	const char *title;  /* the heading text after the number, or "" */
	size_t title_len;   /* trimmed; 0 if the title is on the next line */
	bool toc;           /* a table-of-contents entry ("…… 12" page number) */
};

/* Returns true and fills h if line is a heading: a number of one of the
 * five forms, then a short title without a sentence end (。；) or table
 * cells (tabs).  h points into line, which must outlive it. */
bool pw_outline_match(const char *line, struct pw_heading *h);

#endif
