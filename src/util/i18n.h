/*
 * i18n.h - messages in the user's language (GNU gettext, domain
 * "planwatch"; the catalogues are po/LANG.po, compiled into
 * <build>/locale/<lang>/LC_MESSAGES/planwatch.mo).
 *
 * English is the source and the default.  Chinese is chosen by the locale
 * (LANG/LC_ALL/LC_MESSAGES=zh_CN.UTF-8) or by LANGUAGE=zh_CN, even on a
 * machine where the zh_CN locale was never generated (see i18n.c).
 *
 *   _("text")   the translation of a literal, at run time;
 *   N_("text")  marks a literal in a static table for extraction only;
 *               translate it with _() where it is printed.
 * pw_error() and friends translate their format string themselves, so
 * their call sites need neither.
 */
#ifndef PW_I18N_H
#define PW_I18N_H

#define PW_TEXTDOMAIN "planwatch"

/* The translation of msgid (msgid itself when there is none). */
const char *pw_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(s) pw_gettext(s)
#define N_(s) (s)

/*
 * Chooses the language from the environment and finds the catalogue:
 * $PLANWATCH_LOCALEDIR, else beside the executable (<dir>/locale, then
 * <dir>/build/locale for the copy "make" leaves in the source folder),
 * else the compile-time PW_LOCALEDIR.  Call once, first thing in main().
 */
void pw_i18n_init(void);

/*
 * From now on messages in lang (a LANGUAGE value such as "zh_CN"),
 * whatever the locale: the web server answers in the language of its
 * pages.  Sets the environment, so call it before any thread starts.
 */
void pw_i18n_use(const char *lang);

/* Whether messages come out in Chinese (the catalogue is in use). */
int pw_i18n_chinese(void);

#endif
