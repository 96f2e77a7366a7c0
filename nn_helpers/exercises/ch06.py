"""Checkers for the exercises of notebook 06 (classification).

1. ``check_bce_delta(function)``: Delta^(L) of binary cross-entropy with sigmoid outputs, from (A, Y).
2. ``check_jacobian_entry(function)``: one entry da_k/dz_j of the softmax Jacobian, from (a, k, j).
3. ``check_logsumexp(function)``: a log-sum-exp of a vector that never overflows.
4. ``check_uniform_loss(answer)``: the cross-entropy of a network that gives every one of 10 classes 1/10.

The function checkers run the reader's code on seeded random inputs of several sizes (and,
for exercise 3, on entries of size 1000), so a memorised answer or a formula that works for
one size only is caught.
"""
import numpy as np

from .. import activations
from . import (Case, as_numbers, check_function, checker, compare_array, correct, describe, not_attempted,
               open_exercise, random_cases, wrong)

__all__ = ["check_bce_delta", "check_jacobian_entry", "check_logsumexp", "check_uniform_loss", "N_CLASSES"]

N_CLASSES = 10

# -- exercise 1: Delta^(L) of binary cross-entropy ---------------------------------------------
BCE = "Exercise 1 (binary cross-entropy delta)"
BCE_SHAPES = ((1, 4), (3, 5), (2, 1), (4, 7))


def _bce_case(rng, shape):
    A = activations.sigmoid(2.0 * rng.standard_normal(shape))
    Y = rng.integers(0, 2, size=shape).astype(float)
    return Case(f"A and Y of shape {shape}", (A, Y), A=A, Y=Y)


def _judge_bce(result, case):
    A, Y = case["A"], case["Y"]
    m = A.shape[1]
    hints = [
        ((Y - A) / m, "the sign is flipped: Delta^(L) = dL/dZ is (1/m)(A - Y), positive where the output is "
                      "too large."),
        (A - Y, "the 1/m is missing: the loss is a mean over the m samples, so every derivative carries 1/m."),
        (2 * (A - Y) / m, "that is the factor 2/m of the mean squared error; cross-entropy has no square, so 1/m."),
        ((A - Y) * A * (1 - A) / m, "the factor sigma'(Z) = A(1 - A) cancels against the 1/(A(1 - A)) of "
                                    "dL/dA: it should not be left in Delta^(L)."),
        ((A - Y) / (A * (1 - A)) / m, "that is dL/dA; Delta^(L) = dL/dZ multiplies it by sigma'(Z) = A(1 - A)."),
        ((A - Y) / A.size, "divide by m, the number of samples (columns), not by the number of entries: the "
                           "loss sums over the outputs and averages over the samples."),
    ]
    return compare_array(BCE, result, (A - Y) / m, name="Delta^(L)", hints=hints)


@checker(BCE)
def check_bce_delta(function):
    """Exercise 1: function(A, Y) -> Delta^(L) = dL/dZ^(L) for L = binary cross-entropy, A = sigmoid(Z)."""
    return check_function(BCE, function, random_cases(_bce_case, BCE_SHAPES, seed=61), _judge_bce,
                          "Delta^(L) = (1/m)(A - Y): the sigmoid's slope cancels, for every shape tried.")


# -- exercise 2: one entry of the softmax Jacobian ----------------------------------------------
JACOBIAN = "Exercise 2 (softmax Jacobian entry)"


def jacobian_cases():
    """Random softmax outputs of sizes 3, 4 and 6; for each, a diagonal and two off-diagonal entries."""
    rng = np.random.default_rng(62)
    cases = []
    for n in (3, 4, 6):
        a = activations.softmax(rng.standard_normal(n))
        k = int(rng.integers(n))
        others = [j for j in range(n) if j != k]
        j1, j2 = (int(j) for j in rng.choice(others, size=2, replace=False))
        for kk, jj in ((k, k), (k, j1), (j2, k)):
            cases.append(Case(f"a = {np.array2string(a, precision=3)}, k = {kk}, j = {jj}", (a, kk, jj),
                              a=a, k=kk, j=jj))
    return cases


def _judge_jacobian(result, case):
    a, k, j = case["a"], case["k"], case["j"]
    delta = 1.0 if k == j else 0.0
    expected = a[k] * (delta - a[j])
    hints = [
        (a[k] * (1 - a[j]), "the 1 belongs only on the diagonal: da_k/dz_j = a_k (delta_kj - a_j), with "
                            "delta_kj = 1 when k = j and 0 otherwise."),
        (-a[k] * a[j], "on the diagonal (k = j) there is one more term: z_k also sits in the numerator "
                       "e^(z_k), which gives a_k; so da_k/dz_k = a_k - a_k^2."),
        (a[k] * (1 - a[k]) if k != j else np.nan, "off the diagonal (k != j) z_j appears only in the "
                                                  "denominator, so the slope is -a_k a_j, not a_k(1 - a_k)."),
        (0.0 if k != j else np.nan, "the softmax Jacobian is not diagonal: z_j changes every a_k through the "
                                    "sum in the denominator, giving -a_k a_j for k != j."),
        (delta - a[j] if a[k] != 0 else np.nan, "a factor a_k is missing: the quotient rule on "
                                                "e^(z_k) / sum_i e^(z_i) gives a_k (delta_kj - a_j)."),
    ]
    hints = [(value, message) for value, message in hints if np.isfinite(value)]
    return compare_array(JACOBIAN, result, expected, name=f"da_{k}/dz_{j}", hints=hints)


@checker(JACOBIAN)
def check_jacobian_entry(function):
    """Exercise 2: function(a, k, j) -> da_k/dz_j for a = softmax(z), a of shape (n,)."""
    feedback = check_function(JACOBIAN, function, jacobian_cases(), _judge_jacobian,
                              "da_k/dz_j = a_k (delta_kj - a_j) on and off the diagonal, for every size tried.")
    return feedback


# -- exercise 3: a stable log-sum-exp -----------------------------------------------------------
LSE = "Exercise 3 (stable log-sum-exp)"


def logsumexp_cases():
    """Seeded random vectors of several sizes, then vectors whose naive form overflows or underflows,
    one of them with its maximum twice (e^(z_j - c) = 1 for both: dropping every z_j equal to c is wrong)."""
    rng = np.random.default_rng(63)
    cases = [Case(f"z = {np.array2string(z, precision=3)}", (z,), z=z)
             for z in (rng.standard_normal(3), 5 * rng.standard_normal(6), rng.standard_normal(1))]
    for z in (np.array([1000.0, 999.0, -5.0]), np.array([-1000.0, -1001.0, -1002.0]),
              np.array([800.0, -800.0]), np.array([0.0, 745.0, 744.0, 12.0]), np.array([900.0, 900.0, 899.0])):
        cases.append(Case(f"z = {np.array2string(z, precision=1)}", (z,), z=z))
    return cases


def _judge_logsumexp(result, case):
    z = case["z"]
    c = z.max()
    expected = c + np.log(np.sum(np.exp(z - c)))          # every exponent <= 0: no overflow here
    value, problem = as_numbers(result, "your result")
    if problem is None and value.shape != ():
        if value.size == 1:
            value = value.reshape(())
        else:
            return wrong(LSE, f"return one number, log sum_j e^(z_j), not an array of shape {value.shape}.")
    if problem is None and not np.isfinite(value):
        return wrong(LSE, f"your result is {float(value)}: e^(z_j) overflows beyond e^709 (or every e^(z_j) "
                          f"underflows to 0 below e^-745). Subtract c = max_j z_j inside the exponent, then "
                          f"add c back outside the log.")
    hints = [
        (np.log(np.sum(np.exp(z - c))), "you subtracted c = max z inside the exponent but did not add it back: "
                                        "log sum e^(z_j) = c + log sum e^(z_j - c)."),
        (c, "max z is only the largest term; add log sum_j e^(z_j - c), which lies between 0 and log n."),
    ]
    hints = [(v, message) for v, message in hints if np.isfinite(v) and not np.isclose(v, expected)]
    return compare_array(LSE, value if problem is None else result, expected, name="your result", hints=hints)


@checker(LSE)
def check_logsumexp(function):
    """Exercise 3: function(z) -> log sum_j e^(z_j) for a 1-D array z, finite for entries as large as +-1000."""
    return check_function(LSE, function, logsumexp_cases(), _judge_logsumexp,
                          "c + log sum e^(z - c) with c = max z: right on small vectors and finite at +-1000.")


# -- exercise 4: the loss of a uniform guess ----------------------------------------------------
UNIFORM = "Exercise 4 (loss of a uniform guess)"


@checker(UNIFORM)
def check_uniform_loss(answer):
    """Exercise 4: the categorical cross-entropy when every sample gets probability 1/10 for every class."""
    if not_attempted(answer):
        return open_exercise(UNIFORM, "a number")
    number, problem = as_numbers(answer, "the answer")
    if problem is not None:
        return wrong(UNIFORM, problem)
    if number.size != 1 or not np.isfinite(number).all():
        return wrong(UNIFORM, f"the answer should be one finite number, but got {describe(answer)}.")
    value = float(number.reshape(()))
    truth = np.log(N_CLASSES)
    if np.isclose(value, truth, rtol=1e-3, atol=0):
        return correct(UNIFORM, f"only the true class's term survives the one-hot sum: -log(1/10) = log 10 "
                                f"= {truth:.4f} for every sample, and so for their mean. An untrained network "
                                f"starts near it.")
    hints = [
        (-truth, "a loss of probabilities below 1 is positive: -log(1/10) = +log 10."),
        (1.0, "the book's log is the natural logarithm (np.log): log 10 is about 2.3, not 1 as in base 10."),
        (np.log2(N_CLASSES), "the book's log is the natural logarithm (np.log), not base 2."),
        (0.1, "0.1 is the probability; the loss is -log of the true class's probability."),
        (N_CLASSES * truth, "Y is one-hot: of the ten terms y_k log a_k only the true class's is not zero."),
        (0.9, "that is 1 - 1/10; cross-entropy takes -log of the true class's probability."),
    ]
    for wrong_value, message in hints:
        if np.isclose(value, wrong_value, rtol=1e-3, atol=0):
            return wrong(UNIFORM, message)
    return wrong(UNIFORM, "not yet: with one-hot Y, the sum over classes keeps one term, -log a_(true class). "
                          "What is a for every class here?")
