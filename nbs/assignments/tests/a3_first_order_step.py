from otter.test_files import test_case

OK_FORMAT = False

name = "a3_first_order_step"
points = 5

@test_case(points=1, hidden=False)
def test_public_checks(first_order_step):
    from ser_darts.grading import check_first_order_step
    feedback = check_first_order_step(first_order_step)
    assert feedback.passed, str(feedback)

