"""The book's own Sphinx extension: what the website adds to the committed notebooks.

- Exercises: a paragraph that starts with bold text "Exercise ..." opens an exercise;
  it and what follows it, up to and including the reader's answer cell (the code cells
  tagged ``exercise`` after it, or else the first code cell after it), are wrapped in a
  box (``div.bfs-exercise``) that ends with a link to the chapter's reference solution.
  A section heading ends an exercise. (README.md, "The book as a website", says so too.)
- ``{reference-solutions}``: one section per ``solutions/chNN.py``, named after the
  notebook it belongs to, with the file in a collapsed drop-down (try first, then look).
- Every page ends with a "Report a problem with this page" link that opens a new issue
  on the repository with the page's name in the title, and the site's footer states the
  licences and the book's version. Both come from pyproject.toml (the repository
  address and the version), the one place they are written.
- Figures keep the alternative text stored with them in the notebook (MyST-NB would use
  the file name). A playground's output holds the live widget and its figure as a PNG:
  the page shows the PNG (book/_config.yml, nb_mime_priority_overrides); a widget output
  without a picture becomes a short note (its sliders need a live kernel).
"""
import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from sync_links import project_version, repository_url  # noqa: E402  (both read pyproject.toml)

SOLUTIONS_DOC = "book/solutions"
EXERCISE_START = re.compile(r"^Exercise\b")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def notebook_number(docname):
    """'01' for 'notebooks/01_single_neuron', else None."""
    match = re.match(r"notebooks/(\d+)_", docname)
    return match.group(1) if match else None


def notebook_title(path):
    """The text of a notebook's first '# ' heading (its page title)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return Path(path).stem


# ------------------------------------------------------------------ exercises

def _starts_exercise(node):
    if not isinstance(node, nodes.paragraph):
        return False
    # MyST may start a paragraph with an empty text node.
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.astext().strip())]
    return (bool(children) and isinstance(children[0], nodes.strong)
            and bool(EXERCISE_START.match(children[0].astext())))


def _is_code_cell(node):
    return isinstance(node, nodes.container) and "cell" in node.get("classes", [])


def _tagged_exercise(node):
    return _is_code_cell(node) and "tag_exercise" in node.get("classes", [])


def wrap_exercises(doctree, solution_uri):
    """Wrap every exercise (statement + answer cell) of a notebook page in a box.

    Returns the number of exercises found.
    """
    found = 0
    for parent in list(doctree.findall(nodes.Element)):
        children = list(parent.children)
        i = 0
        while i < len(children):
            if not _starts_exercise(children[i]):
                i += 1
                continue
            # The statement runs up to the first code cell (or a section / another exercise).
            j = i + 1
            while (j < len(children) and not _is_code_cell(children[j])
                   and not isinstance(children[j], nodes.section) and not _starts_exercise(children[j])):
                j += 1
            # Then the answer: consecutive cells tagged `exercise`, or else the one code cell.
            if j < len(children) and _tagged_exercise(children[j]):
                while j < len(children) and _tagged_exercise(children[j]):
                    j += 1
            elif j < len(children) and _is_code_cell(children[j]):
                j += 1
            box = nodes.container(classes=["bfs-exercise"])
            for child in children[i:j]:
                parent.remove(child)
                box += child
            if solution_uri:
                note = nodes.paragraph(classes=["bfs-exercise-solution"])
                note += nodes.Text("Tried it? Compare with the ")
                note += nodes.reference("", "reference solution", refuri=solution_uri, internal=True)
                note += nodes.Text(".")
                box += note
            parent.insert(i, box)
            children = list(parent.children)
            found += 1
            i += 1
    return found


def use_output_alt_text():
    """MyST-NB takes only width and height from an image output's metadata: take its alt text too.

    The book's figures carry a one-sentence description in the output metadata
    ({"image/png": {"alt": ...}}, set by nn_helpers.plotting.show); without this the page
    would use the image's file name as its alternative text.
    """
    from myst_nb.core.render import NbElementRenderer

    if getattr(NbElementRenderer.render_image, "_bfs_alt", False):
        return
    original = NbElementRenderer.render_image

    def render_image(self, data):
        result = original(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in result:
                if isinstance(node, nodes.image):
                    node["alt"] = str(alt)
        return result

    render_image._bfs_alt = True
    NbElementRenderer.render_image = render_image


def replace_widget_outputs(doctree):
    """Replace the (inert, script-only) ipywidgets views by a note that the page is static."""
    for node in list(doctree.findall(nodes.raw)):
        if WIDGET_MIME in node.astext() or WIDGET_MIME in " ".join(node.get("classes", [])):
            note = nodes.paragraph(classes=["bfs-playground-note"])
            note += nodes.Text("Playground: its controls move in a live notebook (launch this page "
                               "in Colab or Binder from the rocket button at the top, or run it in "
                               "JupyterLab).")
            node.replace_self(note)


def drop_widget_state(app, doctree):
    """The page has no widget manager (it would load from a CDN), so the state is dead weight."""
    metadata = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    js_files = metadata.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]


def on_doctree_resolved(app, doctree, docname):
    number = notebook_number(docname)
    if number is None:
        return
    replace_widget_outputs(doctree)
    solution_uri = None
    if (ROOT / "solutions" / f"ch{number}.py").exists():
        solution_uri = app.builder.get_relative_uri(docname, SOLUTIONS_DOC) + f"#solutions-ch{number}"
    wrap_exercises(doctree, solution_uri)


# ------------------------------------------------------- reference solutions

class ReferenceSolutions(SphinxDirective):
    """One section per solutions/chNN.py, each file in a collapsed drop-down."""

    has_content = False

    def run(self):
        lines = []
        for path in sorted((ROOT / "solutions").glob("ch*.py")):
            number = path.stem[2:]
            notebooks = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
            title = notebook_title(notebooks[0]) if notebooks else f"Notebook {number}"
            self.env.note_dependency(str(path))
            lines += [
                f"(solutions-ch{number})=",
                f"## {title}",
                "",
                f"`solutions/{path.name}`"
                + (f", the exercises of [notebook {number}](/{notebooks[0].relative_to(ROOT).with_suffix('')}.ipynb)."
                   if notebooks else "."),
                "",
                "````{dropdown} Show the reference solution",
                f"```{{literalinclude}} /solutions/{path.name}",
                ":language: python",
                "```",
                "````",
                "",
            ]
        container = nodes.container()
        self.state.nested_parse(lines, self.content_offset, container)
        return container.children


# ----------------------------------------------------- footer and report link

def on_config_inited(app, config):
    version = project_version()
    config.version = config.release = version
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (
        f'<p class="bfs-footer">Backprop from Scratch, version {version}. '
        'The text and figures are licensed under '
        '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>, the code '
        '(<code>nn_helpers</code>, tests, tools) under the '
        f'<a href="{repository_url()}/blob/main/LICENSE">MIT licence</a>. '
        'The handwritten digits are the UCI data set of E. Alpaydin and C. Kaynak (1998), CC BY 4.0, '
        'attributed in notebook 06.</p>'
    )
    config.html_theme_options = options


def report_url(repository, title, source):
    """A new-issue address on GitHub, pre-filled with the page's name (in the title) and its source file."""
    issue_title = f"Problem on page: {title}"
    body = (f"Page: {title}\n"
            f"Source: {source}\n\n"
            "What is wrong or unclear (quote the sentence, equation or figure):\n\n\n"
            "What you expected instead:\n")
    return f"{repository}/issues/new?title={quote(issue_title)}&body={quote(body)}"


def drop_thebe(app, pagename, templatename, context, doctree):
    """Jupyter Book 1 adds sphinx-thebe's scripts twice (a console error) and the book does not use
    live code on its pages (it would load thebe from a CDN): launching goes to Colab or Binder."""
    def is_thebe(asset):
        text = str(getattr(asset, "filename", asset) or "") + str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" in text.lower()
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def on_html_page_context(app, pagename, templatename, context, doctree):
    # pydata-sphinx-theme logs a console error for an empty mode: follow the reader's system.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    if doctree is None or "body" not in context:
        return
    title = re.sub(r"<[^>]+>", "", context.get("title", pagename))
    title = title.replace("&#8212;", "—").replace("&amp;", "&").strip()
    source = Path(app.env.doc2path(pagename)).relative_to(app.srcdir).as_posix()
    url = report_url(repository_url(), title, source)
    context["body"] += (
        '<p class="bfs-report"><a href="' + url + '">Report a problem with this page</a> '
        "(opens a pre-filled issue on GitHub)</p>"
    )


def setup(app):
    use_output_alt_text()
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-read", drop_widget_state)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-page-context", drop_thebe, priority=900)  # after the extensions added theirs
    app.add_directive("reference-solutions", ReferenceSolutions)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
