"""Reference solutions for notebook 02 (the batched neuron). Try the exercises first."""
import numpy as np


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


def weighted_gradients(w, b, X, y, c):
    """Exercise 3: L = (1/m) sum_i c_i (a_i - y_i)^2, so dL/da_i = (2/m) c_i (a_i - y_i): the weights
    multiply each sample's error, and the rest of section 4's derivation is unchanged."""
    m = X.shape[1]
    r = c * (w.T @ X + b - y)            # (1, m): c_i (a_i - y_i)
    return (2 / m) * X @ r.T, (2 / m) * float(r.sum())


def least_squares(X, y):
    """Exercise 4: stack theta = (w, b) and X1 = X with a row of ones appended, (n + 1, m), so that
    a^T = theta^T X1. The gradient (2/m) X1 (X1^T theta - y^T) is zero where
    (X1 X1^T) theta = X1 y^T: the normal equations, an (n + 1, n + 1) linear system."""
    X1 = np.vstack([X, np.ones((1, X.shape[1]))])
    theta = np.linalg.solve(X1 @ X1.T, X1 @ y.T)          # (n + 1, 1)
    return theta[:-1], float(theta[-1, 0])
