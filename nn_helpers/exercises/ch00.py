"""Checkers for the exercises of notebook 00 (the linear algebra toolkit).

1. ``check_mean_squared_error(fn)``: a mean squared error that survives the
   (m,) versus (m, 1) pitfall.
2. ``check_jacobian(fn)``: the Jacobian of f(x) = (x1 x2 x3, x1^2 + e^(x3)) in
   numerator layout, shape (2, 3).
3. ``check_gradient_of_squared_norm(fn)``: the gradient of s(x) = ||A x||^2,
   found with the vector chain rule, as a column shaped like x.
4. ``check_gradient_of_quadratic_form(fn)``: the gradient of q(x) = x^T A x for a
   square A that need not be symmetric: (A + A^T) x.

Each checker calls the reader's function on the notebook's example and on seeded
random inputs of other sizes, so memorised numbers do not pass; the tests hold the
expected numbers against finite differences and hand values.
"""
import numpy as np

from . import (GRADIENT_CHECK_TIP, Case, as_numbers, check_function, checker, compare_array, correct, describe,
               random_cases, wrong)

__all__ = ["check_mean_squared_error", "check_jacobian", "check_gradient_of_squared_norm",
           "check_gradient_of_quadratic_form"]


# -- Exercise 1 --------------------------------------------------------------------------------
MSE_EXAMPLE = (np.array([0.5, 2.0, -1.0, 3.0]), np.array([1.0, 1.0, 0.0, 2.0]))   # mean 0.8125
SHAPE_MIXES = (("(m, 1)", "(m,)"), ("(m,)", "(m, 1)"), ("(1, m)", "(m, 1)"), ("(m,)", "(m,)"))


def _shaped(v, form):
    return {"(m, 1)": v.reshape(-1, 1), "(1, m)": v.reshape(1, -1), "(m,)": v.ravel()}[form]


def mean_squared_error_cases():
    """The notebook's example in every mix of shapes, then random a, y with m = 3, 7, 12 (mixed shapes)."""
    def case(a, y, forms):
        m = a.size
        description = f"a of shape {forms[0].replace('m', str(m))} and y of shape {forms[1].replace('m', str(m))}"
        return Case(description, (_shaped(a, forms[0]), _shaped(y, forms[1])), a=a, y=y)

    cases = [case(*MSE_EXAMPLE, forms) for forms in SHAPE_MIXES]
    cases += random_cases(lambda rng, m: case(rng.normal(size=m), rng.normal(size=m),
                                              SHAPE_MIXES[m % len(SHAPE_MIXES)]), sizes=(3, 7, 12), seed=0)
    return cases


def _judge_mean_squared_error(result, case):
    exercise = "Exercise 1 (mean squared error)"
    a, y = case["a"], case["y"]
    m = a.size
    expected = float(np.mean((a - y) ** 2))
    if isinstance(result, (str, bytes)):
        return wrong(exercise, f"your function returned the text {describe(result)}, not a number.")
    loss, problem = as_numbers(result, "your loss")
    if problem is not None:
        return wrong(exercise, problem)
    if loss.size != 1:
        return wrong(exercise, f"your function returned an array of shape {loss.shape}; the loss is "
                               "one number. Did a subtraction broadcast to a matrix?")
    value = float(loss.reshape(()))
    if not np.isfinite(value):
        return wrong(exercise, f"your function returned {value}, not a finite number.")
    if np.isclose(value, expected, rtol=1e-9, atol=0):
        return correct(exercise)
    slips = [
        (float(np.mean((a.reshape(-1, 1) - y) ** 2)),
         f"you get {value:.4f}, the mean over all {m} x {m} pairs (a_i - y_j)^2: a column minus a 1-D array "
         f"broadcasts to a ({m}, {m}) matrix. Flatten both first, e.g. np.ravel(a) - np.ravel(y)."),
        (expected * m, f"you get the sum {value:.4f}; the mean divides by m = {m}."),
        (float(np.mean(np.abs(a - y))), "you get the mean absolute error; square the differences."),
        (float(np.sqrt(expected)), "you get the square root of the mean squared error; leave the root out."),
    ]
    for slip, message in slips:
        if np.isclose(value, slip, rtol=1e-9, atol=0):
            return wrong(exercise, message)
    return wrong(exercise, f"you get {value:.4f}, but the mean squared error is {expected:.4f} "
                           f"(off by {value - expected:+.3g}).")


@checker("Exercise 1 (mean squared error)")
def check_mean_squared_error(mean_squared_error):
    """mean_squared_error(a, y) must give (1/m) sum_i (a_i - y_i)^2 for any mix of (m,), (m, 1), (1, m)."""
    return check_function("Exercise 1 (mean squared error)", mean_squared_error, mean_squared_error_cases(),
                          _judge_mean_squared_error,
                          "right for every mix of (m,), (m, 1) and (1, m) shapes, and for every m tried.")


# -- Exercise 2 --------------------------------------------------------------------------------
def _jacobian(x):
    x1, x2, x3 = np.asarray(x, dtype=float).ravel()
    return np.array([[x2 * x3, x1 * x3, x1 * x2],
                     [2 * x1, 0.0, np.exp(x3)]])


JACOBIAN_POINTS = ([1.0, 2.0, 3.0], [0.5, -1.5, 0.2], [-2.0, 0.7, -1.0])


def jacobian_cases():
    """The three fixed points, then two seeded random points."""
    points = [list(p) for p in JACOBIAN_POINTS]
    points += random_cases(lambda rng, _: [round(v, 3) for v in rng.uniform(-2, 2, size=3)], sizes=(0, 1), seed=0)
    return [Case(f"x = {tuple(p)}", (np.array(p, dtype=float).reshape(3, 1),), x=np.array(p).reshape(3, 1))
            for p in points]


def _judge_jacobian(result, case):
    exercise = "Exercise 2 (a Jacobian)"
    x = case["x"]
    expected = _jacobian(x)
    answer, problem = as_numbers(result, "your Jacobian")
    if problem is not None:
        return wrong(exercise, problem)
    if answer.shape == (3, 2) and np.allclose(answer, expected.T):
        return wrong(exercise, "you returned the transpose, shape (3, 2). In numerator layout the "
                     "Jacobian has one row per output f_i (2 rows) and one column per input x_j (3 columns).")
    missing_two = expected.copy()
    missing_two[1, 0] = x[0, 0]
    swapped = expected.copy()
    swapped[0] = [x[0, 0] * x[1, 0], x[0, 0] * x[2, 0], x[1, 0] * x[2, 0]]
    return compare_array(exercise, answer, expected, name="your Jacobian", hints=[
        (missing_two, "the derivative of x1^2 by x1 is 2 x1: a factor 2 is missing."),
        (swapped, "row 1 is in the wrong order: entry (1, j) is the derivative of f_1 = x1 x2 x3 by x_j, "
                  "so it is x2 x3, x1 x3, x1 x2 from left to right."),
    ], suggest="Entry (i, j) is the derivative of f_i by x_j; differentiate each entry once more by hand.")


@checker("Exercise 2 (a Jacobian)")
def check_jacobian(jacobian):
    """jacobian(x) for x of shape (3, 1) must return the (2, 3) Jacobian of f(x) = (x1 x2 x3, x1^2 + e^(x3))."""
    return check_function("Exercise 2 (a Jacobian)", jacobian, jacobian_cases(), _judge_jacobian,
                          "row i holds the derivatives of f_i, column j the derivatives by x_j.")


# -- Exercise 3 --------------------------------------------------------------------------------
SQUARED_NORM_CASES = (
    (np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 3.0]]), np.array([[1.0], [-2.0], [0.5]])),
    (np.array([[2.0, -1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, -3.0]]), np.array([[0.5], [1.0], [-1.0]])),
)


def squared_norm_cases():
    """The two fixed cases, then random A of shapes (k, n) = (4, 2), (1, 5), (6, 6), (3, 7) with random x."""
    pairs = list(SQUARED_NORM_CASES)
    pairs += random_cases(lambda rng, shape: (rng.normal(size=shape), rng.normal(size=(shape[1], 1))),
                          sizes=((4, 2), (1, 5), (6, 6), (3, 7)), seed=0)
    return [Case(f"A of shape {A.shape} and x of shape {x.shape}", (A, x), A=A, x=x) for A, x in pairs]


def _judge_squared_norm(result, case):
    exercise = "Exercise 3 (the chain rule)"
    A, x = case["A"], case["x"]
    expected = 2 * A.T @ A @ x
    answer, problem = as_numbers(result, "your gradient")
    if problem is not None:
        return wrong(exercise, problem)
    if answer.shape == (1, x.shape[0]) and np.allclose(answer, expected.T):
        return wrong(exercise, "you returned the row (1, n): that is the derivative ds/dx in numerator "
                     "layout. The gradient is its transpose, a column shaped like x.")
    hints = [(expected / 2, "a factor 2 is missing: ds/dy = 2 y^T for s = y^T y."),
             (-expected, "the sign is flipped.")]
    if A.shape[0] == A.shape[1]:
        hints.append((2 * A @ A.T @ x, "you used A A^T; the chain rule gives (ds/dy)(dy/dx) = 2 y^T A, "
                      "whose transpose is 2 A^T A x."))
    return compare_array(exercise, answer, expected, name="your gradient", hints=hints, suggest=GRADIENT_CHECK_TIP)


@checker("Exercise 3 (the chain rule)")
def check_gradient_of_squared_norm(gradient_of_squared_norm):
    """gradient_of_squared_norm(A, x) must return grad_x ||A x||^2 = 2 A^T A x, shape (n, 1) like x."""
    return check_function("Exercise 3 (the chain rule)", gradient_of_squared_norm, squared_norm_cases(),
                          _judge_squared_norm,
                          "ds/dx = (ds/dy)(dy/dx) = 2 y^T A, and the gradient is its transpose 2 A^T A x.")


# -- Exercise 4 --------------------------------------------------------------------------------
QUADRATIC_EXAMPLE = (np.array([[1.0, 2.0], [0.0, 3.0]]), np.array([[1.0], [-1.0]]))   # gradient (-1, -4)


def quadratic_form_cases():
    """The notebook's example, then random square A (not symmetric) of sizes 3, 1, 5 with random x."""
    pairs = [QUADRATIC_EXAMPLE]
    pairs += random_cases(lambda rng, n: (rng.normal(size=(n, n)), rng.normal(size=(n, 1))),
                          sizes=(3, 1, 5), seed=4)
    return [Case(f"A of shape {A.shape} and x of shape {x.shape}", (A, x), A=A, x=x) for A, x in pairs]


def _judge_quadratic_form(result, case):
    exercise = "Exercise 4 (a quadratic form)"
    A, x = case["A"], case["x"]
    expected = (A + A.T) @ x
    return compare_array(exercise, result, expected, name="your gradient", hints=[
        (2 * A @ x, "2 A x is right only for a symmetric A. Write q = sum_ij x_i A_ij x_j: x appears "
                    "twice, once on each side of A, and each appearance contributes a term."),
        (2 * A.T @ x, "2 A^T x is right only for a symmetric A: both A x and A^T x appear in the answer."),
        (A @ x, "A x is only the part from the right-hand x; the left-hand x^T contributes A^T x too."),
        (A.T @ x, "A^T x is only the part from the left-hand x^T; the right-hand x contributes A x too."),
    ], suggest=GRADIENT_CHECK_TIP)


@checker("Exercise 4 (a quadratic form)")
def check_gradient_of_quadratic_form(gradient_of_quadratic_form):
    """gradient_of_quadratic_form(A, x) must return grad_x (x^T A x) = (A + A^T) x, shaped like x."""
    return check_function("Exercise 4 (a quadratic form)", gradient_of_quadratic_form,
                          quadratic_form_cases(), _judge_quadratic_form,
                          "d(x^T A x)/dx = x^T (A + A^T), so the gradient is (A + A^T) x, for any square A.")
