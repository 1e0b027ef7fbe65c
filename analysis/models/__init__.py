"""Small models fitted on annotated real news, shipped with the package (nothing is downloaded at run time).

- ``copies.json``: whether two documents are copies (``bench/fit_copies.py``).
"""
