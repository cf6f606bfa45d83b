"""Imbalance Lab's pure computation layer.

Nothing in this package imports streamlit: every function takes arrays and
numbers and returns arrays, dataclasses, DataFrames or plotly figures, so the
same code serves the app, notebooks and the tests. The public contract is in
``shared/DESIGN.md``; its import paths (``lib.data``, ``lib.losses``,
``lib.weights``, ``lib.gradients``, ``lib.surface``, ``lib.models``,
``lib.metrics``) keep working as packages grow (they re-export).

Split by concept: the data (``data``, ``budgets``, ``bayes``), the model and
its loss (``linear``, ``losses``, ``weights``, ``gradients``, ``surface``,
``models``, ``training``), what is measured (``metrics``, ``thresholds``,
``calibration``, ``repair``, ``prevalence``), the toolbox of remedies
(``remedies``), the page experiments (``studies``), figures (``viz``), files
in and code out (``io``), and the app's settings and texts (``settings``,
``i18n``). Every user-facing error is a :class:`lib.i18n.LabError`.
"""
