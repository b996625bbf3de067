/*
 * i18n.c - the language of messages and where the catalogue is; see i18n.h.
 *
 * Only LC_MESSAGES follows the user's locale: number parsing and printing
 * (LC_NUMERIC) stay "C" so that JSON and CSV never get a decimal comma,
 * and the catalogue is always delivered as UTF-8, which is what every
 * other output of planwatch is.
 */
#include "util/i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/nelem.h"

#ifndef PW_LOCALEDIR
#define PW_LOCALEDIR "/usr/local/share/locale"
#endif

static int bound;

const char *pw_gettext(const char *msgid)
{
	return bound && msgid && *msgid ? dgettext(PW_TEXTDOMAIN, msgid) : msgid;
}

/* The first of LC_ALL, LC_MESSAGES, LANG that is set: what the user asked for. */
static const char *requested_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < NELEM(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * setlocale() fails for a locale this machine has not generated (a fresh
 * Debian has no zh_CN.UTF-8), and gettext then never translates.  The
 * catalogue needs no locale data, only a language: run messages in
 * C.UTF-8 and name the language in LANGUAGE (which glibc honours for any
 * locale but plain "C"), unless the user set LANGUAGE already.
 */
static void choose_language(void)
{
	const char *want = requested_locale();
	char lang[64];
	size_t n;

	if (setlocale(LC_MESSAGES, ""))
		return;
	if (!want || !strcmp(want, "C") || !strcmp(want, "POSIX"))
		return;
	n = strcspn(want, ".@");
	if (n == 0 || n >= sizeof(lang))
		return;
	memcpy(lang, want, n);
	lang[n] = '\0';
	if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8"))
		return;
	setenv("LANGUAGE", lang, 0);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir + "/" + rel into buf if it is a folder; 1 if so. */
static int try_dir(char *buf, size_t size, const char *dir, size_t dirlen, const char *rel)
{
	size_t rl = strlen(rel);

	if (dirlen + 1 + rl + 1 > size)
		return 0;
	memcpy(buf, dir, dirlen);
	buf[dirlen] = '/';
	memcpy(buf + dirlen + 1, rel, rl + 1);
	return is_dir(buf);
}

/* The catalogue folder: see i18n.h for the order.  Into buf. */
static void find_localedir(char *buf, size_t size)
{
	const char *env = getenv("PLANWATCH_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env && strlen(env) < size) {
		memcpy(buf, env, strlen(env) + 1);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash && (try_dir(buf, size, exe, (size_t)(slash - exe), "locale") ||
			      try_dir(buf, size, exe, (size_t)(slash - exe), "build/locale")))
			return;
	}
	if (strlen(PW_LOCALEDIR) < size)
		memcpy(buf, PW_LOCALEDIR, strlen(PW_LOCALEDIR) + 1);
}

void pw_i18n_init(void)
{
	char dir[PATH_MAX];

	choose_language();
	find_localedir(dir, sizeof(dir));
	if (!bindtextdomain(PW_TEXTDOMAIN, dir))
		return;
	bind_textdomain_codeset(PW_TEXTDOMAIN, "UTF-8");
	bound = 1;
}

void pw_i18n_use(const char *lang)
{
	const char *now = setlocale(LC_MESSAGES, NULL);

	/* glibc ignores LANGUAGE under the "C" locale (choose_language()) */
	if (!now || !strcmp(now, "C") || !strcmp(now, "POSIX"))
		if (!setlocale(LC_MESSAGES, "C.UTF-8"))
			setlocale(LC_MESSAGES, "C.utf8");
	setenv("LANGUAGE", lang, 1);
}

int pw_i18n_chinese(void)
{
	/* the catalogue translates its own header entry "" only when in use;
	 * a probe msgid every catalogue must carry tells instead */
	return bound && strcmp(dgettext(PW_TEXTDOMAIN, "error"), "error") != 0;
}
