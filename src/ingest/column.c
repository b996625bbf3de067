/* column.c - 专栏 boxes.  (placeholder: owner fills in) */
#include "ingest/ingest.h"

void pw_read_columns(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	(void)d;
	(void)p;
	(void)claimed;
}
