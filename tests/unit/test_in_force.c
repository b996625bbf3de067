/*
 * test_in_force.c - the rules for what is in force (store/monitor.h):
 * lead unit by reporting year, external target, project progress.  The
 * store's lookups and the evaluation's gatherer both apply them, and
 * test_bulk.c and test_monitor.c check those on stored data.
 */
#include "unit.h"
#include "store/monitor.h"

static void test_lead(void **state)
{
	(void)state;
	/* assigned for every year: in force in any year */
	assert_true(pw_lead_in_force(5, 0, 2023, 0));
	assert_true(pw_lead_in_force(5, 0, 0, 0));
	/* from 2024 on: not yet in 2023, in force in 2024 and when asked for
	 * the latest */
	assert_false(pw_lead_in_force(5, 2024, 2023, 0));
	assert_true(pw_lead_in_force(5, 2024, 2024, 0));
	assert_true(pw_lead_in_force(5, 2024, 0, 0));
	/* the one assigned last wins, whatever its year */
	assert_true(pw_lead_in_force(6, 2021, 2023, 5));
	assert_false(pw_lead_in_force(4, 0, 2023, 5));
}

static void test_external(void **state)
{
	(void)state;
	assert_true(pw_external_in_force(3, 0));
	assert_true(pw_external_in_force(9, 3));
	assert_false(pw_external_in_force(2, 3));
}

static void test_progress(void **state)
{
	(void)state;
	assert_true(pw_progress_in_force(7, 2022, 2023, 0, 0));
	/* after the year asked for: never */
	assert_false(pw_progress_in_force(7, 2024, 2023, 0, 0));
	assert_true(pw_progress_in_force(7, 2024, 0, 0, 0));
	/* a later year wins over a later entry of an earlier year */
	assert_true(pw_progress_in_force(3, 2023, 2025, 9, 2022));
	assert_false(pw_progress_in_force(9, 2022, 2025, 3, 2023));
	/* of one year, the one entered last */
	assert_true(pw_progress_in_force(10, 2023, 2025, 9, 2023));
	assert_false(pw_progress_in_force(8, 2023, 2025, 9, 2023));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead),
		cmocka_unit_test(test_external),
		cmocka_unit_test(test_progress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
