"""The book's website, read the way a reader with no network reads it.

Serves the built site (README, "The book as a website": `_build/html`, or the folder in
$BFS_SITE) on 127.0.0.1, blocks every request to any other address, opens every page in
headless Chromium and fails a page on:

- a request that leaves the site (the site must work offline: MathJax, fonts, scripts and
  images are served by the site itself; links to Colab, Binder and GitHub are only links);
- raw TeX left in the text (maths that MathJax did not typeset);
- a local image that does not load, that lacks real alternative text (a sentence, not a
  file name, "Image" or "<Figure size ...>"), or a figure that is not opaque (it must stay
  readable in the dark theme);
- a console error or an uncaught exception in the page;
- a broken internal link (a missing page, or a missing #anchor on an existing page);
- a page of the book without its "Report a problem with this page" link (a new issue on the
  repository of pyproject.toml, the page's name in its title) or without the version;
- an axe-core violation of impact "serious" or "critical" under the WCAG 2.0/2.1 A and AA
  rules (axe-core as bundled by the PyPI package axe-playwright-python), a colour-contrast
  violation in the dark theme, and headings out of order (no h1, a skipped level, an empty
  heading: axe's best-practice heading rules, at any impact);
- text in highlighted code or program output below WCAG AA's contrast of 4.5:1, in either
  theme. There the text colours are read from the page and checked with WCAG's formula
  (``code_contrast_problems``) instead of by axe's contrast rule, which is left to the rest of
  the page: the code's thousands of colouring spans took axe most of a page's minute.

Without a built site, Playwright, axe-playwright-python or Chromium the tests are skipped
with the reason; with CI=true that is a failure instead.
"""
import functools
import importlib.util
import http.server
import os
import re
import shutil
import socketserver
import tempfile
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
# The same browser as the playground tests: Chromium from $BFS_CHROMIUM, the PATH or the usual places.
from test_browser import CHROMIUM_ARGS, find_chromium, in_ci

# Every test here reads the built site: `pytest -m "not site"` leaves them out where no site is built.
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("sync_links", ROOT / "tools" / "sync_links.py")
sync_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync_links)
SITE = Path(os.environ.get("BFS_SITE") or ROOT / "_build" / "html")
BUILD_HINT = ("the website is not built: run the command under \"The book as a website\" in README.md "
              "(it writes _build/html), or point BFS_SITE at a built site")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HEADING_RULES = ["page-has-heading-one", "heading-order", "empty-heading"]
# axe's colour-contrast rule on everything but highlighted code and outputs (see CODE below).
CONTRAST_JS = ("async (code) => await axe.run({exclude: [[code]]}, {runOnly: {type: 'rule', values: "
               "['color-contrast']}, resultTypes: ['violations'], preload: false})")
BAD_IMPACTS = ("serious", "critical")

# TeX that survived typesetting: a control word such as \frac or \mathbf, or a $$ pair.
RAW_TEX = re.compile(r"\\(?:[A-Za-z]{2,})\b|\$\$")
# Alternative text that describes nothing.
USELESS_ALT = re.compile(r"^(?:image|figure|plot|graph|picture|img|output|png)\W*$"
                         r"|^<Figure size|\.(?:png|jpe?g|svg|gif)$|^[0-9a-f]{16,}", re.I)


def unavailable(reason):
    if in_ci():
        pytest.fail(f"CI=true but the website test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def site_pages():
    """Every HTML page of the built site, as paths relative to its root ([] if not built)."""
    if not (SITE / "index.html").exists():
        return []
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if not p.relative_to(SITE).parts[0].startswith("_"))


PAGES = site_pages()


# ------------------------------------------------------------------ fixtures

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """The built site on http://127.0.0.1:PORT (a thread of this process)."""
    if not PAGES:
        unavailable(BUILD_HINT)
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def axe_script():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("axe-playwright-python is not installed (pip install playwright axe-playwright-python)")
    return Axe().axe_script


@pytest.fixture(scope="module")
def browser(server, axe_script):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install playwright axe-playwright-python)")
    executable = find_chromium()
    playwright = sync_playwright().start()
    if executable is None and not Path(playwright.chromium.executable_path).exists():
        playwright.stop()
        unavailable("no Chromium found (apt install chromium, brew install --cask chromium, "
                    "or `playwright install chromium`; or set BFS_CHROMIUM)")
    home = Path(tempfile.mkdtemp(prefix="bfs-site-chromium-"))
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS, env=env)
    yield browser
    browser.close()
    playwright.stop()
    shutil.rmtree(home, ignore_errors=True)


@functools.lru_cache(maxsize=None)
def _fetch(url):
    """(status, body) of a page of the local site."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


def _has_anchor(html, fragment):
    fragment = urllib.parse.unquote(fragment)
    return re.search(r'\b(?:id|name)="' + re.escape(fragment) + '"', html) is not None


# --------------------------------------------------------- in-page checks (JS)

# Runs in the page once MathJax is done: what a reader would see that is wrong.
PAGE_CHECKS_JS = r"""
async () => {
  const out = {untypeset: [], texts: [], images: [], links: []};
  // Maths that MathJax did not turn into an mjx-container.
  for (const el of document.querySelectorAll('.math')) {
    if (!el.querySelector('mjx-container')) out.untypeset.push(el.textContent.trim().slice(0, 80));
  }
  // The text a reader sees, without code and program output (where a backslash may be real).
  const article = document.querySelector('main') || document.body;
  const clone = article.cloneNode(true);
  for (const el of clone.querySelectorAll('pre, code, script, style, mjx-container, .highlight')) el.remove();
  out.texts.push(clone.textContent);
  // Images: loaded? alt text? opaque (readable on a dark page)?
  for (const img of document.querySelectorAll('img')) {
    if (img.complete && img.naturalWidth === 0) await new Promise(r => setTimeout(r, 0));
    try { await img.decode(); } catch (e) {}
    const local = new URL(img.currentSrc || img.src, location.href).origin === location.origin;
    const info = {src: img.getAttribute('src'), alt: img.getAttribute('alt'), local,
                  loaded: img.complete && img.naturalWidth > 0,
                  decorative: img.getAttribute('alt') === '' &&
                              (img.getAttribute('role') === 'presentation' || img.getAttribute('aria-hidden') === 'true'),
                  inContent: !!img.closest('.cell_output, figure, section'), minAlpha: null};
    if (local && info.loaded && info.inContent) {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let min = 255;
      for (let i = 3; i < data.length; i += 4) if (data[i] < min) { min = data[i]; if (min === 0) break; }
      info.minAlpha = min;
    }
    out.images.push(info);
  }
  for (const a of document.querySelectorAll('a[href]')) out.links.push(a.href);
  const report = document.querySelector('.bfs-report a');
  const h1 = document.querySelector('main h1');
  out.report = report ? report.href : null;
  out.h1 = h1 ? h1.textContent.replace(/#$/, '').trim() : null;
  out.footer = (document.querySelector('.bfs-footer') || {}).textContent || '';
  // Answer cells (tagged `exercise`) outside an exercise box.
  out.looseExercises = [...document.querySelectorAll('.cell.tag_exercise')].filter(c => !c.closest('.bfs-exercise')).length;
  return out;
}
"""

# Highlighted code and text outputs (div.highlight) hold most of a page's elements: page 04 has
# about 18,900 DOM nodes, nearly all of them syntax-colouring spans, and axe's colour-contrast rule
# took most of a page's minute on them. Their colours are checked here instead, in both themes:
# every element that holds text, its colour (with its alpha and opacity) composited over the first
# opaque background behind it, each distinct pair once, with WCAG's formula.
CODE = "div.highlight"
CODE_COLOURS_JS = r"""
(selector) => {
  const rgba = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  const behind = new Map();
  const background = (el) => {               // the colour behind el's text: its backgrounds down to an opaque one
    if (!el || el.nodeType !== 1) return [255, 255, 255];
    if (behind.has(el)) return behind.get(el);
    const own = rgba(getComputedStyle(el).backgroundColor) || [0, 0, 0, 0];
    const colour = own[3] >= 1 ? own.slice(0, 3) : over(own, background(el.parentElement));
    behind.set(el, colour);
    return colour;
  };
  const pairs = new Map();
  for (const block of document.querySelectorAll(selector)) {
    for (const el of [block, ...block.querySelectorAll('*')]) {
      const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const fg = rgba(style.color);
      fg[3] *= Number(style.opacity);
      const bg = background(el);
      const key = JSON.stringify([fg, bg]);
      if (!pairs.has(key)) pairs.set(key, {fg, bg, count: 0, example: text.slice(0, 30),
                                           element: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')});
      pairs.get(key).count += 1;
    }
  }
  return [...pairs.values()];
}
"""


def luminance(rgb):
    """WCAG 2.1 relative luminance of an sRGB colour given as 0..255 channels."""
    channels = [c / 255 for c in rgb]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background):
    """WCAG contrast ratio of text colour ``foreground`` (r, g, b, alpha) over opaque ``background`` (r, g, b)."""
    fg = [c * foreground[3] + b * (1 - foreground[3]) for c, b in zip(foreground[:3], background)]
    light, dark = sorted((luminance(fg), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def code_contrast_problems(page, theme):
    """Sentences for the text colours in highlighted code and outputs below WCAG AA's 4.5:1."""
    problems = []
    for pair in page.evaluate(CODE_COLOURS_JS, CODE):
        ratio = contrast_ratio(pair["fg"], pair["bg"])
        if ratio < 4.5:
            hex_of = lambda c: "#" + "".join(f"{round(v):02x}" for v in c[:3])
            problems.append(f"code text in the {theme} theme with contrast {ratio:.2f}:1 (below 4.5:1): "
                            f"{hex_of(pair['fg'])} on {hex_of(pair['bg'])}, on {pair['count']} element(s), "
                            f"e.g. {pair['example']!r} ({pair['element']})")
    return problems


def check_page(browser, server, axe_script, page_path):
    """Everything wrong with one page of the site, as a list of readable sentences."""
    problems = []
    context = browser.new_context()
    outside = []

    def route(route):
        url = route.request.url
        if url.startswith(server + "/") or url == server or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    console_errors = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: console_errors.append(f"uncaught: {err}"))
    missing = []
    page.on("response", lambda r: missing.append(f"{r.status} {r.url[len(server):]}") if r.status >= 400 else None)
    try:
        response = page.goto(f"{server}/{page_path}", wait_until="load")
        if response is None or response.status != 200:
            return [f"the page did not load (HTTP {response.status if response else 'no response'})"]
        refresh = re.search(r'http-equiv="refresh"[^>]*url=([^"\s]+)"', (SITE / page_path).read_text(encoding="utf-8"), re.I)
        if refresh:  # a redirect page (the site's index.html): follow it, then check where it lands
            target = urllib.parse.urljoin(f"{server}/{page_path}", refresh.group(1))
            page.wait_for_url(target, timeout=10_000)
            page.wait_for_load_state("load")
        # Wait for MathJax (served by the site) to finish typesetting, where the page uses it.
        page.evaluate("""async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
        }""")
        found = page.evaluate(PAGE_CHECKS_JS)

        if found["untypeset"]:
            problems.append(f"{len(found['untypeset'])} formula(s) not typeset (raw TeX shown), e.g. "
                            + ", ".join(repr(tex) for tex in found["untypeset"][:2]))
        for text in found["texts"]:
            for match in RAW_TEX.finditer(text):
                start = max(match.start() - 30, 0)
                problems.append(f"raw TeX in the text: {text[start:match.end() + 30]!r}")
                break

        for img in found["images"]:
            name = img["src"]
            if not img["local"]:
                continue  # blocked and reported as an outside request
            if not img["loaded"]:
                problems.append(f"image does not load: {name}")
            alt = (img["alt"] or "").strip()
            if not img["inContent"]:
                # The theme's own icons (the Colab and Binder logos of the launch menu): a name is enough.
                if not alt and not img["decorative"]:
                    problems.append(f"icon without alt text: {name}")
                continue
            if not alt:
                problems.append(f"image without alt text: {name}")
            elif USELESS_ALT.search(alt) or len(alt.split()) < 3:
                problems.append(f"image whose alt text describes nothing ({alt!r}): {name}")
            if img["minAlpha"] is not None and img["minAlpha"] < 255:
                problems.append(f"figure with a transparent background (unreadable in the dark theme): {name}")

        if found["h1"] and page_path not in ("search.html", "genindex.html"):  # a page of the book
            wanted = sync_links.repository_url() + "/issues/new?title="
            title = urllib.parse.unquote(found["report"].split("title=", 1)[1].split("&")[0]) if found["report"] else ""
            if not (found["report"] or "").startswith(wanted) or found["h1"] not in title:
                problems.append(f"no 'Report a problem with this page' link to {wanted}... with the page's name "
                                f"({found['h1']!r}) in the issue's title: {found['report']}")

        version = sync_links.project_version()
        if f"version {version}" not in " ".join(found["footer"].split()):
            problems.append(f"the footer does not show the book's version {version}")
        if found["looseExercises"]:
            problems.append(f"{found['looseExercises']} answer cell(s) tagged `exercise` outside an exercise box "
                            "(the statement must start with bold \"Exercise ...\" right before them)")

        for href in sorted(set(found["links"])):
            if not href.startswith(server + "/"):
                continue
            target, _, fragment = href.partition("#")
            status, html = _fetch(target)
            if status != 200:
                problems.append(f"broken internal link (HTTP {status}): {href[len(server):]}")
            elif fragment and target.endswith(".html") and not _has_anchor(html, fragment):
                problems.append(f"broken internal link (no #{fragment} on that page): {href[len(server):]}")

        page.evaluate(axe_script)
        # Every WCAG rule on the whole page; colour contrast everywhere but in the code (checked below).
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
            "rules: {'color-contrast': {enabled: false}}, resultTypes: ['violations'], preload: false})",
            WCAG_TAGS)
        contrast = page.evaluate(CONTRAST_JS, CODE)
        for violation in results["violations"] + contrast["violations"]:
            if violation.get("impact") in BAD_IMPACTS:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
                problems.append(f"axe {violation['impact']}: {violation['id']} ({violation['help']}) "
                                f"on {len(violation['nodes'])} element(s), e.g. {targets}")
        problems += code_contrast_problems(page, "light")

        # Headings in order: one h1, no level skipped, none empty (axe's best-practice rules, any impact).
        results = page.evaluate(
            "async (rules) => await axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations'], preload: false})",
            HEADING_RULES)
        for violation in results["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            problems.append(f"axe {violation['id']} ({violation['help']}) on {len(violation['nodes'])} element(s), "
                            f"e.g. {targets}")

        # The dark theme (the theme switch in the header, or the reader's system setting): contrast again.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_timeout(200)
        results = page.evaluate(CONTRAST_JS, CODE)
        for violation in results["violations"]:
            if violation.get("impact") in BAD_IMPACTS:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
                problems.append(f"axe {violation['impact']} in the dark theme: {violation['id']} "
                                f"on {len(violation['nodes'])} element(s), e.g. {targets}")
        problems += code_contrast_problems(page, "dark")

        for message in console_errors:
            problems.append(f"console error: {message[:200]}")
        for item in missing:
            problems.append(f"a resource of the page is missing (HTTP {item})")
        for url in sorted(set(outside)):
            problems.append(f"request outside the site (blocked): {url[:120]}")
    finally:
        context.close()
    return problems


# --------------------------------------------------------------------- tests

@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES or ["(site not built)"])
def test_page_reads_offline_and_accessibly(browser, server, axe_script, page_path):
    problems = check_page(browser, server, axe_script, page_path)
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


def test_every_notebook_is_a_page_in_order():
    """The site has a page for every notebook, and its table of contents lists them in file order."""
    if not PAGES:
        unavailable(BUILD_HINT)
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    missing = [name for name in notebooks if f"notebooks/{name}.html" not in PAGES]
    assert not missing, f"notebooks without a page on the site (rebuild it?): {missing}"
    intro = (SITE / "book" / "intro.html").read_text(encoding="utf-8")
    sidebar = re.findall(r'href="(?:\.\./)?notebooks/([^".#]+)\.html"', intro)
    order = list(dict.fromkeys(sidebar))
    assert order == notebooks, f"the table of contents lists {order}, the notebooks are {notebooks}"


def test_every_notebook_page_launches_and_downloads():
    """Each notebook's page has Colab and Binder buttons for that notebook and a download of its .ipynb."""
    if not PAGES:
        unavailable(BUILD_HINT)
    url = sync_links.repository_url()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = f"notebooks/{path.name}"
        html = (SITE / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        for name, link in (("Colab", sync_links.colab_url(url, notebook)),
                           ("Binder", sync_links.binder_url(url, notebook)),
                           ("download", f"../_sources/{notebook}")):
            assert f'href="{link}"' in html, f"{path.stem}.html has no {name} link {link}"
        assert (SITE / "_sources" / notebook).exists(), f"the site does not serve {notebook} for download"


def offline_context(browser, server):
    """A browser context that reaches the site and nothing else."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                  else route.abort())
    return context


@pytest.mark.browser
def test_search_finds_a_chapter(browser, server):
    """The site's search (its own index, no network) finds the chapters that use a word."""
    context = offline_context(browser, server)
    page = context.new_page()
    try:
        page.goto(f"{server}/search.html?q=sympy", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    finally:
        context.close()
    assert any("/notebooks/" in hit for hit in hits), f"searching 'sympy' found no chapter: {hits}"


def test_reference_solutions_are_on_their_own_page_collapsed():
    """Every solutions/chNN.py has a section on the solutions page, its code in a closed drop-down."""
    if not PAGES:
        unavailable(BUILD_HINT)
    html = (SITE / "book" / "solutions.html").read_text(encoding="utf-8")
    for path in sorted((ROOT / "solutions").glob("ch*.py")):
        number = path.stem[2:]
        start = html.find(f'id="solutions-ch{number}"')
        assert start >= 0, f"the solutions page has no section for {path.name} (rebuild the site?)"
        details = re.search(r"<details([^>]*)>", html[start:])
        assert details and " open" not in details.group(1), f"{path.name} is not in a collapsed drop-down"
        end = html.find('id="solutions-ch', start + 1)
        section = html[start:end if end > 0 else len(html)]
        names = re.findall(r"^(?:def |class )?(\w+)\b(?=\(| =)", path.read_text(encoding="utf-8"), re.M)
        missing = [name for name in names if f">{name}<" not in section]
        assert names and not missing, f"{path.name}: {missing or 'its code'} not in its section of the solutions page"


def test_contrast_ratio_agrees_with_wcag_reference_values():
    """Hand values: black on white is 21:1; #767676 is the lightest grey that passes 4.5:1 on white
    (4.54:1) and #777777 just fails (4.48:1); half-transparent black over white is #808080 (3.95:1)."""
    white = (255, 255, 255)
    assert contrast_ratio((0, 0, 0, 1), white) == pytest.approx(21.0)
    assert contrast_ratio((0x76, 0x76, 0x76, 1), white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0x77, 0x77, 0x77, 1), white) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((0, 0, 0, 0.5), white) == pytest.approx(contrast_ratio((127.5,) * 3 + (1,), white))
    assert contrast_ratio((255, 255, 255, 1), (0, 0, 0)) == pytest.approx(21.0)


@pytest.mark.browser
def test_the_code_colour_check_sees_faint_code_in_either_theme(browser, server):
    """The check that stands in for axe's contrast rule in highlighted code: a faint keyword colour,
    injected into a real page, must be reported in the theme it is faint in, and only there."""
    page_path = next((p for p in PAGES if p.startswith("notebooks/")), None)
    if page_path is None:
        unavailable(BUILD_HINT)
    context = offline_context(browser, server)
    page = context.new_page()
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        assert code_contrast_problems(page, "light") == []
        page.add_style_tag(content='html[data-theme="light"] div.highlight .k { color: #bbbbbb !important; }')
        light = code_contrast_problems(page, "light")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_timeout(200)
        dark = code_contrast_problems(page, "dark")
        page.add_style_tag(content='html[data-theme="dark"] div.highlight .k { color: #303030 !important; }')
        dark_faint = code_contrast_problems(page, "dark")
    finally:
        context.close()
    assert len(light) == 1 and "#bbbbbb" in light[0], light
    assert dark == [], dark
    assert len(dark_faint) == 1 and "#303030" in dark_faint[0], dark_faint
