"""Imbalance Lab's pure computation layer.

Nothing in this package imports streamlit: every function takes arrays and
numbers and returns arrays, dataclasses, DataFrames or plotly figures, so the
same code serves the app, notebooks and the tests. The public contract is in
``shared/DESIGN.md``.
"""
