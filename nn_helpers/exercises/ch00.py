"""Checkers for the exercises of notebook 00 (the linear algebra toolkit).

1. ``check_mean_squared_error(fn)``: a mean squared error that survives the
   (m,) versus (m, 1) pitfall.
2. ``check_jacobian(fn)``: the Jacobian of f(x) = (x1 x2 x3, x1^2 + e^(x3)) in
   numerator layout, shape (2, 3).
3. ``check_gradient_of_squared_norm(fn)``: the gradient of s(x) = ||A x||^2,
   found with the vector chain rule, as a column shaped like x.

Each checker calls the reader's function on a few fixed inputs and compares
with the expected numbers; the expected numbers come from the formulas in the
notebook, and the tests hold them against finite differences.
"""
import numpy as np

from . import call_safely, compare_array, correct, wrong

__all__ = ["check_mean_squared_error", "check_jacobian", "check_gradient_of_squared_norm"]


# -- Exercise 1 --------------------------------------------------------------------------------
def check_mean_squared_error(mean_squared_error):
    """mean_squared_error(a, y) must give (1/m) sum_i (a_i - y_i)^2 for any mix of (m,), (m, 1), (1, m)."""
    exercise = "Exercise 1 (mean squared error)"
    a = np.array([0.5, 2.0, -1.0, 3.0])
    y = np.array([1.0, 1.0, 0.0, 2.0])
    expected = float(np.mean((a - y) ** 2))                               # 0.8125
    broadcast = float(np.mean((a.reshape(-1, 1) - y) ** 2))               # the (m, m) mistake
    cases = [("a of shape (4, 1) and y of shape (4,)", a.reshape(-1, 1), y),
             ("a of shape (4,) and y of shape (4, 1)", a, y.reshape(-1, 1)),
             ("a of shape (1, 4) and y of shape (4, 1)", a.reshape(1, -1), y.reshape(-1, 1)),
             ("a and y both of shape (4,)", a, y)]
    for description, a_case, y_case in cases:
        result, failure = call_safely(exercise, mean_squared_error, a_case.copy(), y_case.copy())
        if failure is not None:
            return failure
        if isinstance(result, str):
            return wrong(exercise, f"for {description} your function returned the text {result!r}, not a number.")
        if np.size(result) != 1:
            return wrong(exercise, f"for {description} your function returned an array of shape "
                         f"{np.shape(result)}; the loss is one number. Did a subtraction broadcast "
                         "to a matrix?")
        try:
            value = float(np.asarray(result, dtype=float).reshape(()))
        except (TypeError, ValueError):
            return wrong(exercise, f"for {description} your function returned {type(result).__name__}, not a number.")
        if np.isclose(value, expected, rtol=1e-9):
            continue
        if np.isclose(value, broadcast, rtol=1e-9):
            return wrong(exercise, f"for {description} you get {value:.4f}, the mean over all 4 x 4 "
                         "pairs (a_i - y_j)^2: a column minus a 1-D array broadcasts to a (4, 4) "
                         "matrix. Flatten both first, e.g. np.ravel(a) - np.ravel(y).")
        if np.isclose(value, expected * len(a), rtol=1e-9):
            return wrong(exercise, f"for {description} you get the sum {value:.4f}; the mean divides by m = 4.")
        if np.isclose(value, float(np.mean(np.abs(a - y))), rtol=1e-9):
            return wrong(exercise, f"for {description} you get the mean absolute error; square the differences.")
        return wrong(exercise, f"for {description} you get {value:.4f}, but the mean squared error is {expected:.4f}.")
    return correct(exercise, "right for every mix of (m,), (m, 1) and (1, m) shapes.")


# -- Exercise 2 --------------------------------------------------------------------------------
def _jacobian(x):
    x1, x2, x3 = np.asarray(x, dtype=float).ravel()
    return np.array([[x2 * x3, x1 * x3, x1 * x2],
                     [2 * x1, 0.0, np.exp(x3)]])


JACOBIAN_POINTS = ([1.0, 2.0, 3.0], [0.5, -1.5, 0.2], [-2.0, 0.7, -1.0])


def check_jacobian(jacobian):
    """jacobian(x) for x of shape (3, 1) must return the (2, 3) Jacobian of f(x) = (x1 x2 x3, x1^2 + e^(x3))."""
    exercise = "Exercise 2 (a Jacobian)"
    for point in JACOBIAN_POINTS:
        x = np.array(point).reshape(3, 1)
        expected = _jacobian(x)
        result, failure = call_safely(exercise, jacobian, x.copy())
        if failure is not None:
            return failure
        try:
            answer = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            return wrong(exercise, f"your function should return a (2, 3) array of numbers, "
                         f"but returned {type(result).__name__}.")
        if answer.shape == (3, 2) and np.allclose(answer, expected.T):
            return wrong(exercise, "you returned the transpose, shape (3, 2). In numerator layout the "
                         "Jacobian has one row per output f_i (2 rows) and one column per input x_j (3 columns).")
        missing_two = expected.copy()
        missing_two[1, 0] = x[0, 0]
        swapped = expected.copy()
        swapped[0] = [x[0, 0] * x[1, 0], x[0, 0] * x[2, 0], x[1, 0] * x[2, 0]]
        feedback = compare_array(exercise, answer, expected, name=f"your Jacobian at x = {tuple(point)}", hints=[
            (missing_two, "the derivative of x1^2 by x1 is 2 x1: a factor 2 is missing."),
            (swapped, "row 1 is in the wrong order: entry (1, j) is the derivative of f_1 = x1 x2 x3 by x_j, "
                      "so it is x2 x3, x1 x3, x1 x2 from left to right."),
        ])
        if not feedback:
            return feedback
    return correct(exercise, "row i holds the derivatives of f_i, column j the derivatives by x_j.")


# -- Exercise 3 --------------------------------------------------------------------------------
SQUARED_NORM_CASES = (
    (np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 3.0]]), np.array([[1.0], [-2.0], [0.5]])),
    (np.array([[2.0, -1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, -3.0]]), np.array([[0.5], [1.0], [-1.0]])),
)


def check_gradient_of_squared_norm(gradient_of_squared_norm):
    """gradient_of_squared_norm(A, x) must return grad_x ||A x||^2 = 2 A^T A x, shape (n, 1) like x."""
    exercise = "Exercise 3 (the chain rule)"
    for A, x in SQUARED_NORM_CASES:
        expected = 2 * A.T @ A @ x
        result, failure = call_safely(exercise, gradient_of_squared_norm, A.copy(), x.copy())
        if failure is not None:
            return failure
        try:
            answer = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            return wrong(exercise, f"your function should return an array of numbers, but returned {type(result).__name__}.")
        if answer.shape == (1, x.shape[0]) and np.allclose(answer, expected.T):
            return wrong(exercise, "you returned the row (1, n): that is the derivative ds/dx in numerator "
                         "layout. The gradient is its transpose, a column shaped like x.")
        hints = [(expected / 2, "a factor 2 is missing: ds/dy = 2 y^T for s = y^T y."),
                 (-expected, "the sign is flipped.")]
        if A.shape[0] == A.shape[1]:
            hints.append((2 * A @ A.T @ x, "you used A A^T; the chain rule gives (ds/dy)(dy/dx) = 2 y^T A, "
                          "whose transpose is 2 A^T A x."))
        feedback = compare_array(exercise, answer, expected, name=f"your gradient for A of shape {A.shape}",
                                 hints=hints)
        if not feedback:
            return feedback
    return correct(exercise, "ds/dx = (ds/dy)(dy/dx) = 2 y^T A, and the gradient is its transpose 2 A^T A x.")
