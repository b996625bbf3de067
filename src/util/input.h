/*
 * input.h - opening a file planwatch reads from outside.
 *
 * Only regular files are read: a FIFO would block the open (or the read)
 * for ever, a device such as /dev/zero never ends, and a directory is no
 * document.  The open does not block (O_NONBLOCK, cleared again for a
 * regular file), so a FIFO without a writer is refused at once.
 */
#ifndef PW_INPUT_H
#define PW_INPUT_H

#include <stddef.h>

/* Opens path for reading: the descriptor (the caller closes it), or -1
 * after reporting "cannot open '<path>': ..." or "cannot read '<path>':
 * not a regular file".  *size gets the file's size (may be NULL). */
int pw_open_input(const char *path, size_t *size);

#endif
