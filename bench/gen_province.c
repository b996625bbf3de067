/*
 * gen_province.c - writes a generated province into a new database for
 * `make bench` (bench/bench-assess.sh):
 *
 *   gen_province DB [--plans N] [--indicators M] [--years Y] [--prose P]
 *                   [--seed S] [--chunk C] [--review]
 *
 * --review enters every value one by one, submitted then approved (the
 * way `data import --state approved` does), instead of bulk-loading the
 * approved history.
 * Prints one line "plans=N indicators=... observations=... approved=...
 * corrected=... externals=... seconds=T" on standard output.  The data
 * model is described in bench/gen.h.
 */
#include "gen.h"

#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long number(const char *opt, const char *v)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : -1;

	if (!v || *end || n < 0)
		pw_die(PW_EXIT_USAGE, "option '%s' needs a number", opt);
	return n;
}

static void parse(int argc, char **argv, struct gen_opts *o, const char **db)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (a[0] != '-') {
			*db = a;
			continue;
		}
		if (!strcmp(a, "--review")) {
			o->review = 1;
			continue;
		}
		if (!strcmp(a, "--plans"))
			o->plans = (int)number(a, v);
		else if (!strcmp(a, "--indicators"))
			o->indicators = (int)number(a, v);
		else if (!strcmp(a, "--years"))
			o->years = (int)number(a, v);
		else if (!strcmp(a, "--prose"))
			o->prose = (int)number(a, v);
		else if (!strcmp(a, "--seed"))
			o->seed = (uint64_t)number(a, v);
		else if (!strcmp(a, "--chunk"))
			o->chunk = (int)number(a, v);
		else
			pw_die(PW_EXIT_USAGE, "unknown option '%s'", a);
		i++;
	}
	if (!*db)
		pw_die(PW_EXIT_USAGE, "usage: gen_province DB [--plans N] [--indicators M] "
				      "[--years Y] [--prose P] [--seed S] [--chunk C] [--review]");
}

int main(int argc, char **argv)
{
	struct gen_opts o;
	struct gen_stats st;
	struct pw_store *s;
	const char *db = NULL;
	double t0;

	gen_opts_init(&o);
	parse(argc, argv, &o, &db);
	if (access(db, F_OK) == 0)
		pw_die(PW_EXIT_USAGE, "database '%s' exists: the generator wants a new one", db);
	t0 = now();
	if (pw_store_open(&s, db) < 0)
		return PW_EXIT_DB;
	if (gen_province(s, &o, &st) < 0) {
		pw_store_close(s);
		return PW_EXIT_DB;
	}
	pw_store_close(s);
	printf("plans=%ld indicators=%ld prose=%ld observations=%ld approved=%ld corrected=%ld "
	       "externals=%ld seconds=%.2f\n", st.plans, st.indicators, st.prose, st.observations,
	       st.approved, st.corrected, st.externals, now() - t0);
	return 0;
}
