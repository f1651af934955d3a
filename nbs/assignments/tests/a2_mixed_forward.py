from otter.test_files import test_case

OK_FORMAT = False

name = "a2_mixed_forward"
points = 3

@test_case(points=1, hidden=False)
def test_public_checks(mixed_forward):
    from ser_darts.grading import check_mixed_forward
    feedback = check_mixed_forward(mixed_forward)
    assert feedback.passed, str(feedback)

