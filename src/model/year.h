/*
 * year.h - the plausible years, named once.  Two windows, because two
 * questions are asked:
 *
 *   PW_YEAR_MIN..MAX (1900..2200): a year planwatch takes at all - a
 *   monitoring value, a progress row, an assignment, ?year= in the API,
 *   --year on the command line.  Wide, so that an old baseline or a goal
 *   for 2050 passes; it refuses only what cannot be meant (202, 20250).
 *   Whether the year lies in a plan's period is a separate check.
 *
 *   PW_TEXT_YEAR_MIN..MAX (1950..2100): a four-digit number in a plan's
 *   text read as a year (2025年, 2021—2025, a table's 2020年 column, a
 *   footnote's base year), and the years a monitoring value may take when
 *   the plan names no period.  Narrower, because in a document a four-digit
 *   number is as often a quantity (2200万元, 1800亩) and the plans read
 *   here (the first five-year plan began in 1953) cite no earlier year and
 *   no goal past the century.
 */
#ifndef PW_YEAR_H
#define PW_YEAR_H

#include <stdbool.h>

#define PW_YEAR_MIN 1900
#define PW_YEAR_MAX 2200

#define PW_TEXT_YEAR_MIN 1950
#define PW_TEXT_YEAR_MAX 2100

/* Whether y is in PW_TEXT_YEAR_MIN..MAX. */
static inline bool pw_text_year(long y)
{
	return y >= PW_TEXT_YEAR_MIN && y <= PW_TEXT_YEAR_MAX;
}

#endif
