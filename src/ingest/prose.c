/* prose.c - prose targets.  (placeholder: owner fills in) */
#include "ingest/ingest.h"

void pw_read_prose(const struct pw_doc *d, struct pw_plan *p, const unsigned char *claimed)
{
	(void)d;
	(void)p;
	(void)claimed;
}
