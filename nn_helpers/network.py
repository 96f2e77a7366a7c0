"""A fully connected network of any depth, trained with the general delta formula.

Notation (notebook 05): layers l = 1..L, A^(0) = X, one column per sample.

    forward:   Z^(l) = W^(l) A^(l-1) + b^(l) 1^T        A^(l) = f(Z^(l))
    backward:  Delta^(L) = dL/dA^(L) * f'(Z^(L))          (* is element-wise)
                         = (1/m) (A^(L) - Y)              (cross-entropy with its output, notebook 06)
               Delta^(l) = (W^(l+1)^T Delta^(l+1)) * f'(Z^(l))
               dL/dW^(l) = Delta^(l) A^(l-1)^T           dL/db^(l) = Delta^(l) 1

In code the lists are 0-based: ``weights[l]`` is W^(l+1).

``forward``/``gradients`` spell these formulas out as the notebooks derive them.
``train`` runs the same formulas through a fast path at the end of this file
(``_fast_step``) that gives bit-for-bit the same numbers with less work; see the
comment there and tests/test_fast_path.py.
"""
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import activations, losses
from .checks import as_matrix, positive_number, whole_number
from .data import check_seed, shuffled_batches

# train() warns when, without any NaN, the loss ends this many times above where it
# started, or the largest parameter grows this many times beyond max(1, its start).
LOSS_RISE = 1.5
PARAMETER_GROWTH = 1e3

LOSSES = ("mse", "cross_entropy")
# loss -> the output activations it is paired with, and why (for the error message)
CROSS_ENTROPY_OUTPUTS = ("softmax", "sigmoid")


class TrainingDiverged(FloatingPointError):
    """The loss stopped being finite during training.

    ``history`` holds the epochs completed before the loss blew up; the
    network's parameters are left at the last epoch whose loss was finite.
    """

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


class TrainingWarning(UserWarning):
    """Training finished, but went wrong without a NaN: the loss rose, or the parameters blew up.

    The same message is kept in ``History.warning``.
    """


@dataclass
class History:
    """What ``Network.train`` records, one entry per epoch plus the start.

    loss: (epochs + 1,) training loss, loss[0] before any update.
    output_weights: (epochs + 1, n_L, n_{L-1}) copies of the last layer's W.
    output_bias: (epochs + 1, n_L) copies of the last layer's b.
    gradient_evaluations: (epochs + 1,) gradient computations done so far
        (one per batch), for comparing full-batch, minibatch and stochastic
        gradient descent on equal work.
    warning: None, or the message of the ``TrainingWarning`` that ``train``
        issued (the loss ended far above where it started, or the parameters
        blew up), for a playground to show in its note.
    """

    loss: list = field(default_factory=list)
    output_weights: list = field(default_factory=list)
    output_bias: list = field(default_factory=list)
    gradient_evaluations: list = field(default_factory=list)
    warning: str = None

    def record(self, network, X, Y, evaluations, loss=None):
        """Append the network's state; ``loss``: its loss on (X, Y) when already computed."""
        self.loss.append(network._loss(X, Y) if loss is None else loss)
        self.output_weights.append(network.weights[-1].copy())
        self.output_bias.append(network.biases[-1][:, 0].copy())
        self.gradient_evaluations.append(evaluations)

    def as_arrays(self):
        """The same history with every field turned into a NumPy array."""
        return History(*(np.array(v) for v in
                         (self.loss, self.output_weights, self.output_bias, self.gradient_evaluations)),
                       warning=self.warning)


def _layer_sizes(layer_sizes):
    try:
        sizes = list(layer_sizes)
    except TypeError:
        raise ValueError(
            f"layer_sizes must be a list of layer widths such as [3, 4, 1], but got {layer_sizes!r}."
        ) from None
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least two entries (inputs and outputs), such as [3, 1], "
            f"but got {sizes!r}."
        )
    for i, n in enumerate(sizes):
        whole_number(
            f"layer_sizes[{i}]", n, 1,
            " Every layer needs a positive, whole number of units, e.g. [3, 4, 1].",
        )
    return [int(n) for n in sizes]


class Network:
    """A fully connected network built from a list of layer sizes.

    layer_sizes: [n_0, n_1, ..., n_L], n_0 features in, n_L outputs out.
    weights[l]: (n_{l+1}, n_l); biases[l]: (n_{l+1}, 1).
    activation: name of f for the hidden layers (and the output layer unless
        ``output_activation`` names another one).
    output_activation: any activation name, or "softmax" (column-wise, output layer only).
    loss: "mse" (the default; notebooks 01-05) or "cross_entropy" (notebook 06): categorical
        cross-entropy with a softmax output, binary cross-entropy with sigmoid outputs.
        Targets for cross-entropy are probabilities: one-hot columns (``data.one_hot``) for
        softmax, 0/1 entries for sigmoid.
    seed: weights start as N(0, 1/n_l) draws from ``np.random.default_rng(seed)``
        and biases at zero, so the same seed gives the same network.
    dtype: np.float64 or np.float32; every array stays in it end to end.

    ``weights`` and ``biases`` may be set by hand. Every call checks them first:
    a wrong shape is an error naming the layer and the expected shape; a list,
    an integer array or an array of the other float precision is converted to
    ``dtype`` (a copy, which the network then trains).
    """

    def __init__(self, layer_sizes, activation="sigmoid", output_activation=None, seed=0, dtype=np.float64,
                 loss="mse"):
        self.layer_sizes = _layer_sizes(layer_sizes)
        self.activation = activation
        self.output_activation = activation if output_activation is None else output_activation
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be np.float32 or np.float64, but got {dtype!r}.")
        self.seed = check_seed("seed", seed)
        self.loss_name = _loss_name(loss, self.output_activation)
        hidden = activations.get(self.activation)
        output = ((activations.softmax, None) if self.output_activation == "softmax"
                  else activations.get(self.output_activation))
        self.fs = [hidden] * (len(self.layer_sizes) - 2) + [output]
        rng = np.random.default_rng(seed)
        self.weights = [
            (rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(self.dtype)
            for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])
        ]
        self.biases = [np.zeros((n_out, 1), dtype=self.dtype) for n_out in self.layer_sizes[1:]]

    def __repr__(self):
        loss = "" if self.loss_name == "mse" else f", loss={self.loss_name!r}"
        return (f"Network({self.layer_sizes}, activation={self.activation!r}, "
                f"output_activation={self.output_activation!r}, dtype={self.dtype.name}{loss})")

    # -- checking what comes in -------------------------------------------------
    def _check_X(self, X):
        self._check_parameters()
        return as_matrix("X", X, rows=self.layer_sizes[0], dtype=self.dtype)

    def _check_parameters(self):
        """Hand-set weights and biases: one per layer, the right shape, real and finite.

        Lists, integer arrays and the other float precision are converted to the
        network's dtype in place in the lists, so training updates what forward uses.
        """
        n_layers = len(self.layer_sizes) - 1
        for kind in ("weights", "biases"):
            params = getattr(self, kind)
            if not isinstance(params, (list, tuple)) or len(params) != n_layers:
                count = f"{len(params)} entries" if isinstance(params, (list, tuple)) else type(params).__name__
                raise ValueError(
                    f"network.{kind} must be a list with one array per layer ({n_layers} for layer sizes "
                    f"{self.layer_sizes}), but it is {count}. Assign single layers, e.g. "
                    f"network.{kind}[0] = ..., or build a new Network."
                )
            if not isinstance(params, list):
                setattr(self, kind, list(params))
        for l, (n_in, n_out) in enumerate(zip(self.layer_sizes[:-1], self.layer_sizes[1:])):
            self.weights[l] = self._parameter(f"weights[{l}] (W^({l + 1}) of layer {l + 1})",
                                              self.weights[l], (n_out, n_in))
            self.biases[l] = self._parameter(f"biases[{l}] (b^({l + 1}) of layer {l + 1})",
                                             self.biases[l], (n_out, 1))

    def _parameter(self, name, value, shape):
        if isinstance(value, np.ndarray) and value.dtype == self.dtype and value.shape == shape:
            array = value
        else:
            array = losses._numbers_or_none(value)
            if array is None:               # e.g. ragged lists
                raise ValueError(f"{name} must be an array of shape {shape}, but NumPy cannot read it "
                                 f"as one (rows of different lengths, or entries that are not numbers).")
            if array.dtype.kind not in "biuf":
                raise ValueError(
                    f"{name} must hold real numbers ({self.dtype.name}), but has dtype {array.dtype}."
                )
            if array.shape != shape:
                hint = ""
                if array.shape == shape[::-1] and shape[0] != shape[1]:
                    hint = " It has the transposed shape: did you assign W.T?"
                elif shape[1] == 1 and array.shape in ((shape[0],), ()):
                    hint = (f" A bias is a column, one entry per unit of the layer: use "
                            f"np.reshape(b, ({shape[0]}, 1)) or np.full(({shape[0]}, 1), value).")
                raise ValueError(
                    f"{name} must have shape {shape} for layer sizes {self.layer_sizes}, "
                    f"but has shape {array.shape}.{hint}"
                )
            array = np.array(array, dtype=self.dtype)
        if not np.isfinite(array).all():
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
            raise ValueError(
                f"{name} contains NaN or infinity (first at {bad}); a network cannot compute with it. "
                "Set finite values, or build a new Network."
            )
        return array

    def _check_XY(self, X, Y):
        X = self._check_X(X)
        if self.loss_name == "cross_entropy":
            kind = "categorical" if self.output_activation == "softmax" else "binary"
            return X, losses.check_targets(Y, self.layer_sizes[-1], kind, cols=X.shape[1], dtype=self.dtype)
        if self.output_activation == "softmax" and losses._looks_like_labels(Y, self.layer_sizes[-1]):
            losses.check_targets(Y, self.layer_sizes[-1], "categorical")  # names data.one_hot
        Y = as_matrix("Y", Y, rows=self.layer_sizes[-1], cols=X.shape[1], dtype=self.dtype,
                      rows_meaning="outputs")
        return X, Y

    # -- forward ----------------------------------------------------------------
    def _forward(self, X):
        """Zs[l] = W^(l+1) A^(l) + b^(l+1), As[0] = X, As[l+1] = f(Zs[l]); shapes (n_{l+1}, m)."""
        Zs, As = [], [X]
        for W, b, (f, _) in zip(self.weights, self.biases, self.fs):
            Z = W @ As[-1] + b
            Zs.append(Z)
            As.append(f(Z))
        return Zs, As

    def forward(self, X):
        """X: (n_0, m) -> A^(L): (n_L, m)."""
        return self._forward(self._check_X(X))[1][-1]

    def _loss(self, X, Y):
        return self._outputs_and_loss(X, Y)[1]

    def _outputs_and_loss(self, X, Y):
        """(A^(L), loss) on checked X, Y from one forward pass."""
        if self._has_fast_path():
            As, loss = self._fast_forward_and_loss(X, Y)
            return As[-1], loss
        with np.errstate(over="ignore", invalid="ignore"):
            Zs, As = self._forward(X)
            if self.loss_name == "cross_entropy":  # from Z^(L), finite even where A^(L) rounds to 0 or 1
                return As[-1], self._loss_of_logits(Zs[-1], Y)
            return As[-1], self._mse_of(As[-1], Y)

    @staticmethod
    def _mse_of(A, Y):
        return losses._mse(A, Y if Y.dtype == A.dtype else Y.astype(A.dtype))    # A, Y checked by the caller

    def _loss_of_logits(self, Z, Y):
        """Cross-entropy from Z^(L) (n_L, m) by log-sum-exp; NaN if Z is not finite (training diverged)."""
        if not np.isfinite(Z).all():
            return float("nan")
        if self.output_activation == "softmax":
            return losses.cross_entropy_from_logits(Z, Y)
        return losses.binary_cross_entropy_from_logits(Z, Y)

    def loss(self, X, Y):
        """The network's loss (mean over samples, sum over outputs); a float.

        Mean squared error, or cross-entropy for ``loss="cross_entropy"``.
        """
        return self._loss(*self._check_XY(X, Y))

    # -- backward ---------------------------------------------------------------
    def _gradients(self, X, Y):
        Zs, As = self._forward(X)
        delta = self._output_delta(Zs[-1], As[-1], Y)                  # Delta^(L)
        dW = [None] * len(self.weights)
        db = [None] * len(self.biases)
        for l in reversed(range(len(self.weights))):
            dW[l] = delta @ As[l].T                                     # Delta^(l) A^(l-1)^T
            db[l] = delta.sum(axis=1, keepdims=True)                    # Delta^(l) 1
            if l > 0:                                                   # no gradient for the input X
                delta = (self.weights[l].T @ delta) * self.fs[l - 1][1](Zs[l - 1])
        return dW, db

    def _output_delta(self, Z, A, Y):
        """Delta^(L) = dL/dA^(L) * f'(Z^(L)), the base case of the general delta formula: (n_L, m).

        With cross-entropy and its own output (softmax or sigmoid), f' cancels and
        Delta^(L) = (1/m)(A - Y) (notebook 06). Softmax with MSE goes through softmax's
        full Jacobian, column by column (activations.softmax_backward).
        """
        if self.loss_name == "cross_entropy":
            return (1.0 / A.shape[1]) * (A - Y)
        if self.output_activation == "softmax":
            return activations.softmax_backward(A, losses.mse_prime(A, Y))
        return losses.mse_prime(A, Y) * self.fs[-1][1](Z)

    def _step(self, X, Y, lr):
        """One gradient-descent step on a batch: W <- W - lr dL/dW, b <- b - lr dL/db."""
        dW, db = self._gradients(X, Y)
        for W, b, gW, gb in zip(self.weights, self.biases, dW, db):
            W -= lr * gW
            b -= lr * gb

    def gradients(self, X, Y):
        """(dW, db): lists shaped like ``weights`` and ``biases``, by the general delta formula.

        X: (n_0, m), Y: (n_L, m); dW[l]: (n_{l+1}, n_l), db[l]: (n_{l+1}, 1).
        """
        return self._gradients(*self._check_XY(X, Y))

    # -- training ---------------------------------------------------------------
    def train(self, X, Y, lr, epochs, batch_size=None, seed=None, after_epoch=None):
        """Gradient descent: W <- W - lr dL/dW and b <- b - lr dL/db for every batch.

        batch_size=None: full-batch gradient descent (one step per epoch);
        batch_size=k: minibatches of k shuffled samples (the last may be smaller);
        batch_size=1: stochastic gradient descent.
        seed: seeds the shuffling; None uses the network's own seed, so the same
        network trained twice the same way ends with the same weights.
        after_epoch: None, or a function called after every epoch as
        ``after_epoch(epoch, loss, A)``: the epoch (1, 2, ...), the training loss after it
        and the outputs A^(L) (n_L, m) on X that gave that loss (read-only), e.g. to
        measure the accuracy or a held-out set's loss as training goes.
        Returns a ``History``; raises ``TrainingDiverged`` if the loss stops being finite.
        Issues a ``TrainingWarning`` naming the learning rate (and keeps its message
        in ``History.warning``) when the loss ends more than LOSS_RISE times above
        where it started, or the largest parameter grows more than PARAMETER_GROWTH
        times beyond max(1, its size at the start): training went wrong without a NaN.
        """
        X, Y = self._check_XY(X, Y)
        lr = positive_number("lr", lr, " Typical learning rates in this book lie between 0.01 and 1.")
        epochs = whole_number("epochs", epochs, 0)
        if batch_size is not None:
            batch_size = whole_number(
                "batch_size", batch_size, 1, " Use None for full-batch gradient descent.")
        rng = np.random.default_rng(self.seed if seed is None else check_seed("seed", seed))
        if after_epoch is not None and not callable(after_epoch):
            raise ValueError(f"after_epoch must be a function called as after_epoch(epoch, loss, A) or None, "
                             f"but got {after_epoch!r}.")
        step = self._fast_step if self._has_fast_path() else self._step
        # Full batch on the fast path: the forward pass that gives the loss after an epoch is
        # the one the next epoch's step starts from, so each epoch runs one forward pass, not two.
        reuse = batch_size is None and self._has_fast_path()
        history = History()
        evaluations = 0
        As, loss = self._fast_forward_and_loss(X, Y) if reuse else (None, self._loss(X, Y))
        history.record(self, X, Y, evaluations, loss=loss)
        if not np.isfinite(loss):
            raise ValueError(self._why_not_finite(X, Y, loss))
        start_size = self._largest_parameter()
        whole = [(X, Y)]                          # full batch: the same one batch every epoch
        for epoch in range(1, epochs + 1):
            saved = ([W.copy() for W in self.weights], [b.copy() for b in self.biases])
            if reuse:
                with np.errstate(over="ignore", invalid="ignore"):
                    self._fast_backward(As, Y, lr)
                evaluations += 1
                As, loss = self._fast_forward_and_loss(X, Y)
            else:
                with np.errstate(over="ignore", invalid="ignore"):
                    for X_batch, Y_batch in whole if batch_size is None else shuffled_batches(X, Y, batch_size, rng):
                        step(X_batch, Y_batch, lr)
                        evaluations += 1
                outputs, loss = self._outputs_and_loss(X, Y)
            if not np.isfinite(loss):
                self.weights, self.biases = saved
                raise TrainingDiverged(
                    f"training diverged in epoch {epoch}: with learning rate lr={lr:g} every "
                    f"step overshoots the minimum by more than the last, until the loss is no "
                    f"longer a finite number. The network keeps its weights from epoch "
                    f"{epoch - 1}. Try a smaller learning rate, e.g. lr={lr / 10:g}.",
                    history,
                )
            history.record(self, X, Y, evaluations, loss=loss)      # the loss is computed once per epoch
            if after_epoch is not None:
                outputs = (As[-1] if reuse else outputs).view()
                outputs.flags.writeable = False                      # the next step starts from them
                after_epoch(epoch, loss, outputs)
        history.warning = self._went_wrong(history, lr, start_size)
        if history.warning:
            warnings.warn(history.warning, TrainingWarning, stacklevel=2)
        return history

    def _why_not_finite(self, X, Y, loss):
        """The message for a loss that is not finite before training: the larger of outputs and targets overflows."""
        start = f"the loss is already {loss} before the first step, so no learning rate can help: "
        with np.errstate(all="ignore"):
            A = self.forward(X)
        if not np.all(np.isfinite(A)) or np.max(np.abs(A)) >= np.max(np.abs(Y)):
            largest = max(float(np.max(np.abs(W))) for W in self.weights)
            return (start + f"the inputs and parameters make the outputs too large (largest |W| = {largest:.3g}, "
                    f"largest |X| = {float(np.max(np.abs(X))):.3g}). Start from smaller weights, e.g. a new "
                    f"Network, and inputs scaled to about 1.")
        return (start + f"the outputs are finite, but the targets are too far from them for the loss to be "
                f"computed (largest |Y| = {float(np.max(np.abs(Y))):.3g}). Scale the targets to about 1, "
                f"e.g. Y / np.max(np.abs(Y)).")

    def _largest_parameter(self):
        return max(float(np.max(np.abs(p))) for p in self.weights + self.biases)

    def _went_wrong(self, history, lr, start_size):
        """The TrainingWarning message, or None: did the loss rise far, or the parameters blow up?"""
        problems = []
        first, last = history.loss[0], history.loss[-1]
        if last > LOSS_RISE * first:
            problems.append(f"the loss rose from {first:.3g} to {last:.3g}")
        size = self._largest_parameter()
        if size > PARAMETER_GROWTH * max(1.0, start_size):
            problems.append(f"the largest parameter grew from {start_size:.3g} to {size:.3g}")
        if not problems:
            return None
        return (f"training with learning rate lr={lr:g} went wrong without a NaN: {' and '.join(problems)}. "
                f"The steps overshoot the minimum, and units pushed into saturation (or dead ReLUs) stop learning. "
                f"Try a smaller learning rate, e.g. lr={lr / 10:g}.")

    # -- the fast path that train() runs -----------------------------------------
    # The same formulas as _forward/_gradients/_step, evaluated with the same
    # floating-point operations, so every number is bit-for-bit the one the plain
    # path gives (tests/test_fast_path.py checks it). It only does less work:
    #   * f'(Z) is read off the stored activation A = f(Z) (sigmoid: A (1 - A),
    #     tanh: 1 - A^2, relu: A > 0) instead of evaluating f a second time;
    #   * Z, Delta and the gradients are overwritten in place instead of
    #     allocating a new array for every intermediate result;
    #   * each layer is updated as soon as its gradient and the Delta below it
    #     (which still needs the old W) are known, so no gradient list is kept.
    def _has_fast_path(self):
        return all(name in _FAST for name in (self.activation, self.output_activation))

    def _fast_forward(self, X, logits=None):
        """As[0] = X, As[l+1] = f(W As[l] + b): the activations only, Z overwritten by A.

        logits: a list, or None; a list gets a copy of Z^(L) appended (cross-entropy's loss needs it).
        """
        As = [X]
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = W @ As[-1]
            Z += b
            if logits is not None and l == len(self.weights) - 1:
                logits.append(Z.copy())
            As.append(_FAST[self._activation_name(l)][0](Z))
        return As

    def _fast_forward_and_loss(self, X, Y):
        """(As, loss): ``_fast_forward(X)`` and the loss ``_loss(X, Y)`` gives, from the same pass."""
        with np.errstate(over="ignore", invalid="ignore"):
            if self.loss_name == "cross_entropy":
                logits = []
                As = self._fast_forward(X, logits)
                return As, self._loss_of_logits(logits[0], Y)
            As = self._fast_forward(X)
            return As, self._mse_of(As[-1], Y)

    def _fast_step(self, X, Y, lr):
        """What ``_step`` does, bit for bit, with less work (see the comment above)."""
        self._fast_backward(self._fast_forward(X), Y, lr)

    def _fast_backward(self, As, Y, lr):
        """The update of ``_step`` from the activations As of a forward pass on X = As[0] (left as they are)."""
        L = len(self.weights)
        m = As[0].shape[1]
        delta = As[-1] - Y
        if self.loss_name == "cross_entropy":                   # Delta^(L) = (1/m) (A^(L) - Y)
            delta *= 1.0 / m
        elif self.output_activation == "softmax":               # through softmax's Jacobian
            delta *= 2.0 / m
            delta = activations.softmax_backward(As[-1], delta)
        else:
            delta *= 2.0 / m                                    # dL/dA^(L) = (2/m) (A^(L) - Y)
            _FAST[self._activation_name(L - 1)][1](delta, As[-1])  # Delta^(L) = dL/dA^(L) * f'(Z^(L))
        for l in reversed(range(L)):
            W, b = self.weights[l], self.biases[l]
            dW = delta @ As[l].T
            db = delta.sum(axis=1, keepdims=True)
            if l > 0:                                           # Delta^(l-1), with W before its update
                delta = W.T @ delta
                _FAST[self._activation_name(l - 1)][1](delta, As[l])
            dW *= lr
            W -= dW
            db *= lr
            b -= db

    def _activation_name(self, l):
        return self.output_activation if l == len(self.weights) - 1 else self.activation


def _loss_name(loss, output_activation):
    """Check the loss name and its pairing with the output activation; return the name."""
    if not isinstance(loss, str) or loss not in LOSSES:
        raise ValueError(
            f"unknown loss {loss!r}; expected one of {', '.join(map(repr, LOSSES))} "
            f"(mean squared error, or cross-entropy for classification)."
        )
    if loss == "cross_entropy" and output_activation not in CROSS_ENTROPY_OUTPUTS:
        raise ValueError(
            f"loss='cross_entropy' needs output probabilities, but output_activation="
            f"{output_activation!r} does not give them. Valid pairs: output_activation='softmax' "
            f"with loss='cross_entropy' (one class per sample), output_activation='sigmoid' with "
            f"loss='cross_entropy' (binary cross-entropy, independent yes/no outputs); any "
            f"output activation works with loss='mse'."
        )
    return loss


def _softmax_in_place(Z):
    """Z <- activations.softmax(Z), the same operations with fewer temporaries."""
    Z -= Z.max(axis=0, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=0, keepdims=True)
    return Z


def _sigmoid_in_place(Z):
    """Z <- activations.sigmoid(Z), the same numbers with fewer temporaries.

    sigmoid computes np.where(z >= 0, 1, u) / (1 + u) with u = e^(-|z|). Because
    0 <= u <= 1, np.where(z >= 0, 1, u) equals np.maximum(u, z >= 0), which NumPy
    evaluates without a branch per element; np.where mispredicts one on data of
    mixed sign, and that dominated the whole training step.
    """
    u = np.abs(Z)
    np.negative(u, out=u)
    np.exp(u, out=u)
    top = np.maximum(u, Z >= 0)
    u += 1.0
    return np.divide(top, u, out=Z)


def _times_sigmoid_prime(delta, A):
    """delta <- delta * f'(Z) with f'(Z) = A (1 - A) read off A = sigmoid(Z)."""
    f_prime = 1.0 - A
    f_prime *= A
    delta *= f_prime


def _times_tanh_prime(delta, A):
    """delta <- delta * (1 - A^2), A = tanh(Z)."""
    f_prime = A * A
    np.subtract(1.0, f_prime, out=f_prime)
    delta *= f_prime


def _times_relu_prime(delta, A):
    """delta <- delta * (A > 0): A = max(Z, 0) > 0 exactly where Z > 0."""
    delta *= A > 0


def _times_identity_prime(delta, A):
    """delta <- delta * 1: nothing to do."""


# activation name -> (f applied in place to Z, returning A; delta <- delta * f'(Z) given A)
_FAST = {
    "identity": (lambda Z: Z, _times_identity_prime),
    "sigmoid": (_sigmoid_in_place, _times_sigmoid_prime),
    "tanh": (lambda Z: np.tanh(Z, out=Z), _times_tanh_prime),
    "relu": (lambda Z: np.maximum(Z, 0, out=Z), _times_relu_prime),
    "softmax": (_softmax_in_place, None),  # output layer only; its Delta^(L) is set in _fast_step
}
