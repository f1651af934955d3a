from otter.test_files import test_case

OK_FORMAT = False

name = "a1_mfcc_image"
points = 4

@test_case(points=1, hidden=False)
def test_public_checks(my_mfcc_image):
    from ser_darts.grading import check_mfcc_image
    feedback = check_mfcc_image(my_mfcc_image)
    assert feedback.passed, str(feedback)

