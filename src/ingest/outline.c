/* outline.c - headings.  (placeholder: owner fills in) */
#include "ingest/ingest.h"

void pw_read_outline(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	(void)d;
	(void)p;
	(void)claimed;
}
