from otter.test_files import test_case

OK_FORMAT = False

name = "a2_edge_weights"
points = 2

@test_case(points=1, hidden=False)
def test_public_checks(edge_weights):
    from ser_darts.grading import check_edge_weights
    feedback = check_edge_weights(edge_weights)
    assert feedback.passed, str(feedback)

