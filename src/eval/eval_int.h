/*
 * eval_int.h - what the evaluation builder's files share (evaluation.c,
 * eval_summary.c, gather.c); not for other modules.
 */
#ifndef PW_EVAL_INT_H
#define PW_EVAL_INT_H

#include "eval/evaluation.h"
#include "util/strbuf.h"

/* Appends a note for the reader (Chinese, printf format) to ev->warnings. */
void pw_eval_warn(struct pw_evaluation *ev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "第一章 发展基础" of the chapter enclosing section, or NULL; new string. */
char *pw_eval_chapter_of(const struct pw_plan *p, int section);
/* Counts, groups, binding-first order, title, subject and notes. */
void pw_eval_summarise(struct pw_evaluation *ev);
void pw_eval_groups_free(struct pw_eval_group *g, size_t n);
/* Appends n (1..99) in Chinese numerals: 13 -> 十三, 20 -> 二十. */
void pw_eval_cn_number(struct strbuf *sb, int n);

#endif
