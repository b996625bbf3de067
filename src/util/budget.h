/*
 * budget.h - the memory a reader may spend on one input file, in bytes.
 *
 * A file from outside (a plan text, a unit's CSV or workbook) must not be
 * able to make planwatch ask for gigabytes: the caps on sizes and counts
 * (text/doc.h, monitor/sheet.h, monitor/xlsx.h) bound what each piece may
 * be, and the budget bounds their sum.  Each reader charges what it is
 * about to allocate for the file (its bytes, decoded text, line table,
 * cells and rows) before allocating it, and gives back what it frees;
 * the first charge past the limit reports one error naming the file and
 * the reader stops.  The limit and each reader's measured worst case are
 * in docs/limits.md.
 */
#ifndef PW_BUDGET_H
#define PW_BUDGET_H

#include <stddef.h>

/* The default limit per input file: four times the largest plan text
 * (PW_DOC_MAX_BYTES), room for its decoded text and cleaned lines. */
#define PW_READ_LIMIT_DEFAULT ((size_t)256 << 20)

struct pw_budget {
	const char *name; /* the file, for the message (borrowed) */
	size_t used;      /* bytes charged and not given back */
	size_t peak;      /* most bytes charged at once */
	size_t limit;
};

/* Starts an empty budget for the file `name` (borrowed: it must outlive
 * b) with the current read limit. */
void pw_budget_init(struct pw_budget *b, const char *name);
/* Charges n bytes about to be allocated: 0, or -1 after reporting
 * "<name>: exceeds the memory limit of N MiB for reading one file" (the
 * charge is then not made). */
int pw_budget_charge(struct pw_budget *b, size_t n);
/* Gives back n bytes freed (at most what is charged). */
void pw_budget_release(struct pw_budget *b, size_t n);

/* The limit new budgets get; pw_set_read_limit() changes it for the
 * process (0 restores the default), e.g. in tests. */
size_t pw_read_limit(void);
void pw_set_read_limit(size_t bytes);

#endif
