from otter.test_files import test_case

OK_FORMAT = False

name = "a2_new_operation"
points = 3

@test_case(points=1, hidden=False)
def test_public_checks(make_my_op, my_primitives):
    from ser_darts.grading import check_new_operation
    feedback = check_new_operation(make_my_op, my_primitives)
    assert feedback.passed, str(feedback)

