"""The book's playgrounds, one module per notebook (``ch00`` ... ``ch05``).

Each public function of a chapter module (listed in its ``__all__``) returns a
``nn_helpers.widgets.Playground``. The tests build every one of them and move
every control, so each callback runs at least once without a browser.
"""
