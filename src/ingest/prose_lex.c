/*
 * prose_lex.c - the words the prose target finder reads: verbs and
 * comparators before a quantity, adverbs between them, units after it, and
 * lead-ins at the front of a subject.  Lists, not rules: to teach the finder
 * a new verb or unit, add a row here; words of change, totals, each year
 * and averages are the vocabulary's (text/vocab.h): add those there.  Also
 * the small text helpers the prose*.c files share.
 */
#include "ingest/prose_int.h"
#include "text/number.h"
#include "text/utf8.h"
#include "text/vocab.h"

#include <string.h>
#include "util/nelem.h"


#define W(s, role) { s, sizeof(s) - 1, PW_PR_##role, PW_CMP_NONE }
#define C(s, role, cmp) { s, sizeof(s) - 1, PW_PR_##role, PW_CMP_##cmp }
#define BOUND(s, cmp) C(s, CMP, cmp),

/*
 * The role each class of the vocabulary (text/vocab.h) has here.  Its
 * nouns (BAD, GOOD, RATE, NOUN) and trailers (NEUTRAL) are not words the
 * finder reads between a subject and its number: PR_SKIP rows are left out
 * of every lookup.
 */
#define PR_SKIP 0xff
enum {
	PR_OF_DECREASE = PW_PR_CHANGE,
	PR_OF_INCREASE = PW_PR_CHANGE,
	PR_OF_GROWTH = PW_PR_GROWTH,
	PR_OF_CUMULATIVE = PW_PR_NEWADD,
	PR_OF_ANNUAL = PW_PR_ANNUAL,
	PR_OF_AVERAGE = PW_PR_AVERAGE,
	PR_OF_RATE = PR_SKIP,
	PR_OF_BAD = PR_SKIP,
	PR_OF_GOOD = PR_SKIP,
	PR_OF_NEUTRAL = PR_SKIP,
	PR_OF_NOUN = PR_SKIP,
};
#define VOCAB(s, cls) { s, sizeof(s) - 1, PR_OF_##cls, PW_CMP_NONE },

static const struct pw_prose_word words[] = {
	/* levels: the value is where the subject gets to */
	W("达到", LEVEL), W("达", LEVEL), W("提高到", LEVEL), W("提高至", LEVEL),
	W("提升到", LEVEL), W("提升至", LEVEL), W("增加到", LEVEL), W("增加至", LEVEL),
	W("增长到", LEVEL), W("增长至", LEVEL), W("扩大到", LEVEL), W("扩大至", LEVEL),
	W("上升到", LEVEL), W("上升至", LEVEL), W("升至", LEVEL), W("下降到", LEVEL),
	W("下降至", LEVEL), W("降低到", LEVEL), W("降低至", LEVEL), W("降到", LEVEL),
	W("降至", LEVEL), W("减少到", LEVEL), W("减少至", LEVEL), W("减至", LEVEL),
	W("保持在", LEVEL), W("稳定在", LEVEL), W("维持在", LEVEL), W("保持", LEVEL),
	C("控制在", LEVEL, LE), W("拟按", LEVEL),
	/* a goal stated as such: 经济增长预期目标为6%左右 (the subject ends
	 * before it, so a growth subject reads as a growth rate) */
	W("目标为", LEVEL), W("目标是", LEVEL), W("预期目标为", LEVEL), W("预期目标是", LEVEL),
	W("设定为", LEVEL), W("确定为", LEVEL), W("目标设定为", LEVEL), W("目标确定为", LEVEL),
	W("预期目标设定为", LEVEL), W("预期目标确定为", LEVEL),
	/* cut to a value: 时间压缩至1个工作日 */
	W("压缩至", LEVEL), W("压缩到", LEVEL), W("压减至", LEVEL), W("压减到", LEVEL),
	W("缩短至", LEVEL), W("缩短到", LEVEL),
	/* comparators that make a target by themselves (text/number.h) */
	PW_BOUND_WORDS(BOUND)
	C("约", HEDGE, APPROX), C("大约", HEDGE, APPROX), W("近", HEDGE), W("接近", HEDGE),
	/* changes, totals, each year, on average: the words of text/vocab.h */
	PW_VOCAB_WORDS(VOCAB)
	/* things made over the period */
	W("新建", BUILD), W("新改建", BUILD), W("改扩建", BUILD), W("新改扩建", BUILD),
	W("改建", BUILD), W("扩建", BUILD), W("建设", BUILD), W("建成", BUILD),
	W("培育", BUILD), W("培养", BUILD), W("引进", BUILD), W("引育", BUILD),
	W("打造", BUILD), W("创建", BUILD), W("投放", BUILD), W("完成", BUILD),
	W("实施", BUILD), W("改造", BUILD), W("种植", BUILD), W("栽植", BUILD),
	W("植树", BUILD), W("造林", BUILD), W("培训", BUILD), W("安置", BUILD),
	W("吸纳", BUILD), W("招引", BUILD), W("铺设", BUILD), W("修建", BUILD),
	W("新修", BUILD), W("硬化", BUILD), W("治理", BUILD), W("帮扶", BUILD),
	W("开工", BUILD), W("新开工", BUILD), W("竣工", BUILD), W("组建", BUILD),
	W("设立", BUILD), W("配建", BUILD), W("建立", BUILD), W("开展", BUILD),
	/* amounts allotted for the year: 拟安排专项资金12亿元, 发行60亿元专项债券 */
	W("安排", BUILD), W("拟安排", BUILD), W("发行", BUILD),
	/* this year's counts and amounts: 接待游客3000万人次, 发放消费券5000万元 */
	W("接待", BUILD), W("发放", BUILD),
	/* people helped into work: 帮助1万名就业困难人员实现就业 */
	W("帮助", BUILD),
	/* a level reached, its object first: 实现旅游综合收入80亿元 */
	W("实现", REACH),
	/* adverbs and markers between a verb and its number */
	W("力争", ADVERB), W("努力", ADVERB), W("确保", ADVERB), W("基本", ADVERB),
	W("再", ADVERB), W("共", ADVERB), W("共计", ADVERB), W("总计", ADVERB),
	W("合计", ADVERB), W("将", ADVERB), W("要", ADVERB), W("可", ADVERB),
	W("有", ADVERB), W("持续", ADVERB), W("稳定", ADVERB), W("进一步", ADVERB),
	W("计划", ADVERB), W("预计", ADVERB), W("争取", ADVERB), W("力求", ADVERB),
	W("逐步", ADVERB), W("新", ADVERB), W("全部", ADVERB), W("预期", ADVERB),
	W("分别", EACH), W("均", EACH), W("都", EACH), W("各", EACH),
};

size_t pw_prose_word_maxlen(void)
{
	size_t i, n = 0;

	for (i = 0; i < NELEM(words); i++)
		if (words[i].role != PR_SKIP && words[i].len > n)
			n = words[i].len;
	return n;
}

bool pw_prose_role_is_verb(int role)
{
	return role == PW_PR_LEVEL || role == PW_PR_CHANGE || role == PW_PR_GROWTH ||
	       role == PW_PR_BUILD || role == PW_PR_NEWADD || role == PW_PR_CMP ||
	       role == PW_PR_REACH;
}

/* The longest word (not PR_SKIP) of at most room bytes that starts at
 * s[pos], or with ending set, that ends there. */
static const struct pw_prose_word *longest_word(const char *s, size_t pos, size_t room,
						bool ending)
{
	const struct pw_prose_word *best = NULL;
	size_t i, n, k, bestlen = 0;
	const char *at, *w;

	for (i = 0; i < NELEM(words); i++) {
		n = words[i].len;
		if (n <= bestlen || n > room || words[i].role == PR_SKIP)
			continue;
		at = ending ? s + pos - n : s + pos;
		w = words[i].s;
		k = ending ? n - 1 : 0; /* the byte next to pos, then its neighbour */
		if (at[k] != w[k] || (n > 1 && at[ending ? k - 1 : 1] != w[ending ? k - 1 : 1]))
			continue; /* two byte compares settle most positions */
		if (!memcmp(at, w, n)) {
			best = &words[i];
			bestlen = n;
		}
	}
	return best;
}

const struct pw_prose_word *pw_prose_word_ending(const char *s, size_t lo, size_t pos)
{
	return longest_word(s, pos, pos - lo, true);
}

const struct pw_prose_word *pw_prose_word_at(const char *s, size_t pos, size_t hi)
{
	return longest_word(s, pos, hi - pos, false);
}

/* ---- units ---- */

struct unit_def {
	const char *s;
	unsigned flags;
};

static const struct unit_def base_units[] = {
	{ "%", PW_U_PERCENT }, { "‰", PW_U_PERCENT }, { "个百分点", PW_U_PERCENT },
	{ "百分点", PW_U_PERCENT },
	{ "个", PW_U_COUNT }, { "家", PW_U_COUNT }, { "所", PW_U_COUNT }, { "处", PW_U_COUNT },
	{ "座", PW_U_COUNT }, { "条", PW_U_COUNT }, { "名", PW_U_COUNT }, { "项", PW_U_COUNT },
	{ "批", PW_U_COUNT }, { "间", PW_U_COUNT }, { "套", PW_U_COUNT }, { "台", PW_U_COUNT },
	{ "辆", PW_U_COUNT }, { "件", PW_U_COUNT }, { "户", PW_U_COUNT }, { "人", PW_U_COUNT },
	{ "人次", PW_U_COUNT }, { "人年", PW_U_COUNT }, { "人日", PW_U_COUNT },
	{ "户次", PW_U_COUNT }, { "架次", PW_U_COUNT }, { "只", PW_U_COUNT }, { "头", PW_U_COUNT }, { "株", PW_U_COUNT },
	{ "棵", PW_U_COUNT }, { "尾", PW_U_COUNT }, { "册", PW_U_COUNT }, { "场", PW_U_COUNT },
	{ "床", PW_U_COUNT }, { "张", PW_U_COUNT }, { "支", PW_U_COUNT }, { "栋", PW_U_COUNT },
	{ "幢", PW_U_COUNT }, { "艘", PW_U_COUNT }, { "架", PW_U_COUNT }, { "部", PW_U_COUNT },
	{ "种", PW_U_COUNT }, { "对", PW_U_COUNT }, { "块", PW_U_COUNT }, { "眼", PW_U_COUNT },
	{ "元", PW_U_MEASURE }, { "美元", PW_U_MEASURE }, { "吨", PW_U_MEASURE },
	{ "吨标准煤", PW_U_MEASURE }, { "标准煤", PW_U_MEASURE }, { "千克", PW_U_MEASURE },
	{ "公斤", PW_U_MEASURE }, { "克", PW_U_MEASURE }, { "斤", PW_U_MEASURE },
	{ "亩", PW_U_MEASURE }, { "公顷", PW_U_MEASURE }, { "平方米", PW_U_MEASURE },
	{ "平方公里", PW_U_MEASURE }, { "平方千米", PW_U_MEASURE }, { "立方米", PW_U_MEASURE },
	{ "千米", PW_U_MEASURE }, { "公里", PW_U_MEASURE }, { "米", PW_U_MEASURE },
	{ "千瓦", PW_U_MEASURE }, { "千瓦时", PW_U_MEASURE }, { "兆瓦", PW_U_MEASURE },
	{ "度", PW_U_MEASURE }, { "微克", PW_U_MEASURE }, { "毫克", PW_U_MEASURE },
	{ "升", PW_U_MEASURE }, { "标箱", PW_U_MEASURE },
	{ "年", PW_U_TIME }, { "天", PW_U_TIME }, { "日", PW_U_TIME }, { "小时", PW_U_TIME },
	{ "分钟", PW_U_TIME }, { "个月", PW_U_TIME }, { "周", PW_U_TIME },
	{ "个工作日", PW_U_TIME }, { "工作日", PW_U_TIME },
	{ "倍", PW_U_OTHER }, { "岁", PW_U_OTHER },
};

static const char *const magnitudes[] = { "万亿", "千万", "百万", "亿", "万", "千", "百" };

/* Denominators of a compound unit: 微克每立方米, 毫克/升. */
static const char *const per_units[] = {
	"立方米", "升", "平方米", "平方公里", "人", "万人", "千人", "年", "天", "小时",
	"公顷", "亩", "户",
};

static size_t longest_base(const char *s, unsigned *flags)
{
	size_t i, best = 0;

	for (i = 0; i < NELEM(base_units); i++) {
		size_t n = pw_utf8_starts(s, base_units[i].s);

		if (n > best) {
			best = n;
			*flags = base_units[i].flags;
		}
	}
	return best;
}

static size_t longest_of(const char *s, const char *const *list, size_t n)
{
	size_t i, best = 0;

	for (i = 0; i < n; i++) {
		size_t k = pw_utf8_starts(s, list[i]);

		if (k > best)
			best = k;
	}
	return best;
}

static size_t per_suffix(const char *s)
{
	size_t k = pw_utf8_starts(s, "每");

	if (!k)
		k = pw_utf8_starts(s, "/");
	if (!k)
		return 0;
	return longest_of(s + k, per_units, NELEM(per_units)) ? k + longest_of(s + k, per_units,
									     NELEM(per_units))
							       : 0;
}

size_t pw_prose_unit(const char *s, unsigned *flags)
{
	unsigned f = 0, fm = 0;
	size_t base = longest_base(s, &f);
	size_t mag = longest_of(s, magnitudes, NELEM(magnitudes));
	size_t after = mag ? longest_base(s + mag, &fm) : 0;
	size_t n;

	if (mag && mag + after > base) {
		/* 万人, 亿元; a bare 万 or 亿 is a unit of its own */
		if (!after && !pw_utf8_starts(s, "万") && !pw_utf8_starts(s, "亿"))
			return 0;
		n = mag + after;
		f = after ? fm : PW_U_MEASURE;
		if (fm & PW_U_PERCENT)
			return 0;
	} else {
		n = base;
	}
	if (!n)
		return 0;
	if (!(f & PW_U_PERCENT))
		n += per_suffix(s + n);
	*flags = f;
	return n;
}

/* ---- subject lead-ins ---- */

static const char *const leadins[] = {
	"全区", "全市", "全县", "全省", "全国", "全镇", "全乡", "全旗", "全州", "实现", "确保",
	"力争", "努力", "推动", "使", "其中", "计划", "预计", "要", "将", "争取", "并", "同时",
	"进一步", "着力", "届时", "今年", "明年", "此外", "另外", "以及", "和", "总体",
	"期间", "时期", "期末", "末", "内", "每年", "全年", "年内", "完成", "开展", "实施",
};

size_t pw_prose_leadin(const char *s)
{
	return longest_of(s, leadins, NELEM(leadins));
}

/* ---- small text helpers shared by the prose*.c files ---- */

bool pw_prose_contains(const char *s, size_t b, size_t e, const char *word)
{
	return b < e && memmem(s + b, e - b, word, strlen(word)) != NULL;
}

bool pw_prose_annual_in(const char *s, size_t b, size_t e)
{
	return b < e && pw_vocab_in(s + b, e - b, PW_VOCAB_BIT(PW_VOCAB_ANNUAL));
}
