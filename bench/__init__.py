"""The benchmark of Kagaz against Carbone (``python -m bench``); see ``bench/__main__.py``.

Not part of the installed package: a script with its own helpers, run from the repository's root.
"""
