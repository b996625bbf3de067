/* table.c - indicator tables.  (placeholder: owner fills in) */
#include "ingest/ingest.h"

int pw_read_tables(const struct pw_doc *d, struct pw_plan *p, unsigned char *claimed)
{
	(void)d;
	(void)p;
	(void)claimed;
	return 0;
}
