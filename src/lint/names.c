/*
 * names.c - the place-name check: another place's name where the plan's
 * own should stand (a template's region carried over, a slip of the pen).
 *
 * The subject region is inferred, not given: the county or prefecture
 * whose full name the text uses most (the title counts triple, the region
 * ingest read from it too), disambiguated by its parent's mentions when
 * several divisions share the name.  Other place names are flagged only
 * in the slots where the subject's own name belongs:
 *   - with the subject's suffix when that makes no real division (漯河区 in
 *     a plan of 湛河区);
 *   - in a slogan: a modifier the plan itself uses with its own name
 *     (活力湛河、实力湛河 -> 实力漯河), or a common one (健康, 平安 ...) before a
 *     name one character away from the subject's;
 *   - before 新区/老区/新城 when the plan names its own 湛河新区;
 *   - a sibling division as the plan's agent (中共X区委, 把X区建设成为);
 *   - a quoted brand (“湛江经验”) of a name one character away;
 *   - in the plan's title.
 * A gazetteer name one character away from the subject's that was caught
 * in such a slot is then flagged wherever it appears, except where it is
 * plainly the other place (漯河市, a road, a river basin, a list of places).
 * The parent city and province, and places in cooperation passages, are
 * never in these slots, so they are never flagged.
 */
#include "lint/lint.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

struct hit {
	int li;                 /* line index */
	size_t off, len;        /* bytes */
	const struct pw_gz *g;  /* NULL: not a division, only near the subject's name */
	int is_short;
	int similar;            /* one character away from the subject's short name */
};

struct names {
	struct pw_lint *L;
	struct hit *hits;
	size_t nhits, hits_alloc;
	char (*mods)[16];       /* learned slogan modifiers */
	size_t nmods, mods_alloc;
	char **established;     /* names caught in a slot */
	size_t nest, est_alloc;
	size_t slen;            /* code points of the subject's short name */
	unsigned char *title;   /* per line: does it hold the plan's title */
};

static const char *const COMMON_MODS[] = {
	"健康", "平安", "幸福", "美丽", "活力", "实力", "品质", "红色", "智慧", "数字", "韧性",
	"魅力", "生态", "文明", "法治", "绿色", "宜居", "休闲", "现代化", "五个", "四个", "六个",
	"秀美", "精致", "人文", "和谐", "富裕", "富强", "出彩", "新时代", NULL,
};
/* Never another region: the country and the large regions plans cite. */
static const char *const ALWAYS_OK[] = { "中国", "全国", "中原", "中部", "华夏", "西部", "东北", NULL };
/* After a name, these say it is the other place itself or a thing named
 * after it (漯河市, 淮河路, 沙河流域, 郑州银行). */
static const char *const OTHER_PLACE_AFTER[] = {
	"市", "县", "省", "路", "街", "大道", "道", "高速", "铁路", "高铁", "站", "港", "机场",
	"银行", "集团", "公司", "大学", "学院", "流域", "两岸", "沿线", "段", "水库", "湖", "籍",
	"方向", "等地", "、", "和", "与", NULL,
};
static const char BOUNDARY[] = "、。，；：！？”’）」》";

static size_t starts_any(const char *s, const char *const *list)
{
	size_t i, k;

	for (i = 0; list[i]; i++)
		if ((k = pw_utf8_starts(s, list[i])))
			return k;
	return 0;
}

static int at_boundary(const char *s)
{
	uint32_t cp;
	size_t k;
	char buf[5] = { 0 };

	if (!*s || *s == ' ' || *s == '\t' || pw_utf8_blank(s) || pw_utf8_starts(s, "建设"))
		return 1;
	k = pw_lint_cp(s, &cp);
	memcpy(buf, s, k < 4 ? k : 4);
	return strstr(BOUNDARY, buf) != NULL;
}

/* Does the name at s (len bytes) differ from the subject's short name in
 * exactly one code point, with as many code points, all CJK? */
static int similar_at(const struct names *N, const char *s, size_t *len)
{
	const char *t = N->L->subject_short;
	size_t i, diff = 0, off = 0, toff = 0;
	uint32_t a, b;

	if (N->slen < 2)
		return 0;
	for (i = 0; i < N->slen; i++) {
		size_t ka = pw_lint_cp(s + off, &a), kb = pw_lint_cp(t + toff, &b);

		if (!ka || !pw_lint_is_cjk(a))
			return 0;
		diff += a != b;
		off += ka;
		toff += kb;
	}
	*len = off;
	return diff == 1;
}

static int is_allowed(const struct names *N, const char *name, size_t len)
{
	const struct pw_gz *g;
	size_t i;

	for (i = 0; ALWAYS_OK[i]; i++)
		if (strlen(ALWAYS_OK[i]) == len && !memcmp(ALWAYS_OK[i], name, len))
			return 1;
	for (g = N->L->subject; g; g = pw_gz_parent(g))
		if ((strlen(g->name) == len && !memcmp(g->name, name, len)) ||
		    (strlen(g->short_name) == len && !memcmp(g->short_name, name, len)))
			return 1;
	return 0;
}

/* ---- pass 1: every division name and every near-subject name ---- */

static void collect_hits(struct names *N)
{
	struct pw_lint *L = N->L;
	size_t li;

	for (li = 0; li < L->nlines; li++) {
		const char *s = L->lines[li].s;
		size_t off = 0;
		uint32_t cp;

		if (L->lines[li].kind == PW_LK_BLANK)
			continue;
		while (s[off]) {
			const struct pw_gz *g = NULL;
			int is_short = 0;
			size_t k = pw_gz_match(s + off, &g, &is_short), slen = 0;
			int sim = N->slen ? similar_at(N, s + off, &slen) : 0;

			if (k || sim) {
				ALLOC_GROW(N->hits, N->nhits + 1, N->hits_alloc);
				N->hits[N->nhits++] = (struct hit){ (int)li, off, k ? k : slen,
								    k ? g : NULL, is_short,
								    sim && (!k || k == slen) };
				off += k ? k : slen;
				continue;
			}
			k = pw_lint_cp(s + off, &cp);
			off += k ? k : 1;
		}
	}
}

/* ---- the subject ---- */

static int title_in(const struct pw_lint *L, size_t li)
{
	const struct pw_plan *p = L->plan;

	return (p->title && strstr(L->lines[li].s, p->title)) ||
	       (strstr(L->lines[li].s, "《") && strstr(L->lines[li].s, "纲要》"));
}

/* Computed once a line (hits ask it many times). */
static int is_title_line(const struct names *N, size_t li)
{
	return N->title[li];
}

/* Of the divisions named like g, the one whose ancestors the text names
 * most. */
static const struct pw_gz *disambiguate(const struct names *N, const struct pw_gz *g)
{
	const struct pw_gz *same[16], *best = g;
	size_t n = pw_gz_find(g->name, same, 16), i, j;
	long best_score = -1;

	if (n > 16)
		n = 16;
	for (i = 0; n > 1 && i < n; i++) {
		long score = 0;
		const struct pw_gz *a;

		for (a = pw_gz_parent(same[i]); a; a = pw_gz_parent(a))
			for (j = 0; j < N->nhits; j++)
				if (N->hits[j].g && (!strcmp(N->hits[j].g->name, a->name) ||
						     (*a->short_name &&
						      !strcmp(N->hits[j].g->short_name, a->short_name))))
					score++;
		if (score > best_score) {
			best_score = score;
			best = same[i];
		}
	}
	return best;
}

/* A region name ingest read that the gazetteer lacks: 3 to 8 code points
 * ending in a division suffix, no sentence words. */
static int plausible_region(const char *r, size_t max)
{
	size_t n, cps;

	if (!r || (n = strlen(r)) >= max || strstr(r, "关于") || strstr(r, "第") || strstr(r, "全国"))
		return 0;
	cps = pw_utf8_columns(r, n);
	return cps >= 3 && cps <= 8 && strstr("区县市省州旗盟", r + pw_lint_prev(r, n));
}

static void infer_subject(struct names *N)
{
	struct pw_lint *L = N->L;
	long *count = xcalloc(pw_gz_count, sizeof(*count));
	size_t i, best = 0;
	const struct pw_gz *g;

	for (i = 0; i < N->nhits; i++) {
		const struct hit *h = &N->hits[i];

		if (!h->g || h->is_short || pw_gz_level(h->g) < 2)
			continue;
		count[h->g - pw_gz_table] += is_title_line(N, (size_t)h->li) ? 2 : 1;
	}
	/* the title's region (ingest) counts once more, the text's majority wins */
	if (L->plan->region && pw_gz_find(L->plan->region, &g, 1))
		count[g - pw_gz_table] += 1;
	for (i = 1; i < pw_gz_count; i++)
		if (count[i] > count[best])
			best = i;
	if (count[best] >= 2) {
		L->subject = disambiguate(N, &pw_gz_table[best]);
		L->subject_name = L->subject->name;
		L->subject_short = L->subject->short_name;
		L->subject_suffix = L->subject->name +
				    pw_lint_prev(L->subject->name, strlen(L->subject->name));
		if (!*L->subject_short) {
			/* 叶县, 郏县: the full name is the short one, no suffix */
			L->subject_short = L->subject->name;
			L->subject_suffix = "";
		}
	} else if (plausible_region(L->plan->region, sizeof(L->subject_buf[0]))) {
		/* a place the gazetteer lacks: the region ingest read, its last
		 * character taken for the suffix (北塘区 -> 北塘, 区) */
		size_t n = strlen(L->plan->region), cut = pw_lint_prev(L->plan->region, n);

		memcpy(L->subject_buf[0], L->plan->region, n + 1);
		memcpy(L->subject_buf[1], L->plan->region, cut);
		L->subject_buf[1][cut] = '\0';
		L->subject_name = L->subject_buf[0];
		L->subject_short = L->subject_buf[1];
		L->subject_suffix = L->subject_buf[0] + cut;
	}
	free(count);
}

/* ---- slogan modifiers the plan uses with its own name ---- */

static const char FUNCTION_CHARS[] = "的在和与把是为对于将从向及全我等由到让使被区市县省之以其并或";

static int has_function_char(const char *s, size_t len)
{
	size_t off = 0;
	uint32_t cp;
	char buf[5];

	while (off < len) {
		size_t k = pw_lint_cp(s + off, &cp);

		if (!k || !pw_lint_is_cjk(cp))
			return 1;
		memset(buf, 0, sizeof(buf));
		memcpy(buf, s + off, k);
		if (strstr(FUNCTION_CHARS, buf))
			return 1;
		off += k;
	}
	return 0;
}

/* The two code points before off in s (blanks skipped): their start, or
 * (size_t)-1. */
static size_t modifier_start(const char *s, size_t off, size_t *end)
{
	size_t e = off, b;

	while (e > 0 && (s[e - 1] == ' ' || pw_utf8_starts(s + pw_lint_prev(s, e), "　")))
		e = pw_lint_prev(s, e);
	if (e == 0)
		return (size_t)-1;
	b = pw_lint_prev(s, e);
	if (b == 0)
		return (size_t)-1;
	b = pw_lint_prev(s, b);
	*end = e;
	return b;
}

static int is_mod(const struct names *N, const char *s, size_t len, int learned_only)
{
	size_t i;

	for (i = 0; i < N->nmods; i++)
		if (strlen(N->mods[i]) == len && !memcmp(N->mods[i], s, len))
			return 1;
	if (learned_only)
		return 0;
	for (i = 0; COMMON_MODS[i]; i++) {
		size_t k = strlen(COMMON_MODS[i]);

		if (k <= len && !memcmp(COMMON_MODS[i], s + len - k, k))
			return 1;
	}
	return 0;
}

static void learn_modifiers(struct names *N)
{
	const struct pw_lint *L = N->L;
	size_t li, sl = strlen(L->subject_short);

	for (li = 0; li < L->nlines; li++) {
		const char *s = L->lines[li].s, *p = s;

		while ((p = strstr(p, L->subject_short))) {
			size_t off = (size_t)(p - s), e, b = modifier_start(s, off, &e);

			p += sl;
			if (b == (size_t)-1 || e - b >= 16 || has_function_char(s + b, e - b))
				continue;
			if (!at_boundary(p) || pw_utf8_starts(p, L->subject_suffix))
				continue;
			if (is_mod(N, s + b, e - b, 1))
				continue;
			ALLOC_GROW(N->mods, N->nmods + 1, N->mods_alloc);
			memcpy(N->mods[N->nmods], s + b, e - b);
			N->mods[N->nmods++][e - b] = '\0';
		}
	}
}

/* ---- pass 2: slots ---- */

enum slot { SLOT_NONE, SLOT_SUFFIX, SLOT_SLOGAN, SLOT_COMPOUND, SLOT_AGENT, SLOT_BRAND, SLOT_TITLE,
	    SLOT_PARENT };

static int subject_says(const struct pw_lint *L, const char *cont)
{
	char buf[64];
	size_t li;

	if (strlen(L->subject_short) + strlen(cont) >= sizeof(buf))
		return 0;
	memcpy(buf, L->subject_short, strlen(L->subject_short));
	memcpy(buf + strlen(L->subject_short), cont, strlen(cont) + 1);
	for (li = 0; li < L->nlines; li++)
		if (strstr(L->lines[li].s, buf))
			return 1;
	return 0;
}

/* A division that could stand as the plan's agent in its place: same
 * level, same kind (区 for 区), not an ancestor, and a proper name (郏县, 卫东区;
 * not 城区 or 矿区, whose short form would be one character). */
static int is_agent_candidate(const struct pw_lint *L, const struct pw_gz *g)
{
	const char *a = L->subject->name, *b = g->name;
	size_t la = strlen(a), lb = strlen(b), pa = pw_lint_prev(a, la), pb = pw_lint_prev(b, lb);

	if (pw_gz_level(g) != pw_gz_level(L->subject) || pw_gz_is_ancestor(g, L->subject))
		return 0;
	if (la - pa != lb - pb || memcmp(a + pa, b + pb, la - pa))
		return 0;
	return *g->short_name || pw_utf8_starts(b + pb, "县") || pw_utf8_starts(b + pb, "市") ||
	       pw_utf8_starts(b + pb, "旗");
}

/* Another city or province leading the plan where its own parent does:
 * 落实许昌市委决策部署, 在许昌市委的领导下 in a district of 平顶山市. */
static const struct pw_gz *parent_slot(const struct pw_lint *L, const struct hit *h, const char *s)
{
	static const char *const BEFORE[] = { "落实", "贯彻", "按照", "根据", "中共", "在", NULL };
	const struct pw_gz *a;
	const char *after = s + h->off + h->len;
	size_t k;

	if (!L->subject || pw_gz_is_ancestor(h->g, L->subject) ||
	    !(pw_utf8_starts(after, "委") || pw_utf8_starts(after, "政府") ||
	      pw_utf8_starts(after, "人民政府")))
		return NULL;
	for (a = pw_gz_parent(L->subject); a; a = pw_gz_parent(a))
		if (pw_gz_level(a) == pw_gz_level(h->g))
			break;
	if (!a)
		return NULL;
	for (k = 0; BEFORE[k]; k++) {
		size_t n = strlen(BEFORE[k]);

		if (h->off >= n && !memcmp(s + h->off - n, BEFORE[k], n))
			return a;
	}
	return NULL;
}

static enum slot slot_of(struct names *N, const struct hit *h)
{
	static const char *const COMPOUND[] = { "新区", "老区", "新城", NULL };
	static const char *const BRAND[] = { "经验", "实践", "模式", "样板", "速度", NULL };
	static const char *const AGENT_AFTER[] = { "委", "政府", "国民经济", "要", "必须", "应", NULL };
	static const char *const AGENT_BEFORE[] = { "把", "使", "中共", NULL };
	struct pw_lint *L = N->L;
	const char *s = L->lines[h->li].s, *after = s + h->off + h->len;
	size_t e, b, k;
	char name[64];

	if (h->len + 8 >= sizeof(name))
		return SLOT_NONE;
	memcpy(name, s + h->off, h->len);
	name[h->len] = '\0';
	if (h->g && !h->is_short) {
		/* a full division name: the title, or the agent of the plan */
		if (pw_gz_level(h->g) >= 2 && !pw_gz_is_ancestor(h->g, L->subject) &&
		    is_title_line(N, (size_t)h->li) && strstr(s, "纲要"))
			return SLOT_TITLE;
		if (parent_slot(L, h, s))
			return SLOT_PARENT;
		if (L->subject && is_agent_candidate(L, h->g)) {
			if (starts_any(after, AGENT_AFTER))
				return SLOT_AGENT;
			for (k = 0; AGENT_BEFORE[k]; k++) {
				size_t n = strlen(AGENT_BEFORE[k]);

				if (h->off >= n && !memcmp(s + h->off - n, AGENT_BEFORE[k], n))
					return SLOT_AGENT;
			}
		}
		if (!h->similar)
			return SLOT_NONE;
		/* 郏县 in a plan of 叶县: a full name one character away, on to
		 * the slogan and brand slots */
	}
	if (!h->g && !h->similar)
		return SLOT_NONE;
	if (*L->subject_suffix && pw_utf8_starts(after, L->subject_suffix) &&
	    !pw_utf8_starts(after + strlen(L->subject_suffix), "域") &&
	    !pw_utf8_starts(after + strlen(L->subject_suffix), "间")) {
		const struct pw_gz *real;

		memcpy(name + h->len, L->subject_suffix, strlen(L->subject_suffix) + 1);
		if (!pw_gz_find(name, &real, 1))
			return SLOT_SUFFIX;
		name[h->len] = '\0';
	}
	for (k = 0; COMPOUND[k]; k++)
		if (pw_utf8_starts(after, COMPOUND[k]) && subject_says(L, COMPOUND[k]))
			return SLOT_COMPOUND;
	b = modifier_start(s, h->off, &e);
	if (b != (size_t)-1 && at_boundary(after) &&
	    (is_mod(N, s + b, e - b, 1) || (h->similar && is_mod(N, s + b, e - b, 0))))
		return SLOT_SLOGAN;
	if (h->similar && h->off >= 3 && pw_utf8_starts(s + h->off - 3, "“") &&
	    (k = starts_any(after, BRAND)) && pw_utf8_starts(after + k, "”"))
		return SLOT_BRAND;
	return SLOT_NONE;
}

static int is_established(const struct names *N, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < N->nest; i++)
		if (strlen(N->established[i]) == len && !memcmp(N->established[i], s, len))
			return 1;
	return 0;
}

/* Is the hit plainly the other place: 漯河市, 淮河路, or in a list of
 * places (郑州、漯河、许昌)? */
static int other_place_context(const struct names *N, size_t i)
{
	const struct hit *h = &N->hits[i];
	const char *s = N->L->lines[h->li].s;

	if (starts_any(s + h->off + h->len, OTHER_PLACE_AFTER))
		return 1;
	if (h->off >= 3 && pw_utf8_starts(s + h->off - 3, "、"))
		return 1;
	return 0;
}

static void report_hit(struct names *N, const struct hit *h, enum slot slot)
{
	struct pw_lint *L = N->L;
	const char *s = L->lines[h->li].s;

	if (slot == SLOT_TITLE)
		pw_lint_report(L, "place-name", PW_LINT_ERROR, h->li + 1, h->off, h->len,
			       "the title names '%.*s', but the plan is about '%s'", (int)h->len,
			       s + h->off, L->subject_name);
	else if (slot == SLOT_PARENT)
		pw_lint_report(L, "place-name", PW_LINT_ERROR, h->li + 1, h->off, h->len,
			       "'%.*s' leads here, but '%s' is in '%s'", (int)h->len, s + h->off,
			       L->subject_name, parent_slot(L, h, s)->name);
	else
		pw_lint_report(L, "place-name", PW_LINT_ERROR, h->li + 1, h->off, h->len,
			       "'%.*s' where the plan's own name '%s' should stand", (int)h->len,
			       s + h->off, slot == SLOT_AGENT ? L->subject_name : L->subject_short);
}

static void check_hits(struct names *N)
{
	struct pw_lint *L = N->L;
	unsigned char *done = xcalloc(N->nhits + 1, 1);
	size_t i;

	for (i = 0; i < N->nhits; i++) {
		const struct hit *h = &N->hits[i];
		const char *s = L->lines[h->li].s + h->off;
		enum slot slot;

		/* its own ancestors and its own districts are the plan's places */
		if ((h->g && (pw_gz_is_ancestor(h->g, L->subject) ||
			      (L->subject && pw_gz_is_ancestor(L->subject, h->g)))) ||
		    is_allowed(N, s, h->len) ||
		    (strlen(L->subject_short) == h->len && !memcmp(s, L->subject_short, h->len)) ||
		    !strncmp(s, L->subject_name, strlen(L->subject_name)))
			continue;
		slot = slot_of(N, h);
		if (slot == SLOT_NONE)
			continue;
		done[i] = 1;
		report_hit(N, h, slot);
		if (h->g && h->similar && !is_established(N, s, h->len)) {
			ALLOC_GROW(N->established, N->nest + 1, N->est_alloc);
			N->established[N->nest++] = xstrndup(s, h->len);
		}
	}
	for (i = 0; i < N->nhits && N->nest; i++) {
		const struct hit *h = &N->hits[i];

		if (done[i] || !h->similar || !h->g ||
		    !is_established(N, L->lines[h->li].s + h->off, h->len) || other_place_context(N, i))
			continue;
		report_hit(N, h, SLOT_SLOGAN);
	}
	free(done);
}

const struct pw_gz *pw_lint_region(const struct pw_doc *d, const struct pw_plan *p)
{
	struct pw_lint L;
	struct names N = { .L = &L };
	const struct pw_gz *g;
	size_t i;

	pw_lint_init(&L, d, p);
	N.title = xcalloc(L.nlines + 1, 1);
	for (i = 0; i < L.nlines; i++)
		N.title[i] = L.lines[i].kind != PW_LK_BLANK && (unsigned char)title_in(&L, i);
	collect_hits(&N);
	infer_subject(&N);
	g = L.subject;
	free(N.hits);
	free(N.title);
	pw_lint_release(&L);
	return g;
}

void pw_lint_names(struct pw_lint *L)
{
	struct names N = { .L = L };
	size_t i;

	if (!pw_gz_count)
		return; /* built without the data package: cmd_lint says so */
	N.title = xcalloc(L->nlines + 1, 1);
	for (i = 0; i < L->nlines; i++)
		N.title[i] = L->lines[i].kind != PW_LK_BLANK && (unsigned char)title_in(L, i);
	collect_hits(&N); /* subject unknown yet: division names only */
	infer_subject(&N);
	if (!*L->subject_short) {
		free(N.hits);
		free(N.title);
		return;
	}
	N.slen = pw_utf8_columns(L->subject_short, strlen(L->subject_short));
	N.nhits = 0;
	collect_hits(&N);
	learn_modifiers(&N);
	check_hits(&N);
	for (i = 0; i < N.nest; i++)
		free(N.established[i]);
	free(N.established);
	free(N.mods);
	free(N.hits);
	free(N.title);
}
