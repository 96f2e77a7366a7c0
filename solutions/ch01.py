"""Reference solutions of notebook 01's exercises (try them yourself first)."""
import numpy as np

# Exercise 1: w = (0.5, -1, 2), b = 0.5, x = (2, 1, 1), y = 1.
# z = 0.5*2 - 1*1 + 2*1 + 0.5 = 2.5, a = z, dL/da = 2 (a - y) = 3, so grad_w L = 3 x.
grad_w = np.array([[6.0], [3.0], [3.0]])


def sgd_step(w, b, x, y, lr):
    """Exercise 2: one step of gradient descent on one sample."""
    a = (w.T @ x).item() + b
    dL_da = 2 * (a - y)
    return w - lr * dL_da * x, b - lr * dL_da


def grad_x(w, b, x, y):
    """Exercise 3: dz/dx = w^T, so grad_x L = 2 (a - y) w, a column like x."""
    a = (w.T @ x).item() + b
    return 2 * (a - y) * w


def grad_w_with_decay(w, b, x, y, mu):
    """Exercise 4: L = (a - y)^2 + mu w^T w. The first term gives 2 (a - y) x as before; the
    penalty's row derivative is mu 2 w^T (notebook 00, section 6.4), so it adds 2 mu w."""
    a = (w.T @ x).item() + b
    return 2 * (a - y) * x + 2 * mu * w
