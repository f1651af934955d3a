from otter.test_files import test_case

OK_FORMAT = False

name = "a4_paired"
points = 2

@test_case(points=1, hidden=False)
def test_public_checks(paired_differences):
    from ser_darts.grading import check_paired_differences
    feedback = check_paired_differences(paired_differences)
    assert feedback.passed, str(feedback)

