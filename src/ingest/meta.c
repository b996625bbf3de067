/* meta.c - plan title, region, ordinal and period.  (placeholder: owner fills in) */
#include "ingest/ingest.h"

void pw_read_meta(const struct pw_doc *d, struct pw_plan *p)
{
	(void)d;
	(void)p;
}
