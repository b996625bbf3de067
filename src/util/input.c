/*
 * input.c - opens outside files for reading, regular files only (input.h).
 */
#include "util/input.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pw_open_input(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), flags;
	struct stat st;

	if (fd < 0)
		return pw_error_kind(PW_ERR_INPUT, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return pw_error_kind(PW_ERR_INPUT, "cannot read '%s': not a regular file", path);
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		close(fd);
		return pw_error_kind(PW_ERR_INPUT, "cannot read '%s': %s", path, strerror(errno));
	}
	if (size)
		*size = (size_t)st.st_size;
	return fd;
}
