/*
 * store.h - the SQLite store.  (placeholder API: the store owner extends it)
 */
#ifndef PW_STORE_H
#define PW_STORE_H

struct pw_store;

/* Opens (creating and migrating) the database at path.  Returns 0 or -1. */
int pw_store_open(struct pw_store **out, const char *path);
void pw_store_close(struct pw_store *s);

#endif
