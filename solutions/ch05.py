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
