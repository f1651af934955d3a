from otter.test_files import test_case

OK_FORMAT = False

name = "a1_padding_columns"
points = 3

@test_case(points=1, hidden=False)
def test_public_checks(padding_columns):
    from ser_darts.grading import check_padding_columns
    feedback = check_padding_columns(padding_columns)
    assert feedback.passed, str(feedback)

