/* number.c - numbers and value cells.  (placeholder: owner fills in) */
#include "text/number.h"

#include <string.h>

void pw_parse_cell(const char *s, struct pw_cell *out)
{
	(void)s;
	memset(out, 0, sizeof(*out));
	out->type = PW_CELL_TEXT;
}

size_t pw_scan_number(const char *s, double *out)
{
	(void)s;
	*out = 0;
	return 0;
}
