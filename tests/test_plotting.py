"""plotting.show: figures reach the reader as one PNG with real alternative text."""
from unittest import mock

import pytest
from matplotlib.figure import Figure

from nn_helpers import plotting


def _figure():
    fig = Figure(figsize=(2, 2))
    fig.subplots().plot([0, 1], [1, 0])
    return fig


def test_show_attaches_the_alt_text_to_the_png_output():
    with mock.patch("IPython.display.display") as display:
        plotting.show(_figure(), "A line falling from 1 to 0.")
    (image,), kwargs = display.call_args
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert kwargs["metadata"] == {"image/png": {"alt": "A line falling from 1 to 0."}}


def test_png_is_opaque_white_for_dark_themes():
    import io

    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(plotting.png_bytes(_figure())))
    assert pixels.shape[2] == 4 and pixels[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("alt", ["", "Image", "figure.", "<Figure size 200x200 with 1 Axes>", "a plot", None, 3])
def test_alt_text_that_describes_nothing_is_refused(alt):
    with pytest.raises(ValueError, match="alt"):
        plotting.show(_figure(), alt)
