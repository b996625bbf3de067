/*
 * test_prose.c - the prose target finder (ingest/prose*.c) and paragraph
 * joining across page breaks (text/para.c).
 *
 * Sentence tests run pw_read_prose() alone on a small document (plan period
 * 2021-2025, ordinal 14, nothing claimed); every expectation is read off the
 * sentence by hand.  The document tests run the whole ingest pipeline on
 * tests/data/prose/NAME and compare with NAME.expected.json (hand-derived).
 */
#include "unit.h"
#include "testplan.h"
#include "ingest/ingest.h"
#include "text/doc.h"
#include "text/para.h"
#include "text/vocab.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "util/nelem.h"

#define NO_HI NAN

/* ---- helpers ---- */

/* Set while a test reads its text as an annual document (a work report:
 * no ordinal, no period) instead of the 2021-2025 plan. */
static bool as_report;

static void run_text(const char *text, struct pw_plan *p)
{
	struct pw_doc d;
	unsigned char *claimed;

	if (!as_report) {
		tp_read_text(text, p, false);
		return;
	}
	assert_int_equal(pw_doc_from_bytes(&d, "t.txt", text, strlen(text)), 0);
	tp_plan(p, "政府工作报告", NULL, 0, 0, 0);
	p->doc_kind = PW_DOC_ANNUAL;
	claimed = calloc(d.nlines + 1, 1);
	assert_non_null(claimed);
	pw_read_prose(&d, p, claimed);
	free(claimed);
	pw_doc_release(&d);
}

struct want {
	int line;
	double value, value_hi;
	const char *unit;
	enum pw_cmp cmp;
	enum pw_kind kind;
	int year;
	const char *subject; /* NULL: not checked */
};

static void check(const struct pw_prose_target *t, const struct want *w)
{
	assert_int_equal(t->line, w->line);
	assert_true(t->t.has_value);
	assert_true(fabs(t->t.value - w->value) < 1e-9);
	if (isnan(w->value_hi)) {
		assert_false(t->t.has_value_hi);
	} else {
		assert_true(t->t.has_value_hi);
		assert_true(fabs(t->t.value_hi - w->value_hi) < 1e-9);
	}
	assert_string_equal(t->unit, w->unit);
	assert_int_equal(t->t.cmp, w->cmp);
	assert_int_equal(t->t.kind, w->kind);
	assert_int_equal(t->t.year, w->year);
	if (w->subject)
		assert_string_equal(t->subject, w->subject);
}

/* Runs text and checks that it yields exactly the n wanted targets, in order. */
static void expect(const char *text, const struct want *w, size_t n)
{
	struct pw_plan p;
	size_t i;

	run_text(text, &p);
	if (p.ntargets != n) {
		for (i = 0; i < p.ntargets; i++)
			print_message("  got L%d %g %s %s\n", p.targets[i].line,
				      p.targets[i].t.value, p.targets[i].unit,
				      p.targets[i].subject ? p.targets[i].subject : "(null)");
	}
	assert_int_equal(p.ntargets, n);
	for (i = 0; i < n; i++)
		check(&p.targets[i], &w[i]);
	pw_plan_free(&p);
}

static void expect_none(const char *text)
{
	expect(text, NULL, 0);
}

#define EXPECT(text, ...)                                                              \
	do {                                                                           \
		const struct want w_[] = { __VA_ARGS__ };                              \
		expect(text, w_, NELEM(w_));                          \
	} while (0)

/* EXPECT and expect_none on the text read as an annual document. */
#define EXPECT_REPORT(text, ...)                                                       \
	do {                                                                           \
		as_report = true;                                                      \
		EXPECT(text, __VA_ARGS__);                                             \
		as_report = false;                                                     \
	} while (0)

static void expect_none_report(const char *text)
{
	as_report = true;
	expect_none(text);
	as_report = false;
}

#define GE PW_CMP_GE
#define LE PW_CMP_LE
#define EQ PW_CMP_EQ
#define APPROX PW_CMP_APPROX
#define RANGE PW_CMP_RANGE
#define LEVEL PW_KIND_LEVEL
#define GROWTH PW_KIND_GROWTH
#define CUMUL PW_KIND_CUMULATIVE
#define ANNUAL PW_KIND_ANNUAL

/* ---- comparators ---- */

static void test_cmp_ge(void **state)
{
	(void)state;
	EXPECT("全区高新技术企业超过10家。",
	       { 1, 10, NO_HI, "家", GE, LEVEL, 0, "高新技术企业" });
	EXPECT("常住人口城镇化率力争超过83%。",
	       { 1, 83, NO_HI, "%", GE, LEVEL, 0, "常住人口城镇化率" });
	EXPECT("新增幼儿学位不低于1080个。",
	       { 1, 1080, NO_HI, "个", GE, CUMUL, 0, "新增幼儿学位" });
	EXPECT("确保至少有1处公共建筑转为方舱医院。",
	       { 1, 1, NO_HI, "处", GE, LEVEL, 0, "公共建筑" });
	EXPECT("研发经费支出占地区生产总值比重提高到2%以上。",
	       { 1, 2, NO_HI, "%", GE, LEVEL, 0, "研发经费支出占地区生产总值比重" });
	EXPECT("农作物耕种收综合机械化率≥90%。",
	       { 1, 90, NO_HI, "%", GE, LEVEL, 0, "农作物耕种收综合机械化率" });
	/* ≧ is one of the bound words shared with the cell parser */
	EXPECT("森林覆盖率≧40%。", { 1, 40, NO_HI, "%", GE, LEVEL, 0, "森林覆盖率" });
}

/* A comma between digit groups belongs to the number (1,080 and, after
 * doc cleaning, １５，６８０); one that ends a clause does not. */
static void test_thousands_comma(void **state)
{
	(void)state;
	EXPECT("农村居民人均可支配收入达到２２，０００元以上。",
	       { 1, 22000, NO_HI, "元", GE, LEVEL, 0, "农村居民人均可支配收入" });
	EXPECT("新增学位不低于1,080个。", { 1, 1080, NO_HI, "个", GE, CUMUL, 0, NULL });
	/* a comma after a unit still ends the clause */
	EXPECT("城镇化率达到60%，新增学位不低于1,080个。",
	       { 1, 60, NO_HI, "%", EQ, LEVEL, 0, "城镇化率" },
	       { 1, 1080, NO_HI, "个", GE, CUMUL, 0, NULL });
}

static void test_cmp_le(void **state)
{
	(void)state;
	EXPECT("城镇登记失业率控制在4.5%以下。",
	       { 1, 4.5, NO_HI, "%", LE, LEVEL, 0, "城镇登记失业率" });
	EXPECT("城镇调查失业率控制在5.5%以内。", { 1, 5.5, NO_HI, "%", LE, LEVEL, 0, NULL });
	EXPECT("建设用地总量不超过50平方公里。",
	       { 1, 50, NO_HI, "平方公里", LE, LEVEL, 0, "建设用地总量" });
	/* 控制在 without a suffix still caps */
	EXPECT("孕产妇死亡率控制在14/10万。", { 1, 14, NO_HI, "1/10万", LE, LEVEL, 0, NULL });
}

static void test_cmp_approx_and_eq(void **state)
{
	(void)state;
	EXPECT("到2025年粮食综合生产能力保持在3万吨左右。",
	       { 1, 3, NO_HI, "万吨", APPROX, LEVEL, 2025, "粮食综合生产能力" });
	EXPECT("全区优良天气达到全年天数的70%左右。",
	       { 1, 70, NO_HI, "%", APPROX, LEVEL, 0, "优良天气" });
	EXPECT("粮食产量稳定在约45万吨。", { 1, 45, NO_HI, "万吨", APPROX, LEVEL, 0, NULL });
	EXPECT("人均预期寿命达到80岁。", { 1, 80, NO_HI, "岁", EQ, LEVEL, 0, "人均预期寿命" });
	/* a subject, a number and 左右 at the clause end, no verb */
	EXPECT("城镇调查失业率5.5%左右。",
	       { 1, 5.5, NO_HI, "%", APPROX, LEVEL, 0, "城镇调查失业率" });
}

static void test_range(void **state)
{
	(void)state;
	EXPECT("“十四五”期间，每年至少新建1-2所学校。",
	       { 1, 1, 2, "所", RANGE, ANNUAL, 0, "学校" });
	EXPECT("规划布局建设2—3个夜间消费集聚区。",
	       { 1, 2, 3, "个", RANGE, CUMUL, 0, "夜间消费集聚区" });
	EXPECT("为每个村（社区）培养5-8名“法律明白人”。",
	       { 1, 5, 8, "名", RANGE, CUMUL, 0, "法律明白人" });
	EXPECT("财政赤字率控制在4.5%—5%。", { 1, 4.5, 5, "%", RANGE, LEVEL, 0, NULL });
}

static void test_growth(void **state)
{
	(void)state;
	EXPECT("“十四五”期间，城乡居民人均可支配收入年均增长7%左右。",
	       { 1, 7, NO_HI, "%", APPROX, GROWTH, 0, "城乡居民人均可支配收入" });
	EXPECT("地区生产总值增长6%以上。", { 1, 6, NO_HI, "%", GE, GROWTH, 0, "地区生产总值" });
	EXPECT("地区生产总值增速保持在7%左右。", { 1, 7, NO_HI, "%", APPROX, GROWTH, 0, NULL });
	/* against a base year it is a change over the period */
	EXPECT("到2025年，地区生产总值比2020年增长40%。",
	       { 1, 40, NO_HI, "%", EQ, CUMUL, 2025, "地区生产总值" });
	/* the subject of a bare 年均增长 is the sentence's previous one */
	EXPECT("地区生产总值突破500亿元，年均增长6.5%以上。",
	       { 1, 500, NO_HI, "亿元", GE, LEVEL, 0, "地区生产总值" },
	       { 1, 6.5, NO_HI, "%", GE, GROWTH, 0, "地区生产总值" });
}

static void test_annual(void **state)
{
	(void)state;
	EXPECT("PM10年平均浓度力争每年下降3微克每立方米。",
	       { 1, 3, NO_HI, "微克每立方米", EQ, ANNUAL, 0, "PM10年平均浓度" });
	/* 每年 in an earlier clause of the sentence */
	EXPECT("每年开展增殖放流活动，向湖区投放滤食性鱼苗200万尾，改善水质。",
	       { 1, 200, NO_HI, "万尾", EQ, ANNUAL, 0, "滤食性鱼苗" });
	EXPECT("每年培训教师不少于2000人次。", { 1, 2000, NO_HI, "人次", GE, ANNUAL, 0, NULL });
	/* 每年 is spent by the clause that uses it */
	EXPECT("每年新建1所学校，九年义务教育巩固率达到98%以上。",
	       { 1, 1, NO_HI, "所", EQ, ANNUAL, 0, "学校" },
	       { 1, 98, NO_HI, "%", GE, LEVEL, 0, "九年义务教育巩固率" });
}

static void test_cumulative(void **state)
{
	(void)state;
	EXPECT("“十四五”时期，计划新改建“四好农村路”102千米。",
	       { 1, 102, NO_HI, "千米", EQ, CUMUL, 0, "四好农村路" });
	EXPECT("城镇新增就业6万人以上。", { 1, 6, NO_HI, "万人", GE, CUMUL, 0, "城镇新增就业" });
	EXPECT("重点引进培育2-3家规模较大、诚信度较高的家政服务公司。",
	       { 1, 2, 3, "家", RANGE, CUMUL, 0, "家政服务公司" });
	EXPECT("人均预期寿命提高1岁。", { 1, 1, NO_HI, "岁", EQ, CUMUL, 0, NULL });
	EXPECT("农村生活污水治理率提高15个百分点。",
	       { 1, 15, NO_HI, "个百分点", EQ, CUMUL, 0, NULL });
	/* an object list after one verb */
	EXPECT("新建污水处理厂3座、垃圾中转站20座。",
	       { 1, 3, NO_HI, "座", EQ, CUMUL, 0, "污水处理厂" },
	       { 1, 20, NO_HI, "座", EQ, CUMUL, 0, "垃圾中转站" });
	/* a number in a modifier of the object is not the target */
	EXPECT("重点培育年营业收入超10亿元的龙头企业5家。",
	       { 1, 5, NO_HI, "家", EQ, CUMUL, 0, "龙头企业" });
}

static void test_two_subjects(void **state)
{
	(void)state;
	EXPECT("到2025年，PM10、PM2.5 年平均浓度力争每年下降 3 微克每立方米。",
	       { 1, 3, NO_HI, "微克每立方米", EQ, ANNUAL, 2025, "PM10年平均浓度" },
	       { 1, 3, NO_HI, "微克每立方米", EQ, ANNUAL, 2025, "PM2.5年平均浓度" });
	EXPECT("城镇、农村居民人均可支配收入均增长8%。",
	       { 1, 8, NO_HI, "%", EQ, GROWTH, 0, "城镇居民人均可支配收入" },
	       { 1, 8, NO_HI, "%", EQ, GROWTH, 0, "农村居民人均可支配收入" });
}

static void test_respectively(void **state)
{
	(void)state;
	EXPECT("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。",
	       { 1, 13.5, NO_HI, "%", EQ, CUMUL, 0, "单位国内生产总值能耗" },
	       { 1, 18, NO_HI, "%", EQ, CUMUL, 0, "单位国内生产总值二氧化碳排放" });
	/* the intensity head (单位…, 万元GDP) is shared; a member with its own keeps it */
	EXPECT("万元GDP用水量和用地面积分别下降20%、15%。",
	       { 1, 20, NO_HI, "%", EQ, CUMUL, 0, "万元GDP用水量" },
	       { 1, 15, NO_HI, "%", EQ, CUMUL, 0, "万元GDP用地面积" });
	EXPECT("单位工业增加值能耗和单位地区生产总值水耗分别下降10%、12%。",
	       { 1, 10, NO_HI, "%", EQ, CUMUL, 0, "单位工业增加值能耗" },
	       { 1, 12, NO_HI, "%", EQ, CUMUL, 0, "单位地区生产总值水耗" });
	EXPECT("城镇居民、农村居民人均可支配收入分别达到5万元、2.5万元。",
	       { 1, 5, NO_HI, "万元", EQ, LEVEL, 0, NULL },
	       { 1, 2.5, NO_HI, "万元", EQ, LEVEL, 0, NULL });
}

/* ---- lists of counts, thresholds, subjects, wrapped sentences ---- */

/* 实施100个A、50个B: one target per count and its object. */
static void test_count_object_list(void **state)
{
	(void)state;
	EXPECT("每年新建20所乡村学校、15个社区卫生服务站。",
	       { 1, 20, NO_HI, "所", EQ, ANNUAL, 0, "乡村学校" },
	       { 1, 15, NO_HI, "个", EQ, ANNUAL, 0, "社区卫生服务站" });
	EXPECT("到2025年，建成8个智慧园区、3个物流枢纽和12个冷链仓库。",
	       { 1, 8, NO_HI, "个", EQ, CUMUL, 2025, "智慧园区" },
	       { 1, 3, NO_HI, "个", EQ, CUMUL, 2025, "物流枢纽和12个冷链仓库" });
	/* a count after 、 with no list before it stays no target */
	expect_none("重点建设东区、3个片区的配套道路。");
}

/* 培育产值超10亿元企业3家: the count after the noun; the threshold is not one. */
static void test_threshold_then_count(void **state)
{
	(void)state;
	EXPECT("培育年销售收入超5亿元企业4家。",
	       { 1, 4, NO_HI, "家", EQ, CUMUL, 0, "企业" });
	EXPECT("引进投资额超过2000万美元项目6个。",
	       { 1, 6, NO_HI, "个", EQ, CUMUL, 0, "项目" });
	EXPECT("新培育营业收入5000万元以上商贸企业12家。",
	       { 1, 12, NO_HI, "家", EQ, CUMUL, 0, "商贸企业" });
}

/* The verb that opens a subject goes when its object follows. */
static void test_subject_verb(void **state)
{
	(void)state;
	EXPECT("新增停车泊位3000个。", { 1, 3000, NO_HI, "个", EQ, CUMUL, 0, "停车泊位" });
	EXPECT("累计新增城市绿地45万平方米。",
	       { 1, 45, NO_HI, "万平方米", EQ, CUMUL, 0, "城市绿地" });
	/* inside the name, or before a comparator, the verb stays */
	EXPECT("城镇新增就业3万人。", { 1, 3, NO_HI, "万人", EQ, CUMUL, 0, "城镇新增就业" });
	EXPECT("新增养老床位不少于800张。",
	       { 1, 800, NO_HI, "张", GE, CUMUL, 0, "新增养老床位" });
}

/* 翻番: a level target of twice the baseline (value 2, unit 倍). */
static void test_doubling(void **state)
{
	(void)state;
	EXPECT("到2025年，全市旅游总收入实现翻番。",
	       { 1, 2, NO_HI, "倍", EQ, LEVEL, 2025, "旅游总收入" });
	EXPECT("城乡居民收入比2020年翻一番以上。",
	       { 1, 2, NO_HI, "倍", GE, LEVEL, 0, "城乡居民收入" });
	EXPECT("外贸进出口总额力争翻两番。", { 1, 4, NO_HI, "倍", EQ, LEVEL, 0, "外贸进出口总额" });
	expect_none("推动翻译服务业发展。");
}

/* A sentence wrapped after ； keeps its year on the next line; a blank line
 * after ； ends the paragraph and the year. */
static void test_wrapped_after_semicolon(void **state)
{
	(void)state;
	EXPECT("到2025年，全市粮食产量稳定在50万吨以上；\n"
	       "肉类总产量达到12万吨。水产品产量达到3万吨。\n",
	       { 1, 50, NO_HI, "万吨", GE, LEVEL, 2025, "粮食产量" },
	       { 2, 12, NO_HI, "万吨", EQ, LEVEL, 2025, "肉类总产量" },
	       { 2, 3, NO_HI, "万吨", EQ, LEVEL, 0, "水产品产量" });
	EXPECT("到2025年，全市粮食产量稳定在50万吨以上；\n\n"
	       "肉类总产量达到12万吨。\n",
	       { 1, 50, NO_HI, "万吨", GE, LEVEL, 2025, "粮食产量" },
	       { 3, 12, NO_HI, "万吨", EQ, LEVEL, 0, "肉类总产量" });
}

/* ---- years ---- */

static void test_year(void **state)
{
	(void)state;
	EXPECT("到 2025 年，全区高新技术企业超过 10 家，高新技术产业增加值占工业增加值比重超过 30%。",
	       { 1, 10, NO_HI, "家", GE, LEVEL, 2025, "高新技术企业" },
	       { 1, 30, NO_HI, "%", GE, LEVEL, 2025, "高新技术产业增加值占工业增加值比重" });
	/* the plan's period is not a year */
	EXPECT("“十四五”时期，城镇登记失业率控制在4.5%以下。",
	       { 1, 4.5, NO_HI, "%", LE, LEVEL, 0, NULL });
	/* a year belongs to its own sentence only */
	EXPECT("到2025年，培育1-2个示范社区。入园率达到96%以上。",
	       { 1, 1, 2, "个", RANGE, CUMUL, 2025, "示范社区" },
	       { 1, 96, NO_HI, "%", GE, LEVEL, 0, NULL });
	EXPECT("到二〇三五年，森林覆盖率达到40%。", { 1, 40, NO_HI, "%", EQ, LEVEL, 2035, NULL });
	/* the 到 of 达到 is no year phrase; the sentence's year is found after them */
	EXPECT("城镇化率达到60%，收入达到5万元，到2030年，企业超过10家。",
	       { 1, 60, NO_HI, "%", EQ, LEVEL, 2030, "城镇化率" },
	       { 1, 5, NO_HI, "万元", EQ, LEVEL, 2030, "收入" },
	       { 1, 10, NO_HI, "家", GE, LEVEL, 2030, "企业" });
}

/* ---- long input ---- */

/* Repeats s n times after prefix and before suffix; caller frees. */
static char *repeat(const char *prefix, const char *s, size_t n, const char *suffix)
{
	size_t len = strlen(prefix) + strlen(s) * n + strlen(suffix) + 1, i;
	char *out = malloc(len);

	assert_non_null(out);
	snprintf(out, len, "%s", prefix);
	for (i = 0; i < n; i++)
		memcpy(out + strlen(prefix) + i * strlen(s), s, strlen(s));
	snprintf(out + strlen(prefix) + n * strlen(s), len - strlen(prefix) - n * strlen(s), "%s",
		 suffix);
	return out;
}

static void test_long_clause_and_paragraph(void **state)
{
	char *text;

	(void)state;
	/* a clause of 2 + 600 + 4 characters (1818 bytes) is read */
	text = repeat("企业", "发", 600, "超过10家。");
	EXPECT(text, { 1, 10, NO_HI, "家", GE, LEVEL, 0, NULL });
	free(text);
	/* one of 2118 bytes, past MAX_CLAUSE_BYTES (2048), is no running text */
	text = repeat("企业", "发", 700, "超过10家。");
	expect_none(text);
	free(text);
	/* 40 wrapped lines without punctuation are one paragraph; the target is
	 * reported at the line of its number */
	text = repeat("", "全区持续推进各项工作稳步发展\n", 40, "企业超过10家。\n");
	EXPECT(text, { 41, 10, NO_HI, "家", GE, LEVEL, 0, NULL });
	free(text);
}

/* ---- page breaks and encodings ---- */

static void test_page_break_number_after(void **state)
{
	(void)state;
	/* broken mid-sentence, page number between, number on the next page */
	EXPECT("加大科技型中小企业培育力度。到2025年，全区国家科技型中小企业超过\n"
	       "\n- 12 -\n\n"
	       "20家。\n",
	       { 5, 20, NO_HI, "家", GE, LEVEL, 2025, "国家科技型中小企业" });
	/* a word repeated across the break, then the number */
	EXPECT("到2025年，全县新建、改扩建中小\n\n小学15所，新增学位8000个。\n",
	       { 3, 15, NO_HI, "所", EQ, CUMUL, 2025, "中小学" },
	       { 3, 8000, NO_HI, "个", EQ, CUMUL, 2025, "学位" });
	/* a line wrapped inside 达到 */
	EXPECT("学前三岁儿童入园率达\n到95%以上。\n", { 2, 95, NO_HI, "%", GE, LEVEL, 0, NULL });
}

static void test_full_width_digits(void **state)
{
	(void)state;
	EXPECT("森林覆盖率提高到３５．５％，每年新建１－２所学校。",
	       { 1, 35.5, NO_HI, "%", EQ, LEVEL, 0, "森林覆盖率" },
	       { 1, 1, 2, "所", RANGE, ANNUAL, 0, "学校" });
}

static void test_gb18030_crlf(void **state)
{
	/* "城镇登记失业率控制在4.5%以下。\r\n" in GB18030 */
	static const char gbk[] = "\xb3\xc7\xd5\xf2\xb5\xc7\xbc\xc7\xca\xa7\xd2\xb5\xc2\xca"
				  "\xbf\xd8\xd6\xc6\xd4\xda" "4.5%" "\xd2\xd4\xcf\xc2\xa1\xa3\r\n"
				  "\r\n";

	(void)state;
	EXPECT(gbk, { 1, 4.5, NO_HI, "%", LE, LEVEL, 0, "城镇登记失业率" });
}

/* ---- what is not a target ---- */

static void test_names_and_thresholds(void **state)
{
	static const char *const none[] = {
		"争创陈家大院国家 3A 级景区。",
		"以5G为主要标志的新技术进入突破期。",
		"协调做好某某新区 110kv 变电站规划建设。",
		"实施第4期学前教育三年行动计划。",
		"重点划定河岸李、彭庄、秦庄等7个乡村单元。",
		"对年纳税500万元以上的企业给予奖励。",
		"到 2025 年，全区亿元以上企业研发机构实现全覆盖。",
		"加快构建“15分钟养老服务圈”。",
		"建立健全“1+11+1+1”（1个应急救援总指挥部、11个专项指挥部）现代化应急救援指挥体系。",
		"积极引进国际、国内、行业 500 强企业。",
		"加快建设10万吨级物流码头。",
		"落实第二轮土地承包到期再延长30年政策。",
		"“十四五”时期（2021-2025年）是关键时期。",
		"全县总面积约1568平方公里，辖8个镇、3个街道。",
		"持续实施基层卫生人才培养“369人才工程”。",
		"开通12345政务服务热线。",
		"推动全县24个行政村全部通上天然气。",
		"人口超过1000万的城市实现轨道交通全覆盖。",
		"城区常住人口300万以上城市严格控制人口规模。",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(none); i++) {
		print_message("  %s\n", none[i]);
		expect_none(none[i]);
	}
}

static void test_past(void **state)
{
	(void)state;
	/* a review section, up to the next heading of its level */
	EXPECT("第一节 “十三五”时期发展成就\n\n全区金融机构达到 35 家，失业率控制在 3.5% 以下。\n\n"
	       "第二节 发展目标\n\n全区金融机构达到 50 家。\n",
	       { 7, 50, NO_HI, "家", EQ, LEVEL, 0, "金融机构" });
	/* past sentences outside such a section */
	expect_none("五年来，全区新建学校12所。");
	expect_none("“十三五”时期，常住人口城镇化率提高到55%。");
	expect_none("2020年，全区地区生产总值达到221亿元。");
	expect_none("目前全区高新技术企业达到28家。");
	/* a paragraph that opens on the past stays there until it looks forward */
	EXPECT("过去一年，我们坚持稳中求进。全区地区生产总值增长8.1%，城镇新增就业6200人。"
	       "力争明年新增就业7000人。",
	       { 1, 7000, NO_HI, "人", EQ, CUMUL, 0, "就业" });
	expect_none("我国已转向高质量发展阶段，人均国内生产总值超过1万美元。");
	/* the previous plan as a base is not the past */
	EXPECT("常住人口城镇化率比“十三五”末提高5个百分点。",
	       { 1, 5, NO_HI, "个百分点", EQ, CUMUL, 0, "常住人口城镇化率" });
	/* a forward-looking word wins over 累计完成 */
	EXPECT("“十四五”期间，累计完成固定资产投资1000亿元。",
	       { 1, 1000, NO_HI, "亿元", EQ, CUMUL, 0, "固定资产投资" });
}

/* ---- sections and forecasts (generality) ---- */

static void test_review_mixed_with_goals(void **state)
{
	(void)state;
	/* a part that mixes review and goals is not a review; its goal
	 * subsection yields targets, its 成就 section does not */
	EXPECT("第一篇 发展基础和发展目标\n\n第一章 发展成就\n\n全县粮食产量达到40万吨。\n\n"
	       "第二章 发展目标\n\n全县粮食产量稳定在45万吨以上。\n",
	       { 9, 45, NO_HI, "万吨", GE, LEVEL, 0, "粮食产量" });
	/* a goal subsection inside a review-looking section is not review */
	EXPECT("第一章 发展基础\n\n一、现有基础\n\n全县森林覆盖率达到40%。\n\n"
	       "二、主要任务\n\n森林覆盖率提高到45%。\n",
	       { 9, 45, NO_HI, "%", EQ, LEVEL, 0, "森林覆盖率" });
}

static void test_setting_section(void **state)
{
	(void)state;
	/* results in a section on the setting are past; a goal there is not */
	EXPECT("第一章 发展环境\n\n上一规划目标如期完成，全省粮食产量突破300亿斤，"
	       "城镇新增就业超过80万人。\n\n到2025年，粮食产量稳定在320亿斤以上。\n",
	       { 5, 320, NO_HI, "亿斤", GE, LEVEL, 2025, "粮食产量" });
}

static void test_plan_and_forecast(void **state)
{
	(void)state;
	/* 拟按 … 安排 is a planned level; 左右 before 安排 is no threshold */
	EXPECT("今年财政赤字率拟按2.8%左右安排。",
	       { 1, 2.8, NO_HI, "%", APPROX, LEVEL, 0, "财政赤字率" });
	/* a cohort forecast is not a target; a goal on the same cohort is */
	expect_none("应届高校毕业生达650万人，就业任务繁重。");
	EXPECT("力争高校毕业生就业率达到90%以上。",
	       { 1, 90, NO_HI, "%", GE, LEVEL, 0, NULL });
}

/* ---- annual documents: work reports and annual plan reports ---- */

/* Fiscal arrangements: 安排, 拟安排 and 发行 are verbs of allotting an
 * amount, with the object before or after the number. */
static void test_fiscal_arrangements(void **state)
{
	(void)state;
	EXPECT_REPORT("今年拟安排市级专项资金12亿元。",
		      { 1, 12, NO_HI, "亿元", EQ, CUMUL, 0, "市级专项资金" });
	EXPECT_REPORT("政府投资拟安排85亿元。",
		      { 1, 85, NO_HI, "亿元", EQ, CUMUL, 0, "政府投资" });
	EXPECT_REPORT("发行60亿元专项债券。",
		      { 1, 60, NO_HI, "亿元", EQ, CUMUL, 0, "专项债券" });
	EXPECT_REPORT("赤字率拟按2.8%安排。", { 1, 2.8, NO_HI, "%", EQ, LEVEL, 0, "赤字率" });
	/* 安排 as a noun before a count that is no amount of it */
	expect_none_report("资金安排向12个重点领域倾斜。");
}

/* A number before its noun after 将/把, then a verb of putting:
 * 将35亿元资金纳入直达机制. */
static void test_number_before_noun(void **state)
{
	(void)state;
	EXPECT_REPORT("将35亿元资金纳入直达机制。",
		      { 1, 35, NO_HI, "亿元", EQ, CUMUL, 0, "资金" });
	EXPECT_REPORT("继续把6000亿元资金纳入直达机制。",
		      { 1, 6000, NO_HI, "亿元", EQ, CUMUL, 0, "资金" });
	/* a size threshold is no amount */
	expect_none_report("将1亿元以上项目纳入重点项目库管理。");
	/* nor a duration */
	expect_none_report("将3年过渡期纳入政策。");
}

/* A level with its change beside it: the level is the target, the change
 * is not a second one. */
static void test_level_beside_change(void **state)
{
	(void)state;
	EXPECT_REPORT("全市一般公共预算支出规模420亿元、比上年增加18亿元。",
		      { 1, 420, NO_HI, "亿元", EQ, LEVEL, 0, "一般公共预算支出规模" });
	EXPECT_REPORT("赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。",
		      { 1, 3, NO_HI, "%", EQ, LEVEL, 0, "赤字率" },
		      { 1, 4.06, NO_HI, "万亿元", EQ, LEVEL, 0, "赤字规模" });
	EXPECT_REPORT("拟安排地方政府专项债券3.9万亿元，比上年增加1000亿元。",
		      { 1, 3.9, NO_HI, "万亿元", EQ, CUMUL, 0, "地方政府专项债券" });
	/* the change is no object of the verb either */
	EXPECT_REPORT("一般公共预算支出安排540亿元、比上年增加20亿元。",
		      { 1, 540, NO_HI, "亿元", EQ, CUMUL, 0, "一般公共预算支出" });
	/* a bare amount without a change beside it is a description */
	expect_none_report("全市一般公共预算支出420亿元，主要用于民生领域。");
	/* in a plan for a period, 比上年 reports a year's result */
	expect_none("全区一般公共预算收入32亿元、比上年增长6%。");
}

/* 再降8%: a reduction by a further 8%, a decrease the text says. */
static void test_further_reduction(void **state)
{
	struct pw_plan p;

	(void)state;
	EXPECT_REPORT("单位地区生产总值能耗再降8%。",
		      { 1, 8, NO_HI, "%", EQ, CUMUL, 0, "单位地区生产总值能耗" });
	run_text("企业综合成本再降8%。", &p);
	assert_int_equal(p.ntargets, 1);
	assert_true(pw_vocab_has(p.targets[0].t.text, PW_VOCAB_BIT(PW_VOCAB_DECREASE)));
	pw_plan_free(&p);
	/* 再降到 a value is a level, not a change */
	EXPECT("单位产品能耗再降到0.5吨标准煤。",
	       { 1, 0.5, NO_HI, "吨标准煤", EQ, LEVEL, 0, "单位产品能耗" });
}

/* The verb of change before what changes: 降低单位地区生产总值能耗3%左右
 * is the reduction of 单位地区生产总值能耗, as 单位地区生产总值能耗降低3%. */
static void test_change_verb_first(void **state)
{
	struct pw_plan p;

	(void)state;
	EXPECT_REPORT("降低单位地区生产总值能耗3%左右。",
		      { 1, 3, NO_HI, "%", APPROX, CUMUL, 0, "单位地区生产总值能耗" });
	EXPECT_REPORT("再降低单位地区生产总值二氧化碳排放3.5%。",
		      { 1, 3.5, NO_HI, "%", EQ, CUMUL, 0, "单位地区生产总值二氧化碳排放" });
	EXPECT_REPORT("增加城镇就业岗位3000个以上。",
		      { 1, 3000, NO_HI, "个", GE, CUMUL, 0, "城镇就业岗位" });
	EXPECT_REPORT("减少农村危房200户。", { 1, 200, NO_HI, "户", EQ, CUMUL, 0, "农村危房" });
	run_text("降低单位地区生产总值能耗3%左右。", &p);
	assert_int_equal(p.ntargets, 1);
	assert_true(pw_vocab_has(p.targets[0].t.text, PW_VOCAB_BIT(PW_VOCAB_DECREASE)));
	pw_plan_free(&p);
	/* the verb of change right before the number is the usual shape */
	EXPECT_REPORT("单位地区生产总值能耗降低3%左右。",
		      { 1, 3, NO_HI, "%", APPROX, CUMUL, 0, "单位地区生产总值能耗" });
	/* a number inside what changes is no amount of the change */
	expect_none_report("降低年产值超10亿元企业的用能成本。");
	/* 降低…至 a value is where it gets to, not by how much */
	expect_none_report("降低小微企业贷款利率至3.5%。");
}

/* 帮助1万名就业困难人员实现就业: 帮助 counts the people helped. */
static void test_people_helped(void **state)
{
	(void)state;
	EXPECT_REPORT("帮助1万名就业困难人员实现就业。",
		      { 1, 1, NO_HI, "万名", EQ, CUMUL, 0, "就业困难人员" });
}

/* A note in brackets on what else the unit counts ends the clause as the
 * unit would: 10万套（间）; a note with a number does not. */
static void test_unit_note(void **state)
{
	(void)state;
	EXPECT_REPORT("建设保障性租赁住房10万套（间）。",
		      { 1, 10, NO_HI, "万套", EQ, CUMUL, 0, "保障性租赁住房" });
	EXPECT_REPORT("培训农民工3000人(次)。", { 1, 3000, NO_HI, "人", EQ, CUMUL, 0, "农民工" });
	expect_none_report("建设保障性租赁住房10万套（其中2万套为新建）以满足需求。");
}

/* Targets listed one per numbered line: the number is no part of the
 * subject (1.地区生产总值, （2）, ③). */
static void test_numbered_goals(void **state)
{
	(void)state;
	EXPECT_REPORT("主要预期目标为：\n1.地区生产总值增长6%左右；\n2、城镇新增就业5万人以上；\n"
		      "（3）城镇调查失业率控制在5.5%左右；\n④单位地区生产总值能耗下降2.5%。\n",
		      { 2, 6, NO_HI, "%", APPROX, GROWTH, 0, "地区生产总值" },
		      { 3, 5, NO_HI, "万人", GE, CUMUL, 0, "城镇新增就业" },
		      { 4, 5.5, NO_HI, "%", APPROX, LEVEL, 0, "城镇调查失业率" },
		      { 5, 2.5, NO_HI, "%", EQ, CUMUL, 0, "单位地区生产总值能耗" });
	/* a name that starts with digits keeps them */
	EXPECT_REPORT("5G基站新建500个。", { 1, 500, NO_HI, "个", EQ, CUMUL, 0, "5G基站" });
}

/* 分别 with the unit written once after the last value, and 城乡 with two
 * values: one target per member. */
static void test_shared_unit_and_urban_rural(void **state)
{
	(void)state;
	EXPECT_REPORT("PM2.5、PM10平均浓度分别控制在42、70微克/立方米以内。",
		      { 1, 42, NO_HI, "微克/立方米", LE, LEVEL, 0, "PM2.5平均浓度" },
		      { 1, 70, NO_HI, "微克/立方米", LE, LEVEL, 0, "PM10平均浓度" });
	EXPECT_REPORT("城乡居民人均可支配收入分别增长6%和7.5%。",
		      { 1, 6, NO_HI, "%", EQ, GROWTH, 0, "城镇居民人均可支配收入" },
		      { 1, 7.5, NO_HI, "%", EQ, GROWTH, 0, "农村居民人均可支配收入" });
	/* what follows the last number is shared: its comparator, and a
	 * grade makes the whole list one (10、20万吨级码头) */
	EXPECT_REPORT("PM2.5、PM10平均浓度分别达到30、20微克/立方米以下。",
		      { 1, 30, NO_HI, "微克/立方米", LE, LEVEL, 0, "PM2.5平均浓度" },
		      { 1, 20, NO_HI, "微克/立方米", LE, LEVEL, 0, "PM10平均浓度" });
	/* one value of 城乡 stays one target */
	EXPECT_REPORT("城乡居民人均可支配收入增长7%。",
		      { 1, 7, NO_HI, "%", EQ, GROWTH, 0, "城乡居民人均可支配收入" });
	/* years in a list are no values */
	expect_none_report("2021、2022年分别开展专项行动。");
}

/* 实现 an amount in the year; 同口径 says how a change is measured and is
 * no part of the subject. */
static void test_reach_amount_and_measure_words(void **state)
{
	(void)state;
	EXPECT_REPORT("实现旅游综合收入80亿元。",
		      { 1, 80, NO_HI, "亿元", EQ, LEVEL, 0, "旅游综合收入" });
	/* in a plan, a level reached by the end (not a five-year total) */
	EXPECT("到2025年，实现地区生产总值500亿元，实现粮食总产量50万吨以上。",
	       { 1, 500, NO_HI, "亿元", EQ, LEVEL, 2025, "地区生产总值" },
	       { 1, 50, NO_HI, "万吨", GE, LEVEL, 2025, "粮食总产量" });
	EXPECT_REPORT("一般公共预算收入同口径增长5%。",
		      { 1, 5, NO_HI, "%", EQ, GROWTH, 0, "一般公共预算收入" });
	/* 累计 before the verb says the kind, not the subject */
	EXPECT("到2025年，城镇新增就业累计达到5万人。",
	       { 1, 5, NO_HI, "万人", EQ, CUMUL, 2025, "城镇新增就业" });
	/* 实现 before a growth keeps the growth's subject */
	EXPECT_REPORT("实现地区生产总值增长6.5%左右。",
		      { 1, 6.5, NO_HI, "%", APPROX, GROWTH, 0, "地区生产总值" });
}

/* A clause about last year beside this year's: only this year's is a
 * target. */
static void test_clause_of_last_year(void **state)
{
	(void)state;
	EXPECT_REPORT("去年城镇新增就业1.1万人，今年城镇新增就业1.2万人。",
		      { 1, 1.2, NO_HI, "万人", EQ, CUMUL, 0, "城镇新增就业" });
	EXPECT_REPORT("去年减少农村危房350户，今年继续减少农村危房200户。",
		      { 1, 200, NO_HI, "户", EQ, CUMUL, 0, "农村危房" });
}

/* Growth given as a goal: 全市经济增长预期目标为6%左右. */
static void test_growth_goal(void **state)
{
	(void)state;
	EXPECT_REPORT("全市经济增长预期目标为6%左右。",
		      { 1, 6, NO_HI, "%", APPROX, GROWTH, 0, "经济增长" });
	EXPECT_REPORT("地区生产总值增长目标为6.5%。",
		      { 1, 6.5, NO_HI, "%", EQ, GROWTH, 0, NULL });
	/* a goal on a level is a level */
	EXPECT_REPORT("森林覆盖率目标为45%。", { 1, 45, NO_HI, "%", EQ, LEVEL, 0, "森林覆盖率" });
	/* the goal restated as a modifier */
	expect_none_report("提出增长5%左右的预期目标，综合考虑了各方面因素。");
}

/* The usual annual goals of a work report. */
static void test_annual_goals(void **state)
{
	(void)state;
	EXPECT_REPORT("国内生产总值增长5%左右；城镇新增就业1200万人以上，居民消费价格涨幅3%左右；"
		      "粮食产量保持在1.3万亿斤以上。",
		      { 1, 5, NO_HI, "%", APPROX, GROWTH, 0, "国内生产总值" },
		      { 1, 1200, NO_HI, "万人", GE, CUMUL, 0, "城镇新增就业" },
		      { 1, 3, NO_HI, "%", APPROX, GROWTH, 0, "居民消费价格涨幅" },
		      { 1, 1.3, NO_HI, "万亿斤", GE, LEVEL, 0, "粮食产量" });
	/* forecasts of conditions are not goals */
	expect_none_report("预计今年应届毕业生达到3.2万人。");
	expect_none_report("今年高校毕业生预计达1179万人，要加强就业服务。");
}

/* A review part: its results are past however far below its heading, and
 * a subheading in it that names 目标任务 does not end it. */
static void test_review_part_of_report(void **state)
{
	(void)state;
	EXPECT_REPORT("一、过去五年工作回顾\n\n（三）就业目标任务圆满完成\n\n"
		      "五年来城镇新增就业超过4.6万人。\n\n城镇调查失业率控制在5.5%以内。\n\n"
		      "建成保障性住房12万套。\n\n（四）生态环境明显改善\n\n"
		      "PM2.5平均浓度下降到28微克/立方米。\n\n二、今后五年的目标任务\n\n"
		      "城镇调查失业率控制在5.5%以内。\n",
		      { 17, 5.5, NO_HI, "%", LE, LEVEL, 0, "城镇调查失业率" });
}

/* Durations and names are not amounts: 3年过渡期, 2.0版. */
static void test_durations_and_versions(void **state)
{
	(void)state;
	expect_none("对新设企业设立3年过渡期。");
	expect_none("实施3年攻坚行动，推出“一网通办”2.0版。");
	/* a time that is a goal stays one */
	EXPECT("项目审批时间控制在30天以内。", { 1, 30, NO_HI, "天", LE, LEVEL, 0, NULL });
}

/* A report without a period is dated by its date line: a sentence that
 * opens with an earlier year reports a result. */
static void test_report_past_year(void **state)
{
	(void)state;
	expect_none_report("——2024年2月26日在县人民代表大会上\n\n各位代表：\n\n2023年全县地区生产总值增长6.1%。\n");
	EXPECT_REPORT("——2024年2月26日在县人民代表大会上\n\n各位代表：\n\n2024年全县地区生产总值增长6%左右。\n",
		      { 5, 6, NO_HI, "%", APPROX, GROWTH, 2024, "地区生产总值" });
}

/* Reads text as an annual document and checks that it yields n targets,
 * each marked (or not) as of the years ahead. */
static void expect_span_ahead(const char *text, size_t n, bool ahead)
{
	struct pw_plan p;
	size_t i;

	as_report = true;
	run_text(text, &p);
	as_report = false;
	assert_int_equal(p.ntargets, n);
	for (i = 0; i < n; i++)
		assert_int_equal(p.targets[i].span_ahead, ahead);
	pw_plan_free(&p);
}

/* In an annual document a sentence about the years ahead (今后五年) restates
 * the five-year plan: its targets are found but marked, as not the year's
 * (the import leaves them out).  A year named in it dates its targets, and
 * in a five-year plan the words change nothing. */
static void test_report_span_ahead(void **state)
{
	struct pw_plan p;

	(void)state;
	expect_span_ahead("今后五年，全区地区生产总值年均增长7%左右，常住人口城镇化率超过83%。", 2, true);
	expect_span_ahead("“十四五”期间，累计新增城镇就业5万人以上。", 1, true);
	expect_span_ahead("今年全区地区生产总值增长7%左右。", 1, false);
	EXPECT_REPORT("今后五年，到2025年常住人口城镇化率超过83%。",
		      { 1, 83, NO_HI, "%", GE, LEVEL, 2025, "常住人口城镇化率" });
	run_text("今后五年，全区常住人口城镇化率超过83%。", &p);
	assert_int_equal(p.ntargets, 1);
	assert_false(p.targets[0].span_ahead);
	pw_plan_free(&p);
}

/* Annual documents state this year's amounts with words that report the
 * past in a plan for a period (完成投资, 比上年). */
static void test_annual_amounts(void **state)
{
	(void)state;
	EXPECT_REPORT("实施重大项目500个以上，年度完成投资1500亿元。",
		      { 1, 500, NO_HI, "个", GE, CUMUL, 0, "重大项目" },
		      { 1, 1500, NO_HI, "亿元", EQ, CUMUL, 0, NULL });
	EXPECT_REPORT("力争全年接待游客3000万人次。",
		      { 1, 3000, NO_HI, "万人次", EQ, CUMUL, 0, "游客" });
	/* in a plan for a period they report a result */
	expect_none("全区实施重大项目50个，完成投资150亿元。");
}

/* A sentence that opens with 预计 forecasts; 预计到2025年 sets a goal. */
static void test_forecast_sentence(void **state)
{
	(void)state;
	expect_none_report("预计全年一般公共预算收入221亿元，增长5%。");
	/* a clause that opens so forecasts too, whatever its subject */
	EXPECT_REPORT("发放消费券500万元，预计今年城镇新增劳动力达到4000人。",
		      { 1, 500, NO_HI, "万元", EQ, CUMUL, 0, "消费券" });
	EXPECT("预计到2025年，全区森林覆盖率达到45%。",
	       { 1, 45, NO_HI, "%", EQ, LEVEL, 2025, "森林覆盖率" });
}

/* A subject starts after the clause's previous target: 播种面积稳定在500万
 * 亩以上、总产量稳定在40亿斤以上 gives 总产量 for 40, not two subjects. */
static void test_subject_after_previous_target(void **state)
{
	(void)state;
	EXPECT("确保粮食播种面积稳定在500万亩以上、总产量稳定在40亿斤以上。",
	       { 1, 500, NO_HI, "万亩", GE, LEVEL, 0, "粮食播种面积" },
	       { 1, 40, NO_HI, "亿斤", GE, LEVEL, 0, "总产量" });
	/* a list of subjects with no target between them still splits */
	EXPECT("PM10、PM2.5年平均浓度每年下降3微克每立方米。",
	       { 1, 3, NO_HI, "微克每立方米", EQ, ANNUAL, 0, "PM10年平均浓度" },
	       { 1, 3, NO_HI, "微克每立方米", EQ, ANNUAL, 0, "PM2.5年平均浓度" });
}

/* Last year and the year just gone: 去年…, 一年来… report results; 比去年
 * is a base, not the time of the sentence. */
static void test_last_year(void **state)
{
	(void)state;
	expect_none_report("去年全县地区生产总值增长5.5%，一般公共预算收入增长6%。");
	expect_none_report("一年来，全县新增市场主体5000户。");
	EXPECT_REPORT("全县一般公共预算支出比去年增加8亿元。",
		      { 1, 8, NO_HI, "亿元", EQ, CUMUL, 0, "一般公共预算支出" });
	/* 预期 between a subject and its verb is no part of the subject */
	EXPECT_REPORT("全县一般公共预算收入预期增长5%。",
		      { 1, 5, NO_HI, "%", EQ, GROWTH, 0, "一般公共预算收入" });
}

/* Goals set or cut to a value: 预期目标设定为, 压缩至, 压减至; 个工作日 is a
 * time. */
static void test_set_and_cut_to(void **state)
{
	(void)state;
	EXPECT_REPORT("全县城镇新增就业预期目标设定为5000人以上。",
		      { 1, 5000, NO_HI, "人", GE, CUMUL, 0, "城镇新增就业" });
	EXPECT_REPORT("企业开办时间压缩至1个工作日，项目审批时限压减至30个工作日以内。",
		      { 1, 1, NO_HI, "个工作日", EQ, LEVEL, 0, "企业开办时间" },
		      { 1, 30, NO_HI, "个工作日", LE, LEVEL, 0, "项目审批时限" });
	EXPECT_REPORT("发放消费券5000万元。", { 1, 5000, NO_HI, "万元", EQ, CUMUL, 0, "消费券" });
	/* a duration in working days before a noun is no goal */
	expect_none_report("推行3个工作日办结制度。");
}

/* An unnumbered title line opens a part of a report: 2023年工作回顾 is
 * past up to the next such title or a heading that looks ahead, whatever
 * numbered headings lie between. */
static void test_unnumbered_review_part(void **state)
{
	(void)state;
	EXPECT_REPORT("——2024年1月20日在县人民代表大会上\n\n各位代表：\n\n2023年工作回顾\n\n"
		      "经济运行稳中向好。全县地区生产总值增长6.2%。\n\n"
		      "（一）项目建设成效显著\n\n实施重点项目120个，完成投资150亿元。\n\n"
		      "2024年工作安排\n\n全县地区生产总值增长6%左右。\n",
		      { 15, 6, NO_HI, "%", APPROX, GROWTH, 0, "地区生产总值" });
	EXPECT_REPORT("——2024年1月20日在县人民代表大会上\n\n各位代表：\n\n2023年工作回顾\n\n"
		      "全县地区生产总值增长6.2%。\n\n二、2024年工作安排\n\n"
		      "全县地区生产总值增长6%左右。\n",
		      { 11, 6, NO_HI, "%", APPROX, GROWTH, 0, "地区生产总值" });
	/* the document's own title names 执行情况 but reviews nothing */
	EXPECT_REPORT("关于2023年计划执行情况与2024年计划草案的报告\n\n"
		      "全县地区生产总值增长6%左右。\n",
		      { 3, 6, NO_HI, "%", APPROX, GROWTH, 0, NULL });
}

/* A clause whose only words before the number are a verb (累计达到, 力争
 * 达到) shares the previous target's subject, and a rate it reaches for is
 * the same kind of rate. */
static void test_clause_sharing_subject(void **state)
{
	(void)state;
	EXPECT_REPORT("新建5G基站1.5万个，累计达到15万个。",
		      { 1, 1.5, NO_HI, "万个", EQ, CUMUL, 0, "5G基站" },
		      { 1, 15, NO_HI, "万个", EQ, LEVEL, 0, "5G基站" });
	EXPECT_REPORT("确保规上工业增加值增长7%，力争达到8%。",
		      { 1, 7, NO_HI, "%", EQ, GROWTH, 0, "规上工业增加值" },
		      { 1, 8, NO_HI, "%", EQ, GROWTH, 0, "规上工业增加值" });
	/* a level after a level stays a level */
	EXPECT_REPORT("森林覆盖率达到40%，力争达到42%。",
		      { 1, 40, NO_HI, "%", EQ, LEVEL, 0, "森林覆盖率" },
		      { 1, 42, NO_HI, "%", EQ, LEVEL, 0, "森林覆盖率" });
}

/* The object of a verb of making that holds such a verb itself starts
 * after the first run of verbs: 安排省重点建设项目, 营造林面积. */
static void test_object_holding_a_verb(void **state)
{
	(void)state;
	EXPECT_REPORT("全年安排省重点建设项目1200个。",
		      { 1, 1200, NO_HI, "个", EQ, CUMUL, 0, "省重点建设项目" });
	EXPECT_REPORT("县财政拟安排基础设施建设资金2.5亿元。",
		      { 1, 2.5, NO_HI, "亿元", EQ, CUMUL, 0, "基础设施建设资金" });
	EXPECT_REPORT("完成营造林面积10万亩。", { 1, 10, NO_HI, "万亩", EQ, CUMUL, 0, "营造林面积" });
	/* a run of verbs joined by 、 still opens the object */
	EXPECT("新建、改扩建中小学12所。", { 1, 12, NO_HI, "所", EQ, CUMUL, 0, "中小学" });
}

static void test_annual_bound_and_units(void **state)
{
	(void)state;
	/* 每年 earlier in the clause scopes a bound on a count */
	EXPECT("每年组织文化下乡演出不少于20场。",
	       { 1, 20, NO_HI, "场", GE, ANNUAL, 0, NULL });
	/* compound units: the longest match */
	EXPECT("每万人口研发投入达到15人年。", { 1, 15, NO_HI, "人年", EQ, LEVEL, 0, NULL });
	EXPECT("全县接待游客达到300万人次。", { 1, 300, NO_HI, "万人次", EQ, LEVEL, 0, NULL });
}

static void test_claimed_lines_skipped(void **state)
{
	struct pw_doc d;
	struct pw_plan p;
	unsigned char claimed[3] = { 0, 0, PW_CLAIM_COLUMN };
	static const char text[] = "全区高新技术企业超过10家。\n\n1. 新增学位5000个以上。";

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "t.txt", text, sizeof(text) - 1), 0);
	assert_int_equal(d.nlines, 3);
	pw_plan_init(&p);
	pw_read_prose(&d, &p, claimed);
	assert_int_equal(p.ntargets, 1);
	assert_int_equal(p.targets[0].line, 1);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

/* ---- paragraphs ---- */

static void test_para_join(void **state)
{
	static const char text[] = "大力推进创新平台建设，建立全区科\n\n科技型中小企业库。\n第二段。\n";
	struct pw_doc d;
	struct pw_para pa;
	size_t pos = 0;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "t.txt", text, sizeof(text) - 1), 0);
	pw_para_init(&pa);
	assert_int_equal(pw_para_next(&d, NULL, &pos, &pa), 1);
	assert_string_equal(pa.text.buf, "大力推进创新平台建设，建立全区科技型中小企业库。");
	assert_int_equal(pa.nsegs, 2);
	assert_int_equal(pa.segs[1].dropped, 3);
	assert_int_equal(pw_para_line_at(&pa, 0), 1);
	assert_int_equal(pw_para_line_at(&pa, strlen("大力推进创新平台建设，建立全区科") - 1), 1);
	assert_int_equal(pw_para_line_at(&pa, strlen("大力推进创新平台建设，建立全区科")), 3);
	assert_int_equal(pw_para_next(&d, NULL, &pos, &pa), 1);
	assert_string_equal(pa.text.buf, "第二段。");
	assert_int_equal(pw_para_line_at(&pa, 0), 4);
	assert_int_equal(pw_para_next(&d, NULL, &pos, &pa), 0);
	pw_para_release(&pa);
	pw_doc_release(&d);
}

static void test_para_boundaries(void **state)
{
	/* a heading, a list item and a table row never continue a paragraph */
	static const char text[] = "一段文字在页末断开，没有句号\n\n第二章 发展目标\n"
				   "又一段文字在页末断开，没有句号\n1. 列表项。\n"
				   "再一段文字在页末断开，没有句号\n指标\t2020年\n";
	struct pw_doc d;
	struct pw_para pa;
	size_t pos = 0;
	int n = 0, headings = 0;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "t.txt", text, sizeof(text) - 1), 0);
	pw_para_init(&pa);
	while (pw_para_next(&d, NULL, &pos, &pa)) {
		n++;
		headings += pa.heading;
		assert_int_equal(pa.nsegs, 1);
	}
	assert_int_equal(n, 5); /* the table row is not text */
	assert_int_equal(headings, 1);
	pw_para_release(&pa);
	pw_doc_release(&d);
	assert_int_equal(pw_para_heading_level("第三节 建设生态宜居家园"), PW_PARA_SECTION);
	assert_int_equal(pw_para_heading_level("## 第一章 规划基础"), PW_PARA_CHAPTER);
	assert_int_equal(pw_para_heading_level("（二）积极发展生活性服务业"), PW_PARA_SUBITEM);
	/* items and subitems are numbered in Han numerals; Arabic ones, of
	 * any length, mark list entries */
	assert_int_equal(pw_para_heading_level("十二、对外开放"), PW_PARA_ITEM);
	assert_int_not_equal(pw_para_heading_level("1、对外开放"), PW_PARA_ITEM);
	assert_int_not_equal(pw_para_heading_level("123、对外开放"), PW_PARA_ITEM);
	assert_int_equal(pw_para_heading_level("（十二）对外开放"), PW_PARA_SUBITEM);
	assert_int_not_equal(pw_para_heading_level("（1）对外开放"), PW_PARA_SUBITEM);
	assert_int_not_equal(pw_para_heading_level("（123）对外开放"), PW_PARA_SUBITEM);
	assert_int_equal(pw_para_heading_level("专栏 “十四五”创新能力建设工程"), PW_PARA_BOX);
	assert_int_equal(pw_para_heading_level("表明我区发展进入新阶段，必须抓住机遇。"),
			 PW_PARA_NOT_HEADING);
}

/* ---- whole documents ---- */

static const char *data_dir(void)
{
	const char *d = getenv("PW_TESTDATA");

	return d ? d : "tests/data";
}

static void check_json_target(const struct pw_prose_target *t, json_t *w)
{
	json_t *hi = json_object_get(w, "value_hi"), *year = json_object_get(w, "year");
	json_t *subj = json_object_get(w, "subject");

	print_message("  want L%d %g %s\n", (int)json_integer_value(json_object_get(w, "line")),
		      json_number_value(json_object_get(w, "value")),
		      json_string_value(json_object_get(w, "unit")));
	assert_int_equal(t->line, json_integer_value(json_object_get(w, "line")));
	assert_true(fabs(t->t.value - json_number_value(json_object_get(w, "value"))) < 1e-9);
	assert_int_equal(t->t.has_value_hi, !json_is_null(hi));
	if (!json_is_null(hi))
		assert_true(fabs(t->t.value_hi - json_number_value(hi)) < 1e-9);
	assert_string_equal(t->unit, json_string_value(json_object_get(w, "unit")));
	assert_string_equal(pw_cmp_name(t->t.cmp), json_string_value(json_object_get(w, "cmp")));
	assert_string_equal(pw_kind_name(t->t.kind), json_string_value(json_object_get(w, "kind")));
	assert_int_equal(t->t.year, json_is_null(year) ? 0 : json_integer_value(year));
	if (subj)
		assert_string_equal(t->subject, json_string_value(subj));
}

static void check_document(const char *name, const char *expected)
{
	char path[512], exp[512];
	struct pw_plan p;
	json_error_t err;
	json_t *root, *targets;
	size_t i;

	snprintf(path, sizeof(path), "%s/prose/%s", data_dir(), name);
	snprintf(exp, sizeof(exp), "%s/prose/%s", data_dir(), expected);
	print_message("document %s\n", path);
	root = json_load_file(exp, 0, &err);
	assert_non_null(root);
	targets = json_object_get(root, "targets");
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_file(path, &p), 0);
	for (i = 0; i < p.ntargets; i++)
		print_message("  got  L%d %g %s\n", p.targets[i].line, p.targets[i].t.value,
			      p.targets[i].unit);
	assert_int_equal(p.ntargets, json_array_size(targets));
	for (i = 0; i < p.ntargets; i++)
		check_json_target(&p.targets[i], json_array_get(targets, i));
	pw_plan_free(&p);
	json_decref(root);
}

static void test_document_report(void **state)
{
	(void)state;
	check_document("report.txt", "report.expected.json");
}

static void test_document_district_report(void **state)
{
	(void)state;
	check_document("report2.txt", "report2.expected.json");
}

static void test_document_county(void **state)
{
	(void)state;
	check_document("county.txt", "county.expected.json");
	check_document("county-gb18030-crlf.txt", "county-gb18030-crlf.expected.json");
}

static void test_document_markdown(void **state)
{
	(void)state;
	check_document("markdown.md", "markdown.expected.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmp_ge),
		cmocka_unit_test(test_thousands_comma),
		cmocka_unit_test(test_cmp_le),
		cmocka_unit_test(test_cmp_approx_and_eq),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_annual),
		cmocka_unit_test(test_cumulative),
		cmocka_unit_test(test_two_subjects),
		cmocka_unit_test(test_respectively),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_count_object_list),
		cmocka_unit_test(test_threshold_then_count),
		cmocka_unit_test(test_subject_verb),
		cmocka_unit_test(test_doubling),
		cmocka_unit_test(test_wrapped_after_semicolon),
		cmocka_unit_test(test_long_clause_and_paragraph),
		cmocka_unit_test(test_page_break_number_after),
		cmocka_unit_test(test_full_width_digits),
		cmocka_unit_test(test_gb18030_crlf),
		cmocka_unit_test(test_names_and_thresholds),
		cmocka_unit_test(test_past),
		cmocka_unit_test(test_review_mixed_with_goals),
		cmocka_unit_test(test_setting_section),
		cmocka_unit_test(test_plan_and_forecast),
		cmocka_unit_test(test_annual_bound_and_units),
		cmocka_unit_test(test_fiscal_arrangements),
		cmocka_unit_test(test_number_before_noun),
		cmocka_unit_test(test_level_beside_change),
		cmocka_unit_test(test_further_reduction),
		cmocka_unit_test(test_change_verb_first),
		cmocka_unit_test(test_people_helped),
		cmocka_unit_test(test_unit_note),
		cmocka_unit_test(test_numbered_goals),
		cmocka_unit_test(test_shared_unit_and_urban_rural),
		cmocka_unit_test(test_reach_amount_and_measure_words),
		cmocka_unit_test(test_clause_of_last_year),
		cmocka_unit_test(test_growth_goal),
		cmocka_unit_test(test_annual_goals),
		cmocka_unit_test(test_review_part_of_report),
		cmocka_unit_test(test_durations_and_versions),
		cmocka_unit_test(test_report_past_year),
		cmocka_unit_test(test_annual_amounts),
		cmocka_unit_test(test_report_span_ahead),
		cmocka_unit_test(test_forecast_sentence),
		cmocka_unit_test(test_subject_after_previous_target),
		cmocka_unit_test(test_last_year),
		cmocka_unit_test(test_set_and_cut_to),
		cmocka_unit_test(test_unnumbered_review_part),
		cmocka_unit_test(test_clause_sharing_subject),
		cmocka_unit_test(test_object_holding_a_verb),
		cmocka_unit_test(test_claimed_lines_skipped),
		cmocka_unit_test(test_para_join),
		cmocka_unit_test(test_para_boundaries),
		cmocka_unit_test(test_document_report),
		cmocka_unit_test(test_document_district_report),
		cmocka_unit_test(test_document_county),
		cmocka_unit_test(test_document_markdown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
