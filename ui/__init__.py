"""Streamlit glue shared by every page; ``lib`` never imports streamlit.

One job per module:

* :mod:`ui.registry` — the page registry: paths, titles, sections and each
  page's URL parameters, declared in one table.
* :mod:`ui.state` — URL and session binding: language, shared settings,
  page parameters (:func:`bound` and the ``*_param`` widgets).
* :mod:`ui.chrome` — the navigation menu and the shared sidebar.
* :mod:`ui.layout` — headers, plots, tables, notes and guarded panels.
* :mod:`ui.cache` and :mod:`ui.cache_remedies` — thin ``st.cache_data``
  calls into ``lib`` (no policy: row budgets are :mod:`lib.budgets`').
* :mod:`ui.arena` — the cross-validated strategy arena.
* :mod:`ui.live` and :mod:`ui.live_views` — the live views: a canvas the
  browser redraws while a slider moves (``ui/live.js``), committed on release.

Pages import this package and call ``ui.<name>``; the names below are
re-exported from those modules.

The page scripts live in ``views/``, not ``pages/``: Streamlit 1.67 still
treats a ``pages/`` folder beside the entry script as a legacy (v1)
multipage app on a fresh server, running a deep-linked page without
``app.py`` and resetting the sidebar widgets on the first interaction.
"""

from ui.arena import FOLD_CHOICES, REPEAT_CHOICES, arena, arena_results, arena_store
from ui.cache import (
    boundary_summary,
    cached_call,
    convergence,
    dataset,
    descent,
    descent_rows,
    focal_model,
    logistic,
    nonlinear,
    probabilities,
    shown_points,
    strategy_data,
    test_dataset,
    trained,
)
from ui.cache_remedies import (
    repair,
    strategy_fit,
    strategy_outputs,
    threshold_page,
    tuned_threshold,
    upload_frame,
    upload_task,
    weighting_gap,
)
from ui.chrome import navigation, sidebar
from ui.layout import (
    file_uploader,
    guarded,
    look_for,
    metric_row,
    metrics_table,
    page_header,
    page_link,
    plot,
    projector,
    rows_note,
    section,
    strategy_label,
    subsample_note,
    take_home,
)
from ui.live_views import boundary_view, lesson_view, path_view, shares_view, surface_view
from ui.registry import ARENA_DEFAULT, PAGES, SECTIONS, Page, page_at, page_of, script_of
from ui.state import (
    apply_preset,
    bound,
    cost_params,
    current_settings,
    data_key,
    error_text,
    lang,
    number_param,
    radio_param,
    slider_param,
    tr,
)

__all__ = [
    "ARENA_DEFAULT",
    "FOLD_CHOICES",
    "PAGES",
    "REPEAT_CHOICES",
    "SECTIONS",
    "Page",
    "apply_preset",
    "arena",
    "arena_results",
    "arena_store",
    "boundary_summary",
    "boundary_view",
    "bound",
    "cached_call",
    "convergence",
    "cost_params",
    "current_settings",
    "data_key",
    "dataset",
    "descent",
    "descent_rows",
    "error_text",
    "file_uploader",
    "focal_model",
    "guarded",
    "lang",
    "lesson_view",
    "logistic",
    "look_for",
    "metric_row",
    "metrics_table",
    "navigation",
    "nonlinear",
    "number_param",
    "page_at",
    "page_header",
    "page_link",
    "page_of",
    "path_view",
    "plot",
    "probabilities",
    "projector",
    "radio_param",
    "repair",
    "rows_note",
    "script_of",
    "section",
    "shares_view",
    "shown_points",
    "sidebar",
    "slider_param",
    "strategy_data",
    "strategy_fit",
    "strategy_label",
    "strategy_outputs",
    "subsample_note",
    "surface_view",
    "take_home",
    "test_dataset",
    "threshold_page",
    "tr",
    "trained",
    "tuned_threshold",
    "upload_frame",
    "upload_task",
    "weighting_gap",
]
