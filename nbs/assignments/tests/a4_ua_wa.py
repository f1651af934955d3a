from otter.test_files import test_case

OK_FORMAT = False

name = "a4_ua_wa"
points = 3

@test_case(points=1, hidden=False)
def test_public_checks(ua_wa, run_dir):
    from ser_darts.grading import check_ua_wa
    feedback = check_ua_wa(ua_wa, run_dir)
    assert feedback.passed, str(feedback)

