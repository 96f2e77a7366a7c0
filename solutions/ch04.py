"""Reference solutions of notebook 04's exercises (try them yourself first)."""
from nn_helpers.activations import sigmoid_prime
from nn_helpers.exercises.ch04 import exercise_arrays

_d = exercise_arrays()

# Exercise 1: the output layer's error signal, (2/m)(A2 - Y) * f'(Z2), shape (2, 5).
output_delta = (2 / _d["X"].shape[1]) * (_d["A2"] - _d["Y"]) * sigmoid_prime(_d["Z2"])


# Exercise 2: push the error back through W2 and f, then contract over the samples.
def layer1_gradients(W2, Delta2, Z1, X):
    Delta1 = (W2.T @ Delta2) * sigmoid_prime(Z1)     # (4, 2) @ (2, 5) -> (4, 5)
    dW1 = Delta1 @ X.T                               # (4, 5) @ (5, 3) -> (4, 3)
    db1 = Delta1.sum(axis=1, keepdims=True)          # (4, 1)
    return dW1, db1


# Exercise 3: one path per sample (4) times one per output that a^(1)_2i feeds (2).
path_count = 4 * 2
