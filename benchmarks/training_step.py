"""How fast is the book's hand-derived network? One training step, timed three ways.

1. nn_helpers.Network against the same network in PyTorch (CPU, eager mode):
   layers 784-128-10, sigmoid everywhere, the book's mean squared error (mean
   over samples, sum over outputs), plain SGD, the same data and the same
   initial weights. Before any timing, a correctness guard checks that both
   compute the same loss and gradients on the first step and the same weights
   after it.
2. The BLAS bound: the same step's five matrix products alone (same shapes,
   layouts and dtype). No implementation of this step can be faster than its
   matrix products on the same BLAS, so full step / bound says how much time
   goes into everything else (activations, Delta, sums, updates).
3. The diagonal Jacobian against the element-wise backward pass of a neuron for
   growing m (time and peak memory): the table notebook 03 draws from, computed
   by nn_helpers.costs (one source of truth).
4. Time to 97% on the handwritten digits (notebook 06): the 64-64-10 classifier
   (tanh hidden layer, softmax output, cross-entropy, SGD with lr 0.3 on
   minibatches of 32) trained epoch by epoch until its test accuracy reaches
   97%, in nn_helpers.Network and in the same network and optimiser in PyTorch
   eager mode, from the same initial weights on the same minibatches. Only the
   training steps are timed (the batches are cut beforehand, the test accuracy
   is measured untimed after each epoch). Both runs are checked to stop at the
   same epoch with weights that agree.

Contenders are alternated in one process, round after round, so drift of the
machine (other programs, clock changes) hits all of them alike; the figure
reported is the median over rounds of the time per step. PyTorch is optional:
without it the script says so and reports the rest.

    pip install -r benchmarks/requirements.txt && python benchmarks/training_step.py

Options: --quick (fewer rounds, for a smoke test), --threads N (limit NumPy's
BLAS and PyTorch to N threads), --rounds, --settle, --cost-sizes, --digits-only
(only part 4, about 10 s on an idle machine). A full run
takes about a minute on 2 cores. The table's last column times the same step
through the plain code the notebooks derive (Network.gradients, then the
update), to show what the fast path of Network.train saves.
"""
import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np

from nn_helpers import Network, costs, data

try:
    import torch
except ImportError:
    torch = None
try:
    import threadpoolctl
except ImportError:
    threadpoolctl = None

LAYERS = [784, 128, 10]
BATCHES = [64, 1024]
DTYPES = [np.float32, np.float64]
LR = 0.1
TARGET_VS_TORCH = 1.0    # at batch 64: book / PyTorch eager
TARGET_VS_BLAS = 1.15    # at batch 1024: full step / its own matrix products
DIGITS_LAYERS = [64, 64, 10]
DIGITS_LR = 0.3
DIGITS_BATCH = 32
DIGITS_TARGET = 0.97     # test accuracy to reach
DIGITS_MAX_EPOCHS = 60
TARGET_DIGITS = 1.0      # time to 97%: book / PyTorch eager


# -- the machine ---------------------------------------------------------------
def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def blas_description():
    """Which BLAS NumPy runs, with its kernel and thread count."""
    if threadpoolctl is None:
        try:  # NumPy >= 1.25 knows what it was built against, not which kernel runs
            blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
            built = f"{blas.get('name')} {blas.get('version')}"
        except Exception:
            built = "unknown"
        return f"{built} (pip install threadpoolctl to see the kernel and threads in use)"
    for info in threadpoolctl.threadpool_info():
        if info.get("user_api") == "blas" and "numpy" in info.get("filepath", ""):
            return (f"{info.get('internal_api')} {info.get('version')}, kernel "
                    f"{info.get('architecture', '?')}, {info.get('num_threads')} threads")
    return "not found by threadpoolctl"


def describe_machine():
    lines = [
        f"CPU: {cpu_model()}, {os.cpu_count()} logical cores; Python {platform.python_version()}, "
        f"NumPy {np.__version__}",
        f"NumPy's BLAS: {blas_description()}",
    ]
    forced = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    if forced:
        lines.append(f"  note: {forced} is set and pins OpenBLAS to that kernel; for the CPU's own "
                     "kernel run with `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python ...`")
    if torch is None:
        lines.append("PyTorch: not installed, so only the book's figures are reported "
                     "(pip install -r benchmarks/requirements.txt adds it)")
    else:
        lines.append(f"PyTorch {torch.__version__}: {torch.get_num_threads()} threads, "
                     f"MKL {'yes' if torch.backends.mkl.is_available() else 'no'}, "
                     f"oneDNN {'yes' if torch.backends.mkldnn.is_available() else 'no'}")
    if hasattr(os, "getloadavg"):
        lines.append("load average (1, 5, 15 min) at the start: "
                     + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return "\n".join(lines)


# -- the contenders --------------------------------------------------------------
def make_data(m, dtype, seed=0):
    """X: (784, m) pixel-like values in [0, 1); Y: (10, m) one-hot targets."""
    rng = np.random.default_rng(seed)
    X = rng.random((LAYERS[0], m)).astype(dtype)
    Y = np.eye(LAYERS[-1], dtype=dtype)[:, rng.integers(0, LAYERS[-1], m)]
    return X, Y


def book_step(net):
    """The step Network.train runs for every batch (its fast path when there is one)."""
    return net._fast_step if net._has_fast_path() else net._step


def torch_twin(net, X, Y):
    """The same network in PyTorch eager mode; returns (model, loss_of, step).

    nn.Linear stores W as (out, in) like the book and computes X_t W^T + b with
    one row per sample, so X_t is X^T (the same numbers in PyTorch's layout).
    The SGD update is written out (p -= lr * p.grad, in place): at batch 64 it
    was about 10% faster than torch.optim.SGD here, so PyTorch gets its best.
    """
    dtype = {np.float32: torch.float32, np.float64: torch.float64}[net.dtype.type]
    layers = []
    for W, b in zip(net.weights, net.biases):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b[:, 0]))
        layers += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    parameters = list(model.parameters())
    X_t = torch.from_numpy(np.ascontiguousarray(X.T))
    Y_t = torch.from_numpy(np.ascontiguousarray(Y.T))
    m = X.shape[1]

    def loss_of():
        # the book's loss: sum over outputs and samples, divided by the m samples
        return torch.nn.functional.mse_loss(model(X_t), Y_t, reduction="sum") / m

    def step():
        for p in parameters:
            p.grad = None
        loss_of().backward()
        with torch.no_grad():
            for p in parameters:
                p.add_(p.grad, alpha=-LR)

    return model, loss_of, step


def blas_products(net, X):
    """The step's matrix products alone, on arrays of the step's shapes, layouts and dtype.

    Forward W^(l) A^(l-1); backward Delta^(l) A^(l-1)^T and W^(l)^T Delta^(l) (l > 1).
    """
    As = net._fast_forward(X)
    rng = np.random.default_rng(1)
    deltas = [rng.standard_normal(A.shape).astype(net.dtype) for A in As[1:]]
    pairs = [(W, A) for W, A in zip(net.weights, As)]
    pairs += [(D, A.T) for D, A in zip(deltas, As)]
    pairs += [(W.T, D) for W, D in zip(net.weights[1:], deltas[1:])]

    def products():
        for left, right in pairs:
            left @ right

    return products, len(pairs)


# -- the correctness guard -------------------------------------------------------
def check_same_numbers(net, model, loss_of, torch_step, X, Y):
    """Loss and gradients of the first step, then the weights after it, book vs PyTorch.

    Returns a one-line summary; raises SystemExit if they differ, so no figure is
    ever reported for two models that do not compute the same thing.
    """
    rtol = {np.float32: 2e-4, np.float64: 1e-10}[net.dtype.type]
    book_loss = net.loss(X, Y)
    dW, db = net.gradients(X, Y)
    loss = loss_of()
    loss.backward()
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    worst = abs(loss.item() - book_loss) / abs(book_loss)
    problems = [] if worst <= rtol else [f"loss {book_loss!r} vs {loss.item()!r}"]

    def compare(what, book, theirs):
        nonlocal worst
        scale = np.abs(book).max() or 1.0
        err = float(np.abs(book - theirs).max() / scale)
        worst = max(worst, err)
        if err > rtol:
            problems.append(f"{what}: max difference {err:.2e} of its largest entry")

    for l, (linear, gW, gb) in enumerate(zip(linears, dW, db), start=1):
        compare(f"dL/dW{l}", gW, linear.weight.grad.numpy())
        compare(f"dL/db{l}", gb[:, 0], linear.bias.grad.numpy())
    book_step(net)(X, Y, LR)
    torch_step()
    for l, (linear, W, b) in enumerate(zip(linears, net.weights, net.biases), start=1):
        compare(f"W{l} after one step", W, linear.weight.detach().numpy())
        compare(f"b{l} after one step", b[:, 0], linear.bias.detach().numpy())
    if problems:
        raise SystemExit("correctness guard FAILED, the two models differ: " + "; ".join(problems))
    return f"same loss ({book_loss:.6f}), gradients and updated weights (largest relative difference {worst:.1e})"


# -- timing ----------------------------------------------------------------------
def alternate(contenders, steps, rounds, settle):
    """Median seconds per step of each contender, timed in alternation.

    contenders: {name: function doing one step}. Every round runs a block of
    ``steps`` calls of each, in an order that rotates from round to round.
    Before each timed block the contender runs untimed for ``settle`` seconds:
    OpenBLAS's and PyTorch's worker threads keep spinning for a while (up to
    about 0.1 s) after their last call, and on 2 cores that halved the speed
    of whatever ran next. Sleeping instead was no cure: after a sleep the
    first steps ran slowly too (the cores had gone idle).
    """
    names = list(contenders)
    per_step = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            fn = contenders[name]
            end = time.perf_counter() + settle
            while time.perf_counter() < end:
                fn()
            start = time.perf_counter()
            for _ in range(steps):
                fn()
            per_step[name].append((time.perf_counter() - start) / steps)
    return {name: statistics.median(times) for name, times in per_step.items()}


def run_configuration(m, dtype, rounds, settle):
    X, Y = make_data(m, dtype)
    net = Network(LAYERS, activation="sigmoid", seed=0, dtype=dtype)
    steps = max(5, 6000 // m)           # about 10-40 ms per block
    contenders = {"book": lambda: book_step(net)(X, Y, LR)}
    plain = Network(LAYERS, activation="sigmoid", seed=0, dtype=dtype)
    contenders["plain"] = lambda: plain._step(X, Y, LR)
    guard = None
    if torch is not None:
        model, loss_of, torch_step = torch_twin(net, X, Y)
        guard = check_same_numbers(net, model, loss_of, torch_step, X, Y)
        contenders["torch"] = torch_step
    products, count = blas_products(net, X)
    contenders["blas"] = products
    result = alternate(contenders, steps, rounds, settle)
    result["guard"] = guard
    result["products"] = count
    return result


# -- time to 97% on the digits (notebook 06) ----------------------------------------
def digits_batches(split, dtype, epochs, seed=0):
    """The minibatches of every epoch, cut once: the order Network.train would use with this seed."""
    X, Y = split.X_train.astype(dtype), split.Y_train.astype(dtype)
    rng = np.random.default_rng(seed)
    return [list(data.minibatches(X, Y, DIGITS_BATCH, rng)) for _ in range(epochs)]


def digits_contenders(dtype):
    """(book, torch) runners: each trains a fresh copy from the same start until 97% test accuracy.

    A runner returns (seconds spent in training steps, epochs, final test accuracy, final weights).
    runner(settle) first trains a throwaway copy untimed for ``settle`` seconds, so that the
    other library's worker threads have stopped spinning when the clock starts (see ``alternate``).
    """
    split = data.digits(seed=0)
    X_test, labels_test = split.X_test.astype(dtype), split.Y_test.argmax(axis=0)
    start = Network(DIGITS_LAYERS, activation="tanh", output_activation="softmax", loss="cross_entropy",
                    seed=0, dtype=dtype)
    epochs = digits_batches(split, dtype, DIGITS_MAX_EPOCHS)

    def fresh_book():
        return Network(DIGITS_LAYERS, activation="tanh", output_activation="softmax", loss="cross_entropy",
                       seed=0, dtype=dtype)

    def book(settle):
        warm_step, end = book_step(fresh_book()), time.perf_counter() + settle
        while time.perf_counter() < end:
            for X_b, Y_b in epochs[0]:
                warm_step(X_b, Y_b, DIGITS_LR)
        net = fresh_book()
        step = book_step(net)
        spent = 0.0
        for epoch, batches in enumerate(epochs, start=1):
            t0 = time.perf_counter()
            for X_b, Y_b in batches:
                step(X_b, Y_b, DIGITS_LR)
            spent += time.perf_counter() - t0
            accuracy = float(np.mean(net.forward(X_test).argmax(axis=0) == labels_test))
            if accuracy >= DIGITS_TARGET:
                break
        return spent, epoch, accuracy, [W.copy() for W in net.weights]

    if torch is None:
        return book, None
    torch_dtype = {np.float32: torch.float32, np.float64: torch.float64}[np.dtype(dtype).type]
    torch_epochs = [[(torch.from_numpy(np.ascontiguousarray(X_b.T)), torch.from_numpy(Y_b.argmax(axis=0)))
                     for X_b, Y_b in batches] for batches in epochs]
    X_test_t = torch.from_numpy(np.ascontiguousarray(X_test.T))

    def twin():
        hidden = torch.nn.Linear(64, 64, dtype=torch_dtype)
        out = torch.nn.Linear(64, 10, dtype=torch_dtype)
        with torch.no_grad():
            for linear, W, b in zip((hidden, out), start.weights, start.biases):
                linear.weight.copy_(torch.from_numpy(W))
                linear.bias.copy_(torch.from_numpy(b[:, 0]))
        model = torch.nn.Sequential(hidden, torch.nn.Tanh(), out)   # softmax is inside cross_entropy
        parameters = list(model.parameters())
        return model, parameters

    def train_epoch(model, parameters, batches):
        for X_b, y_b in batches:
            for p in parameters:
                p.grad = None
            # mean over the batch of -log softmax at the true class: the book's cross-entropy
            torch.nn.functional.cross_entropy(model(X_b), y_b).backward()
            with torch.no_grad():
                for p in parameters:
                    p.add_(p.grad, alpha=-DIGITS_LR)

    def pytorch(settle):
        throwaway, end = twin(), time.perf_counter() + settle
        while time.perf_counter() < end:
            train_epoch(*throwaway, torch_epochs[0])
        model, parameters = twin()
        spent = 0.0
        for epoch, batches in enumerate(torch_epochs, start=1):
            t0 = time.perf_counter()
            train_epoch(model, parameters, batches)
            spent += time.perf_counter() - t0
            with torch.no_grad():
                accuracy = float((model(X_test_t).argmax(dim=1).numpy() == labels_test).mean())
            if accuracy >= DIGITS_TARGET:
                break
        weights = [layer.weight.detach().numpy().copy() for layer in model if isinstance(layer, torch.nn.Linear)]
        return spent, epoch, accuracy, weights

    return book, pytorch


def run_digits(dtype, rounds, settle=0.2):
    """Median seconds to 97% for the book and PyTorch, alternated; plus the guard's summary."""
    book, pytorch = digits_contenders(dtype)
    runners = {"book": book} if pytorch is None else {"book": book, "torch": pytorch}
    times = {name: [] for name in runners}
    outcome = {}
    names = list(runners)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            spent, epochs, accuracy, weights = runners[name](settle)
            if accuracy < DIGITS_TARGET:
                raise SystemExit(f"{name} did not reach {DIGITS_TARGET:.0%} in {DIGITS_MAX_EPOCHS} epochs")
            times[name].append(spent)
            outcome[name] = (epochs, accuracy, weights)
    result = {name: statistics.median(t) for name, t in times.items()}
    result["epochs"] = {name: outcome[name][0] for name in runners}
    result["accuracy"] = {name: outcome[name][1] for name in runners}
    if pytorch is not None:
        rtol = {np.float32: 1e-3, np.float64: 1e-8}[np.dtype(dtype).type]
        worst = max(float(np.abs(a - b).max() / np.abs(a).max())
                    for a, b in zip(outcome["book"][2], outcome["torch"][2]))
        if outcome["book"][0] != outcome["torch"][0] or worst > rtol:
            raise SystemExit(f"correctness guard FAILED on the digits ({np.dtype(dtype).name}): the book stopped "
                             f"after {outcome['book'][0]} epochs, PyTorch after {outcome['torch'][0]}; final "
                             f"weights differ by {worst:.1e} of their largest entry")
        result["guard"] = (f"both stop after {outcome['book'][0]} epochs at test accuracy "
                           f"{outcome['book'][1]:.1%}; final weights agree to {worst:.1e} of the largest entry")
    return result


def milliseconds(seconds):
    return f"{seconds * 1e3:.3f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternation rounds (default 15)")
    parser.add_argument("--quick", action="store_true", help="5 rounds and small cost sizes (smoke test)")
    parser.add_argument("--threads", type=int, default=None,
                        help="limit NumPy's BLAS and PyTorch to this many threads (default: their own)")
    parser.add_argument("--settle", type=float, default=0.2,
                        help="seconds each contender runs untimed before each timed block, until "
                             "the other library's worker threads have stopped spinning (default 0.2)")
    parser.add_argument("--cost-sizes", type=int, nargs="+", default=[125, 250, 500, 1000, 2000],
                        help="batch sizes m for the diagonal vs element-wise table (default: notebook 03's)")
    parser.add_argument("--digits-only", action="store_true",
                        help="run only the time-to-97%% comparison on the digits (part 4)")
    args = parser.parse_args(argv)
    rounds = 5 if args.quick else args.rounds
    cost_sizes = [125, 250, 500] if args.quick else args.cost_sizes
    if args.threads is not None:
        if threadpoolctl is not None:
            threadpoolctl.threadpool_limits(args.threads, user_api="blas")
        else:
            print("warning: --threads needs threadpoolctl to limit NumPy's BLAS", file=sys.stderr)
        if torch is not None:
            torch.set_num_threads(args.threads)

    if args.digits_only:
        print(describe_machine())
        print()
        report_digits(3 if args.quick else 7, args.settle)
        return

    print("One training step of a 784-128-10 sigmoid network (mean squared error, plain SGD, lr=0.1)")
    print(describe_machine())
    print()

    rows = []
    for m in BATCHES:
        for dtype in DTYPES:
            name = np.dtype(dtype).name
            r = run_configuration(m, dtype, rounds, args.settle)
            if r["guard"]:
                print(f"correctness guard, batch {m}, {name}: {r['guard']}")
            rows.append((m, name, r))
    print()
    header = ["batch", "dtype", "book ms/step", "torch ms/step", "book/torch",
              "BLAS bound ms", "book/BLAS", "plain path ms"]
    table = [header]
    for m, name, r in rows:
        has_torch = "torch" in r
        table.append([
            str(m), name, milliseconds(r["book"]),
            milliseconds(r["torch"]) if has_torch else "-",
            f"{r['book'] / r['torch']:.2f}" if has_torch else "-",
            milliseconds(r["blas"]), f"{r['book'] / r['blas']:.2f}", milliseconds(r["plain"]),
        ])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"(median over {rounds} alternating rounds; book = the step Network.train runs, "
          f"plain path = the same step through Network.gradients; BLAS bound = the step's "
          f"{rows[0][2]['products']} matrix products alone)")
    print()
    if torch is not None:
        ratios = [r["book"] / r["torch"] for m, _, r in rows if m == 64]
        met = all(x <= TARGET_VS_TORCH for x in ratios)
        print(f"target book/torch <= {TARGET_VS_TORCH} at batch 64: {'met' if met else 'NOT met'} "
              f"({', '.join(f'{x:.2f}' for x in ratios)})")
    ratios = [r["book"] / r["blas"] for m, _, r in rows if m == 1024]
    met = all(x <= TARGET_VS_BLAS for x in ratios)
    print(f"target full step <= {TARGET_VS_BLAS} x BLAS bound at batch 1024: {'met' if met else 'NOT met'} "
          f"({', '.join(f'{x:.2f}' for x in ratios)})")
    print()
    report_digits(3 if args.quick else 7, args.settle)
    print()
    print("Backward pass of one neuron (n=3, sigmoid): diagonal Jacobian diag(f'(z)) (m x m) "
          "vs element-wise product (nn_helpers.costs, as in notebook 03)")
    print(costs.format_table(costs.diagonal_vs_elementwise(cost_sizes)))
    if hasattr(os, "getloadavg"):
        print()
        print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def report_digits(digits_rounds, settle=0.2):
    print(f"Time to {DIGITS_TARGET:.0%} test accuracy on the handwritten digits (notebook 06): 64-64-10, tanh, "
          f"softmax, cross-entropy, SGD lr={DIGITS_LR}, minibatches of {DIGITS_BATCH}, the same start and batches")
    digit_rows = []
    for dtype in (np.float64, np.float32):
        r = run_digits(dtype, digits_rounds, settle)
        if "guard" in r:
            print(f"correctness guard, digits, {np.dtype(dtype).name}: {r['guard']}")
        digit_rows.append((np.dtype(dtype).name, r))
    header = ["dtype", "epochs", "book s", "torch s", "book/torch"]
    table = [header]
    for name, r in digit_rows:
        has_torch = "torch" in r
        table.append([name, str(r["epochs"]["book"]), f"{r['book']:.3f}",
                      f"{r['torch']:.3f}" if has_torch else "-",
                      f"{r['book'] / r['torch']:.3g}" if has_torch else "-"])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"(seconds of training steps until the test accuracy first reaches {DIGITS_TARGET:.0%}, checked after "
          f"every epoch; median over {digits_rounds} alternating rounds)")
    if torch is not None:
        ratios = [r["book"] / r["torch"] for _, r in digit_rows]
        met = all(x <= TARGET_DIGITS for x in ratios)
        print(f"target book/torch <= {TARGET_DIGITS} to 97% on the digits: {'met' if met else 'NOT met'} "
              f"({', '.join(f'{x:.3g}' for x in ratios)})")
    if hasattr(os, "getloadavg"):
        print("load average (1, 5, 15 min) after the digits: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
