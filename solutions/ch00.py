"""Reference solutions of notebook 00's exercises (try them yourself first)."""
import numpy as np


def mean_squared_error(a, y):
    """Exercise 1: flatten both arrays, so no shape can broadcast into an (m, m) matrix."""
    a, y = np.ravel(a), np.ravel(y)
    return float(np.mean((a - y) ** 2))


def jacobian(x):
    """Exercise 2: f(x) = (x1 x2 x3, x1^2 + e^(x3)); x (3, 1) -> J (2, 3), row i = derivatives of f_i."""
    x1, x2, x3 = x[:, 0]
    return np.array([[x2 * x3, x1 * x3, x1 * x2],
                     [2 * x1, 0.0, np.exp(x3)]])


def gradient_of_squared_norm(A, x):
    """Exercise 3: y = A x, s = y^T y; ds/dx = (2 y^T) A, a row; the gradient is its transpose."""
    y = A @ x
    return (2 * y.T @ A).T


def gradient_of_quadratic_form(A, x):
    """Exercise 4: q = sum_ij x_i A_ij x_j. x appears twice, so dq/dx = x^T A + (A x)^T = x^T (A + A^T)
    (a row), and the gradient is its transpose, (A + A^T) x: 2 A x only when A is symmetric."""
    return (A + A.T) @ x
