"""Run the README's commands as written, in a fresh clone, the way a new reader would.

Takes the bash blocks of README.md's "Quick start" section and of the section whose
heading contains "website", and runs them in order in one bash session inside an empty
folder. Only what cannot work in a test is changed, and said:

- `git clone <address>` clones this checkout instead of the address (CI has no network
  to GitHub); the folder name stays the one the README's `cd` expects;
- the command that starts JupyterLab runs in the background until it opens the first
  notebook in "the browser" (a script in $BROWSER that notes the address, which is then
  fetched), then it is stopped (its settings go to a temporary folder: a free port, and
  root allowed, as CI runs as root);
- a command that serves the built site (`python3 -m http.server ...`) runs in the
  background until it serves the site's index.html, then it is stopped;
- commands that run tests (`... && pytest ...`) are not run here: CI runs the whole suite,
  the website test included (on the site built here), as its last step, with exactly
  the README's test command (checked against .ci/run).

    python tools/readme_commands.py [--workdir DIR]

It also checks that .github/workflows/pages.yml builds the site with the README's
website command as written. Exit status 0 when every command worked; the site built by the website command is left
in DIR/<clone>/_build/html for the site's browser test (tests/test_site.py, BFS_SITE).
"""
import argparse
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_NOTEBOOK = "notebooks/00_linear_algebra_toolkit.ipynb"
TEST_COMMAND = "pip install -r requirements.txt && pytest"


def sections(readme):
    """{heading: text} of the README's '## ' sections."""
    parts = re.split(r"^## +(.+)$", readme, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def bash_blocks(text):
    return [block.strip("\n") for block in re.findall(r"^```bash\n(.*?)^```", text, flags=re.M | re.S)]


def readme_commands(readme):
    """(quick-start blocks, website blocks) of the README."""
    found = sections(readme)
    quick = [text for heading, text in found.items() if heading.lower().startswith("quick start")]
    website = [text for heading, text in found.items() if "website" in heading.lower()]
    if len(quick) != 1 or len(website) != 1:
        raise SystemExit("README.md needs one '## Quick start' section and one '## ...website...' section")
    return bash_blocks(quick[0]), bash_blocks(website[0])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def script(quick, website, workdir, lab_config):
    """The bash script: the README's lines, with the clone and the JupyterLab start adapted."""
    lines = ["set -euo pipefail", f"cd {shlex.quote(str(workdir))}"]
    ran_tests = False
    for block in quick + website:
        for line in block.splitlines():
            command = line.split("  #")[0].strip() if not line.lstrip().startswith("#") else ""
            if not command:
                continue
            clone = re.match(r"git clone (\S+)(.*)$", command)
            if clone:
                folder = clone.group(2).strip() or Path(clone.group(1)).name.removesuffix(".git")
                lines.append(f"git clone --quiet {shlex.quote(str(ROOT))} {shlex.quote(folder)}")
            elif re.search(r"(^|&& )pytest\b", command):
                ran_tests = ran_tests or command == TEST_COMMAND
                lines.append("echo " + shlex.quote(f"(not run here, CI runs the tests as its last step): {command}"))
            elif re.search(r"-m http\.server\b", command):
                port = re.search(r"\b(\d{4,5})\b", command)
                url = f"http://127.0.0.1:{port.group(1) if port else 8000}/index.html"
                lines += [
                    "echo " + shlex.quote(f"+ {command}  (in the background until it serves the site)"),
                    "set -m",
                    f"bash -c {shlex.quote(command)} > http.log 2>&1 &",
                    "set +m",
                    "server=$!",
                    f"python -c \"import time, urllib.request\nfor _ in range(30):\n    try:\n        "
                    f"page = urllib.request.urlopen('{url}', timeout=5).read().decode()\n        break\n    "
                    f"except OSError:\n        time.sleep(0.5)\nelse:\n    raise SystemExit('the site is not served at {url}')\n"
                    f"assert 'intro.html' in page, page[:200]\nprint('the site is served at {url}')\" "
                    "|| { kill -- -$server; exit 1; }",
                    "kill -- -$server; wait $server 2>/dev/null || true",
                ]
            elif re.search(r"\bjupyter lab\b", command):
                # JupyterLab "opens the browser" through $BROWSER: a script that notes the address.
                lines += [
                    "echo " + shlex.quote(f"+ {command}  (in the background until it opens the notebook)"),
                    f"export JUPYTER_CONFIG_DIR={shlex.quote(str(lab_config))} BROWSER={shlex.quote(str(lab_config / 'browser.sh'))}",
                    "set -m  # job control: the background job gets its own process group, stopped as a whole",
                    f"bash -c {shlex.quote(command)} > lab.log 2>&1 &",
                    "set +m",
                    "lab=$!",
                    "python - <<'PY' || { cat lab.log; kill -- -$lab; exit 1; }",
                    "import json, os, re, time, urllib.request",
                    f"opened = {str(lab_config / 'opened.txt')!r}",
                    "deadline = time.monotonic() + 240",
                    "while time.monotonic() < deadline and not os.path.exists(opened):",
                    "    time.sleep(1)",
                    "if not os.path.exists(opened):",
                    "    raise SystemExit('JupyterLab did not open a browser page within 240 s')",
                    "url = open(opened).read().split()[0]",
                    "if url.startswith('file:'):  # JupyterLab's redirect page to the notebook",
                    "    redirect = open(urllib.request.url2pathname(url[len('file:'):])).read()",
                    "    url = re.search(r'url=(http[^\"\\s]+)', redirect).group(1)",
                    "m = re.match(r'(http://127\\.0\\.0\\.1:\\d+)/lab/tree/(\\S+\\.ipynb)$', url)",
                    f"assert m and m.group(2).endswith({Path(FIRST_NOTEBOOK).name!r}), 'JupyterLab opened ' + url",
                    "model = json.load(urllib.request.urlopen(m.group(1) + '/api/contents/' + m.group(2), timeout=30))",
                    "assert model['type'] == 'notebook', model.get('type')",
                    "assert urllib.request.urlopen(url, timeout=30).status == 200",
                    "print('JupyterLab opened', url)",
                    "PY",
                    "kill -- -$lab; wait $lab 2>/dev/null || true",
                ]
            else:
                lines.append("echo " + shlex.quote(f"+ {command}"))
                # set -e does not stop at a failure inside `a && b`: test the whole line.
                lines.append(f"{{ {command}; }} || {{ echo {shlex.quote('FAILED: ' + command)}; exit 1; }}")
    if not ran_tests:
        raise SystemExit(f"the Quick start has no `{TEST_COMMAND}` command")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", help="an empty folder to clone into (default: a new temporary one)")
    args = parser.parse_args(argv)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick, website = readme_commands(readme)

    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    if TEST_COMMAND not in ci.splitlines():
        raise SystemExit(f".ci/run no longer runs the README's test command `{TEST_COMMAND}`")

    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    build = [line for block in website for line in block.splitlines() if "jupyter-book build" in line]
    if len(build) != 1 or f"run: {build[0]}" not in workflow:
        raise SystemExit("the Pages workflow (.github/workflows/pages.yml) must run the README's website "
                         "command as written")

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bfs-readme-"))
    workdir.mkdir(parents=True, exist_ok=True)
    lab_config = workdir / "jupyter-config"
    lab_config.mkdir(exist_ok=True)
    (lab_config / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {
        "allow_root": True, "ip": "127.0.0.1", "port": free_port(),
        "token": "", "password": ""}}))
    browser = lab_config / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {shlex.quote(str(lab_config / "opened.txt"))}\n')
    browser.chmod(0o755)
    text = script(quick, website, workdir, lab_config)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run(["bash", "-c", text], env=env)
    if result.returncode != 0:
        print(f"a README command failed (exit {result.returncode}); the script was:\n{text}", file=sys.stderr)
        return 1
    print(f"README commands: all worked in a fresh clone under {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
