"""Reference solutions for notebook 02 (the batched neuron). Try the exercises first."""


def batch_gradients(w, b, X, y):
    """Exercise 1: grad_w L = (2/m) X (a - y) of shape (n, 1) and dL/db = (2/m) sum_i (a_i - y_i)."""
    m = X.shape[1]
    a = w.T @ X + b                      # a^T: (1, m)
    dw = (2 / m) * X @ (a - y).T         # (n, m) (m, 1) = (n, 1)
    db = (2 / m) * float((a - y).sum())
    return dw, db


# Exercise 2: gradient evaluations per epoch on m = 1000 samples for full-batch, minibatch
# (batch size 64: 15 full batches and a last one of 40 samples) and stochastic gradient descent.
updates_per_epoch = (1, 16, 1000)
