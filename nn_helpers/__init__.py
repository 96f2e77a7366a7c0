"""nn_helpers: the code that Backprop from Scratch derives, shared by every notebook.

Modules, one idea each: activations, losses, data, neuron, network, gradcheck,
symbolic, autograd (imported as nn_helpers.autograd), plotting, widgets, playgrounds (per notebook),
exercises (per notebook), handover (where a notebook hands its code over to the package).
Samples are columns everywhere: X has shape (features, samples).
"""
from . import activations, data, gradcheck, losses, neuron, plotting, symbolic
from .network import History, Network, TrainingDiverged, TrainingWarning

__all__ = ["activations", "data", "gradcheck", "losses", "neuron", "plotting", "symbolic",
           "History", "Network", "TrainingDiverged", "TrainingWarning"]
__version__ = "0.2.0"
