"""Reference solutions of the exercises, one module per notebook (``ch00`` ... ``ch05``).

Try an exercise first; its checker in the notebook tells you what is wrong. The
tests prove that every checker accepts these solutions.
"""
