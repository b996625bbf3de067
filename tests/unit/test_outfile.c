/*
 * test_outfile.c - output files (util/outfile.h): commit replaces the
 * target whole and keeps its mode, abort and errors leave no temporary
 * file, the database and its side files are refused by name and through
 * links, a dead writer's temporary file is removed by the next write, and
 * SIGTERM removes a live one.
 */
#include "unit.h"
#include "util/error.h"
#include "util/outfile.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pw-outfile.XXXXXX");
	pw_error_quiet(1);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	pw_outfile_protect(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* dir/name into buf. */
static const char *in_dir(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
	return buf;
}

/* Entries of dir whose name contains "planwatch-tmp". */
static int temp_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strstr(e->d_name, "planwatch-tmp") != NULL;
	closedir(d);
	return n;
}

static void file_is(const char *path, const char *text)
{
	char buf[256] = { 0 };
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_true(fread(buf, 1, sizeof(buf) - 1, f) == strlen(text));
	fclose(f);
	assert_string_equal(buf, text);
}

static void test_commit_and_abort(void **state)
{
	char p[128];
	struct pw_outfile o;
	struct stat st;

	(void)state;
	in_dir(p, sizeof(p), "r.md");
	assert_int_equal(pw_outfile_write(p, "one", 3), 0);
	file_is(p, "one");
	chmod(p, 0600);
	assert_int_equal(pw_outfile_open(&o, p), 0);
	assert_int_equal(temp_files(), 1);
	fputs("two, half", o.f);
	pw_outfile_abort(&o);
	assert_int_equal(temp_files(), 0);
	file_is(p, "one");
	assert_int_equal(pw_outfile_open(&o, p), 0);
	fputs("three", o.f);
	file_is(p, "one"); /* nothing shows before the commit */
	assert_int_equal(pw_outfile_commit(&o), 0);
	file_is(p, "three");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(temp_files(), 0);
	/* a writer that takes a name */
	assert_int_equal(pw_outfile_open(&o, p), 0);
	pw_outfile_use_path(&o);
	{
		FILE *f = fopen(o.tmp, "wb");

		assert_non_null(f);
		fputs("four", f);
		fclose(f);
	}
	assert_int_equal(pw_outfile_commit(&o), 0);
	file_is(p, "four");
	/* a folder that does not exist: an error, nothing left */
	assert_int_equal(pw_outfile_write(in_dir(p, sizeof(p), "no/such.md"), "x", 1), -1);
	assert_int_equal(temp_files(), 0);
}

static void test_refuses_database(void **state)
{
	char db[128], p[128], rel[256];

	(void)state;
	in_dir(db, sizeof(db), "city.db");
	assert_int_equal(pw_outfile_write(db, "SQLite", 6), 0);
	pw_outfile_protect(db);
	assert_int_equal(pw_outfile_check(db), -1);
	assert_non_null(strstr(pw_last_error(), "city.db"));
	assert_int_equal(pw_outfile_check(in_dir(p, sizeof(p), "city.db-wal")), -1);
	assert_int_equal(pw_outfile_check(in_dir(p, sizeof(p), "city.db-shm")), -1);
	assert_int_equal(pw_outfile_check(in_dir(p, sizeof(p), "city.db-journal")), -1);
	snprintf(rel, sizeof(rel), "%s/./city.db", dir);
	assert_int_equal(pw_outfile_check(rel), -1);
	assert_int_equal(symlink(db, in_dir(p, sizeof(p), "link.md")), 0);
	assert_int_equal(pw_outfile_check(p), -1);
	assert_int_equal(pw_outfile_write(p, "report", 6), -1);
	assert_int_equal(link(db, in_dir(p, sizeof(p), "hard.md")), 0);
	assert_int_equal(pw_outfile_check(p), -1);
	file_is(db, "SQLite");
	assert_int_equal(pw_outfile_check(in_dir(p, sizeof(p), "city.db.md")), 0);
	assert_int_equal(pw_outfile_is_db(in_dir(p, sizeof(p), "hard.md"), db), 1);
	assert_int_equal(pw_outfile_is_db(in_dir(p, sizeof(p), "other.db"), db), 0);
	pw_outfile_protect(NULL);
	assert_int_equal(pw_outfile_check(db), 0);
}

static void test_stale_and_signal(void **state)
{
	char p[128], stale[256], live[256];
	FILE *f;
	pid_t pid;
	int status;

	(void)state;
	in_dir(p, sizeof(p), "t.csv");
	/* what a killed writer left: a pid that is gone, and one that lives */
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	snprintf(stale, sizeof(stale), "%s/.t.csv.planwatch-tmp-%ld-0", dir, (long)pid);
	snprintf(live, sizeof(live), "%s/.t.csv.planwatch-tmp-%ld-0", dir, (long)getppid());
	f = fopen(stale, "w");
	assert_non_null(f);
	fclose(f);
	f = fopen(live, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(pw_outfile_write(p, "a,b", 3), 0);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	unlink(live);
	/* SIGTERM in the middle of a write: the handler removes the file */
	pid = fork();
	if (pid == 0) {
		struct pw_outfile o;

		if (pw_outfile_open(&o, p) < 0)
			_exit(1);
		fputs("half", o.f);
		fflush(o.f);
		raise(SIGTERM);
		_exit(2);
	}
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	assert_int_equal(temp_files(), 0);
	/* an exit without commit (pw_die) removes it too */
	pid = fork();
	if (pid == 0) {
		struct pw_outfile o;

		if (pw_outfile_open(&o, p) < 0)
			_exit(1);
		exit(3);
	}
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	assert_int_equal(temp_files(), 0);
	file_is(p, "a,b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_and_signal, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
