"""Every figure's alternative text reaches the HTML a reader gets from nbconvert.

The notebooks attach a one-sentence description to every image output (the
``alt`` of its ``image/png`` metadata, through ``nn_helpers.plotting.show``).
nbconvert's ``classic`` HTML template writes it into the ``<img>`` tag. The
default ``lab`` template (nbconvert 7), like JupyterLab 4, ignores it, so each
output also holds the figure as HTML, an ``<img>`` with the same text
(``plotting.figure_bundle``), which both prefer. JupyterLab and Notebook 7 are
checked in a browser by tests/test_browser.py, the website by tests/test_site.py.
"""
import html
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from nn_helpers.plotting import check_alt

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def image_alts(nb):
    """The alt texts in the image outputs' metadata, in order."""
    return [output.get("metadata", {}).get("image/png", {}).get("alt")
            for cell in nb.cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]


@pytest.mark.parametrize("template", ["lab", "classic"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_of_the_nbconvert_html_carries_its_alternative_text(path, template):
    nb = nbformat.read(path, as_version=4)
    expected = image_alts(nb)
    assert expected, f"{path.name} has no figure"
    for alt in expected:
        assert alt is not None, f"{path.name}: an image output without alternative text"
        check_alt(alt)                                   # a sentence, not 'Image' or '<Figure ...>'
    page, _ = HTMLExporter(template_name=template).from_notebook_node(nb)
    images = [tag for tag in re.findall(r"<img\s[^>]*>", page) if 'src="data:image/png;base64,' in tag]
    shown = [html.unescape(alt.group(1)) if (alt := re.search(r'\salt="([^"]*)"', tag)) else None for tag in images]
    assert shown == expected
