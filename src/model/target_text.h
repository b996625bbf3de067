/*
 * target_text.h - one wording of a plan target for readers, shared by the
 * reports (report_layout.c) and the fill-in template (monitor/template.c):
 * the brackets a plan table puts round a 五年累计 target and the bare rate
 * of a growth target mean little to the units that read them.
 */
#ifndef PW_TARGET_TEXT_H
#define PW_TARGET_TEXT_H

#include "model/plan.h"
#include "util/strbuf.h"

/*
 * Appends the target written `text` (as the plan writes it) of kind k to
 * sb: a cumulative target "[5]", "〔2.5〕", "［5］" or "【5】" reads "累计5"
 * (text already starting with 累计 is kept), followed by its period
 * "（2021—2025年）" when start and end are known (non-zero); a growth
 * target "7左右" or "8 左右" reads "年均增长7%左右" (a % is added after the
 * rate unless written); any other kind is appended as written.
 */
void pw_target_text(struct strbuf *sb, enum pw_kind k, const char *text, int start, int end);

#endif
