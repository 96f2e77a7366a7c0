"""Reference solutions of notebook 04's exercises (try them yourself first)."""
import numpy as np

from nn_helpers.activations import sigmoid_prime

# Exercise 1: the output layer's error signal, (2/m)(A2 - Y) * f'(Z2), shaped like A2: (n2, m).
def output_delta(A2, Y, Z2):
    m = A2.shape[1]                                   # samples are columns
    return (2 / m) * (A2 - Y) * sigmoid_prime(Z2)


# Exercise 2: push the error back through W2 and f, then contract over the samples.
def layer1_gradients(W2, Delta2, Z1, X):
    Delta1 = (W2.T @ Delta2) * sigmoid_prime(Z1)     # (4, 2) @ (2, 5) -> (4, 5)
    dW1 = Delta1 @ X.T                               # (4, 5) @ (5, 3) -> (4, 3)
    db1 = Delta1.sum(axis=1, keepdims=True)          # (4, 1)
    return dW1, db1


# Exercise 3: one path per sample (4) times one per output that a^(1)_2i feeds (2).
path_count = 4 * 2


# Exercise 4: the recursion one step further down. X enters like an activation A^(0):
# Z1 = W1 X + b1, so dL/dX = W1^T Delta1 (the sum over the hidden units), shaped like X.
def input_gradient(W1, b1, W2, b2, X, Y):
    Z1 = W1 @ X + b1
    A1 = 1 / (1 + np.exp(-Z1))
    Z2 = W2 @ A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    Delta2 = (2 / X.shape[1]) * (A2 - Y) * sigmoid_prime(Z2)   # (n2, m)
    Delta1 = (W2.T @ Delta2) * sigmoid_prime(Z1)               # (n1, m)
    return W1.T @ Delta1                                        # (n0, n1) @ (n1, m) -> (n0, m)
