"""Reference solutions of notebook 05's exercises (try them yourself first)."""

# Exercise 1: in a 4-6-5-2 network with m = 10 samples, layer 2 has n2 = 5 units and reads n1 = 6.
# Delta^(2) is shaped like Z^(2); each gradient like its parameter.
shapes = ((5, 10), (5, 6), (5, 1))


# Exercise 2: the general delta formula, from the last layer down (lists are 0-based: weights[l] is W^(l+1)).
def deltas(weights, Zs, delta_L, f_prime):
    result = [delta_L]
    for l in range(len(weights) - 1, 0, -1):
        result.insert(0, (weights[l].T @ result[0]) * f_prime(Zs[l - 1]))
    return result


# Exercise 3: sigma'(z) = sigma(z)(1 - sigma(z)) is at most 1/4 (at z = 0); six layers multiply six such factors.
sigmoid_bound = 0.25 ** 6


# Exercise 4: the gradient check shows dW and db of the last layer right and every layer below it wrong, so the
# first wrong step is the one from Delta(L) to Delta(L-1). There the bug multiplies by fs[l][1], the slope of the
# layer above; the step to layer l needs layer l's own slope, fs[l - 1][1] (0-based lists).
def backward_fixed(weights, biases, fs, X, Y):
    Zs, As = [], [X]
    for W, b, (f, _) in zip(weights, biases, fs):
        Zs.append(W @ As[-1] + b)
        As.append(f(Zs[-1]))
    delta = (2.0 / X.shape[1]) * (As[-1] - Y) * fs[-1][1](Zs[-1])      # Delta(L)
    dW, db = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        dW[l] = delta @ As[l].T
        db[l] = delta.sum(axis=1, keepdims=True)
        if l > 0:
            delta = (weights[l].T @ delta) * fs[l - 1][1](Zs[l - 1])   # the fix: fs[l - 1], not fs[l]
    return dW, db


# Exercise 5: the decay term (kappa/2) sum ||W||^2 depends on no Z, so every Delta is unchanged; its gradient by
# W^(l) is kappa W^(l), added to Delta^(l) A^(l-1)^T. Biases are not decayed.
def gradients_with_decay(weights, biases, fs, X, Y, kappa):
    dW, db = backward_fixed(weights, biases, fs, X, Y)
    return [g + kappa * W for g, W in zip(dW, weights)], db


# Exercise 1 as a rule for any network: Delta^(l) is shaped like Z^(l), each gradient like its parameter.
def gradient_shapes(layer_sizes, m, l):
    n_l, n_prev = layer_sizes[l], layer_sizes[l - 1]
    return (n_l, m), (n_l, n_prev), (n_l, 1)
