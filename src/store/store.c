/* store.c - placeholder until the store lands. */
#include "store/store.h"
#include "util/error.h"

int pw_store_open(struct pw_store **out, const char *path)
{
	*out = 0;
	return pw_error("cannot open '%s': store not built yet", path);
}

void pw_store_close(struct pw_store *s)
{
	(void)s;
}
