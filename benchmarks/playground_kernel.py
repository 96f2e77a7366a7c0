"""The kernel's share of a playground move: what the redraw costs in Python, without a browser.

The browser benchmark (playground_latency.py) times a move in the page, where the kernel,
the Jupyter server and the browser share the machine's cores; its figures move by a fifth
from run to run. This script makes the same moves in this process, as the browser tests
make them (every slider of every playground of ``nn_helpers.playgrounds``, one step up, or
one step down at the maximum; ``--steps 5`` for Notebook 7's Page Up), and times the redraw
each one causes: retraining where a slider retrains, drawing, encoding the PNG. Each move
goes to a setting not seen before (cached runs and backgrounds are cleared between rounds),
as in the browser tests. Prints per move the median over the rounds and which way it was
drawn (only the animated artists, the axes that changed, or the whole figure).

    python benchmarks/playground_kernel.py              # one step, 7 rounds
    python benchmarks/playground_kernel.py --steps 5    # Page Up / Page Down
    python benchmarks/playground_kernel.py --busy       # with one core kept busy meanwhile

``--busy`` keeps one core busy with a second process while the moves are timed, as the
browser and the Jupyter server keep the kernel's machine busy while it redraws.
"""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import ipywidgets

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nn_helpers import widgets  # noqa: E402
from nn_helpers.playgrounds import ch00, ch01, ch02, ch03, ch04, ch05, ch06, ch07  # noqa: E402

CHAPTERS = (ch00, ch01, ch02, ch03, ch04, ch05, ch06, ch07)
SLIDERS = (ipywidgets.FloatSlider, ipywidgets.IntSlider, ipywidgets.FloatLogSlider)


def clear_caches():
    """Forget every kept run (the modules' lru_caches) and glyph image, as in a kernel just started."""
    getattr(widgets, "_GLYPHS", {}).clear()        # absent in versions before it
    for module in CHAPTERS:
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def moved_value(control, steps):
    """The value ``steps`` key presses give: up, or down from the maximum (as the browser tests move)."""
    if isinstance(control, ipywidgets.FloatLogSlider):
        import math
        now = math.log10(control.value)
        target = now + steps * control.step if now < control.max - 1e-9 else now - steps * control.step
        return control.base ** min(max(target, control.min), control.max)
    target = control.value + steps * control.step if control.value < control.max else control.value - steps * control.step
    return type(control.value)(min(max(target, control.min), control.max))


def how_drawn(pg, before):
    if not pg._incremental or not pg._animated():
        return "whole figure"              # nothing animated: every redraw draws everything
    if pg._background_key == before:
        return "animated only"
    return "changed axes" if pg._last_partial else "whole figure"


def run(steps, rounds):
    partial = getattr(widgets.Playground, "_redraw_changed_axes", None)     # absent in versions before it

    def noting(self, key):                     # notes whether a background change stayed partial
        self._last_partial = partial(self, key)
        return self._last_partial

    if partial is not None:
        widgets.Playground._redraw_changed_axes = noting
    times, kinds = {}, {}
    for _ in range(rounds):
        clear_caches()
        for module in CHAPTERS:
            for name in module.__all__:             # each returns a Playground
                pg = getattr(module, name)()
                for label, control in pg.controls.items():
                    if not isinstance(control, SLIDERS):
                        continue
                    before, pg._last_partial = pg._background_key, False
                    start = time.perf_counter()
                    control.value = moved_value(control, steps)
                    ms = (time.perf_counter() - start) * 1000
                    key = f"{module.__name__.rsplit('.', 1)[1]} {name}: {label}"
                    times.setdefault(key, []).append(ms)
                    kinds.setdefault(key, set()).add(how_drawn(pg, before))
    if partial is not None:
        widgets.Playground._redraw_changed_axes = partial
    return times, kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=1, help="key presses per move (5: Page Up)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--busy", action="store_true", help="keep one core busy while timing")
    args = parser.parse_args()
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        times, kinds = run(args.steps, args.rounds)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    print(f"Kernel time of a slider move ({args.steps} step{'s' * (args.steps > 1)}), median of {args.rounds} rounds"
          f"{', one core kept busy' if args.busy else ''}:")
    medians = []
    for key, ms in times.items():
        medians.append(statistics.median(ms))
        print(f"  {key:<55} {medians[-1]:6.1f} ms   {', '.join(sorted(kinds[key]))}")
    print(f"  all {len(medians)} moves: median {statistics.median(medians):.1f} ms, "
          f"largest {max(medians):.1f} ms")


if __name__ == "__main__":
    main()
