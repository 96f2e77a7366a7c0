"""Figures the notebooks share. Each function draws into ``fig`` when given one
(a playground's figure) or into a new pyplot figure, and returns the figure.
Every panel has a title, axis labels and, where lines are several, a legend.
"""
import numpy as np


def _figure(fig, figsize):
    if fig is None:
        import matplotlib.pyplot as plt
        fig = plt.figure(figsize=figsize)
    return fig


def plot_training(history, fig=None, title="Training", weight_labels=None):
    """Three panels over epochs: the loss, each output-layer weight, the output bias.

    history: a ``network.History`` (or anything with ``loss``, ``output_weights``
    of shape (epochs + 1, n_L, n_{L-1}) and ``output_bias`` of shape (epochs + 1, n_L)).
    """
    fig = _figure(fig, (12, 3.4))
    loss = np.asarray(history.loss)
    W = np.asarray(history.output_weights)
    b = np.asarray(history.output_bias)
    epochs = np.arange(len(loss))
    ax_loss, ax_w, ax_b = fig.subplots(1, 3)
    ax_loss.plot(epochs, loss, color="black", label="training loss")
    if len(loss) and np.all(loss[np.isfinite(loss)] > 0):
        ax_loss.set_yscale("log")
    ax_loss.set(title="Loss", xlabel="epoch", ylabel="mean squared error")
    ax_loss.legend()
    n_out, n_in = W.shape[1:] if W.ndim == 3 else (0, 0)
    for k in range(n_out):
        for j in range(n_in):
            if weight_labels is not None:
                label = weight_labels[j] if n_out == 1 else f"{weight_labels[j]} (output {k + 1})"
            else:
                label = f"$w_{{{j + 1}}}$" if n_out == 1 else f"$w_{{{k + 1}{j + 1}}}$"
            ax_w.plot(epochs, W[:, k, j], label=label)
    ax_w.set(title="Output-layer weights", xlabel="epoch", ylabel="value")
    if n_out * n_in <= 12:
        ax_w.legend(fontsize="small")
    for k in range(b.shape[1] if b.ndim == 2 else 0):
        ax_b.plot(epochs, b[:, k], label="$b$" if b.shape[1] == 1 else f"$b_{{{k + 1}}}$")
    ax_b.set(title="Output-layer bias", xlabel="epoch", ylabel="value")
    ax_b.legend(fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_function_and_derivative(f, f_prime, name, ax=None, z=None):
    """f and f' on one axis over z (default -6..6), labelled with ``name``."""
    if ax is None:
        ax = _figure(None, (5, 3.4)).subplots()
    z = np.linspace(-6, 6, 601) if z is None else z
    ax.plot(z, f(z), label=f"{name}(z)")
    ax.plot(z, f_prime(z), linestyle="--", label=f"{name}'(z)")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set(title=f"{name} and its derivative", xlabel="z", ylabel="value")
    ax.legend()
    return ax


def plot_decision_boundary(predict, X, Y, ax=None, title="Decision boundary", resolution=200):
    """Shade where ``predict`` gives > 0.5 over a 2-D input plane and scatter the samples.

    predict: maps a (2, k) array of points to a (1, k) array of outputs.
    X: (2, m) inputs, Y: (1, m) labels 0 or 1.
    """
    if ax is None:
        ax = _figure(None, (4.5, 4)).subplots()
    pad = 0.5
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    gx, gy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    out = np.asarray(predict(np.vstack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    ax.contourf(gx, gy, out, levels=[-np.inf, 0.5, np.inf], colors=["#cfe2f3", "#f4cccc"], alpha=0.8)
    ax.contour(gx, gy, out, levels=[0.5], colors="black", linewidths=1)
    labels = np.asarray(Y).ravel()
    for value, color, marker in ((0, "#1f77b4", "o"), (1, "#d62728", "^")):
        pts = X[:, labels == value]
        ax.scatter(pts[0], pts[1], s=14, c=color, marker=marker, label=f"label {value}")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", xlim=(x_min, x_max), ylim=(y_min, y_max))
    ax.legend(loc="upper right", fontsize="small")
    return ax
