from otter.test_files import test_case

OK_FORMAT = False

name = "a4_results_table"
points = 3

@test_case(points=1, hidden=False)
def test_public_checks(results_table, run_dir):
    from ser_darts.grading import check_experiment
    feedback = check_experiment(results_table, run_dir)
    assert feedback.passed, str(feedback)

