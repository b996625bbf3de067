/*
 * assess_all.c - times a full re-assessment of every plan in a database
 * for `make bench` (bench/bench-assess.sh):
 *
 *   assess_all DB [--year Y] [--threads N] [--per-plan]
 *
 * By default every plan's current version is evaluated through the bulk
 * path (pw_bulk_eval_all(), eval/gather.h) on N threads (1); --per-plan
 * evaluates plan after
 * plan with pw_eval_from_store(), as `assess --db` does, for comparison.
 * Prints one line of figures (plans, indicators, prose targets,
 * observations used, seconds, peak RSS) and the count of indicators by
 * status on standard output.
 */
#include "eval/evaluation.h"
#include "eval/gather.h"
#include "store/store.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct tally {
	long plans, indicators, targets, observations;
	long by_status[PW_EVAL_NSTATUS];
	long warnings;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count(void *ctx, int plan_id, const struct pw_evaluation *ev)
{
	struct tally *t = ctx;
	size_t i;

	(void)plan_id;
	t->plans++;
	for (i = 0; i < ev->ninds; i++) {
		t->indicators++;
		t->observations += (long)ev->inds[i].nobs;
		t->by_status[ev->inds[i].a.status]++;
		t->warnings += ev->inds[i].a.warning;
	}
	t->targets += (long)ev->ntargets;
	return 0;
}

static int per_plan(struct pw_store *s, const struct pw_eval_opts *o, struct tally *t)
{
	struct pw_plan_info *plans;
	size_t n, i;
	int rc = pw_store_list_plans(s, &plans, &n);

	for (i = 0; rc == 0 && i < n; i++) {
		struct pw_evaluation ev;

		rc = pw_eval_from_store(s, plans[i].id, 0, o, &ev);
		if (rc == 0) {
			rc = count(t, plans[i].id, &ev);
			pw_eval_release(&ev);
		}
	}
	pw_plan_info_free_array(plans, n);
	return rc;
}

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	struct pw_eval_opts o;
	struct tally t;
	struct pw_store *s;
	const char *db = NULL;
	int i, rc, by_plan = 0, threads = 1;
	double t0, secs;

	pw_eval_opts_init(&o);
	memset(&t, 0, sizeof(t));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--year") && i + 1 < argc)
			o.year = (int)strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			threads = (int)strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--per-plan"))
			by_plan = 1;
		else if (argv[i][0] != '-')
			db = argv[i];
		else
			pw_die(PW_EXIT_USAGE, "usage: assess_all DB [--year Y] [--threads N] [--per-plan]");
	}
	if (!db)
		pw_die(PW_EXIT_USAGE, "usage: assess_all DB [--year Y] [--threads N] [--per-plan]");
	t0 = now();
	if (pw_store_open(&s, db) < 0)
		return PW_EXIT_DB;
	rc = by_plan ? per_plan(s, &o, &t) : pw_bulk_eval_all(s, &o, threads, count, &t, NULL);
	pw_store_close(s);
	secs = now() - t0;
	if (rc < 0)
		return PW_EXIT_DB;
	printf("plans=%ld indicators=%ld prose=%ld observations=%ld seconds=%.3f peak_rss_mb=%.1f\n",
	       t.plans, t.indicators, t.targets, t.observations, secs, peak_rss_kb() / 1024.0);
	for (i = 0; i < PW_EVAL_NSTATUS; i++)
		printf("%s%s=%ld", i ? " " : "", pw_status_name((enum pw_status)i), t.by_status[i]);
	printf(" warnings=%ld\n", t.warnings);
	return 0;
}
