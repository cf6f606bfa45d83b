"""The strategy arena: choose remedies, cross-validate them, show and export the results.

Results are deterministic for their key (data, strategies, folds, repeats,
seed), so they are kept for every session in one bounded store
(:func:`arena_store`): a class that runs the same comparison waits once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import NDArray

from lib.budgets import arena_jobs, arena_rows
from lib.remedies import STRATEGIES, CrossValidationResult, cross_validate_strategies, summary_wide
from lib.settings import ParamError, ParamSpec
from lib.viz import interval_chart
from ui.layout import guarded, plot, section, strategy_label
from ui.registry import ARENA_DEFAULT
from ui.state import bound, error_text, radio_param, slider_param, tr

FOLD_CHOICES, REPEAT_CHOICES = (3, 5, 10), (1, 2, 3, 5)
#: Results kept for all sessions (deterministic for their key, so sharing is safe).
ARENA_RESULTS_KEPT = 16
_ARENA_LOCK = threading.Lock()
#: Summary metrics of the table: column -> catalogue key.
ARENA_COLUMNS = {
    "f_beta_1": "arena.col.f05_1",
    "recall_1": "arena.col.recall_1",
    "precision_1": "arena.col.precision_1",
    "pr_auc": "arena.col.pr_auc",
    "roc_auc": "arena.col.roc_auc",
    "brier": "arena.col.brier",
    "recall_0": "arena.col.recall_0",
    "fit_seconds": "arena.col.fit_seconds",
}


@st.cache_resource(show_spinner=False)
def arena_store() -> OrderedDict[tuple[Any, ...], CrossValidationResult]:
    """Arena results kept for all sessions, oldest first (at most ``ARENA_RESULTS_KEPT``)."""
    return OrderedDict()


def _parse_strategies(raw: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n for n in raw.split(",") if n))
    unknown = [n for n in names if n not in STRATEGIES]
    if unknown or not names:
        raise ParamError("notice.not_a_choice", choices=", ".join(STRATEGIES))
    return names


def arena(X: NDArray[np.float64], y: NDArray[np.int64], data_id: str, *, seed: int) -> None:
    """The strategy arena: choose strategies, cross-validate, show and export the results.

    ``data_id`` must identify ``X, y`` (their source and settings): results are
    cached under it, shared by every session.
    """
    names: tuple[str, ...] = bound(
        ParamSpec("strategies", ARENA_DEFAULT, _parse_strategies, fmt=",".join),
        lambda key: tuple(
            st.multiselect(
                tr("arena.strategies"),
                options=list(STRATEGIES),
                key=key,
                format_func=strategy_label,
                help=tr("arena.strategies_help"),
            )
        ),
    )
    with st.expander(tr("arena.what_is"), icon=":material/help:"):
        st.markdown(
            "\n".join(
                f"* **{strategy_label(name)}** — {tr(spec.description)}"
                for name, spec in STRATEGIES.items()
            )
        )
    cols = st.columns(3)
    with cols[0]:
        folds = slider_param("folds", FOLD_CHOICES, 5, tr("arena.folds"))
    with cols[1]:
        repeats = slider_param("repeats", REPEAT_CHOICES, 3, tr("arena.repeats"))
    sample = arena_rows(y, random_state=seed)
    if sample.capped:
        X, y = X[sample.rows], y[sample.rows]
        st.caption(
            tr(
                "arena.capped",
                cap=f"{len(y):,}",
                n1=f"{sample.n_positive:,}",
                before=f"{sample.ratio_before:,.0f}",
                after=f"{sample.ratio_after:,.0f}",
            )
        )
    cols[2].metric(
        tr("arena.fits"), f"{len(names) * folds * repeats:,}", help=tr("arena.fits_help")
    )
    if not names:
        st.info(tr("arena.none_selected"), icon=":material/info:")
        return
    key = (data_id, len(y), names, folds, repeats, seed)
    store = arena_store()
    with _ARENA_LOCK:
        result = store.get(key)
    run = st.button(
        tr("arena.run"),
        type="primary",
        icon=":material/play_arrow:",
        disabled=result is not None,
        key="arena_run",
    )
    if result is None and run:
        bar = st.progress(0.0, text=tr("arena.progress", done=0, total="…"))

        def advance(done: int, total: int) -> None:
            bar.progress(done / total, text=tr("arena.progress", done=done, total=total))

        with guarded():
            result = cross_validate_strategies(
                X,
                y,
                list(names),
                n_splits=folds,
                n_repeats=repeats,
                random_state=seed,
                n_jobs=arena_jobs(len(names) * folds * repeats),
                errors="skip",
                callback=advance,
            )
            with _ARENA_LOCK:
                store[key] = result
                while len(store) > ARENA_RESULTS_KEPT:
                    store.popitem(last=False)
        bar.empty()
    if result is None:
        st.info(tr("arena.press_run"), icon=":material/play_arrow:")
        return
    arena_results(result)


def arena_results(result: CrossValidationResult) -> None:
    """Table, interval chart, skipped strategies and CSV downloads of an arena run."""
    for name, why in result.errors.items():
        st.warning(
            tr("arena.skipped", name=strategy_label(name), why=error_text(why)),
            icon=":material/report:",
        )
    summary = result.summary
    wide, half = summary_wide(summary), summary_wide(summary, "half_width")
    order = [s for s in STRATEGIES if s in wide.index]
    table = pd.DataFrame({tr("arena.col.strategy"): [strategy_label(s) for s in order]})
    for column, label_key in ARENA_COLUMNS.items():
        table[tr(label_key)] = wide.loc[order, column].to_numpy()
        if column not in ("fit_seconds", "brier", "roc_auc", "recall_0"):
            table[tr(label_key) + " ±"] = half.loc[order, column].to_numpy()
    table = table.sort_values(tr("arena.col.f05_1"), ascending=False)
    section(tr("arena.table_heading"))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(c, format="%.3f") for c in table.columns[1:]
        },
    )
    st.caption(tr("arena.table_caption", folds=int(summary["n_folds"].max())))
    cls = radio_param(
        "cls",
        ("1", "0"),
        "1",
        tr("arena.class"),
        format_func=lambda c: tr("arena.class_option", cls=c),
    )
    metrics = {
        f"precision_{cls}": tr("metrics.precision"),
        f"recall_{cls}": tr("metrics.recall"),
        f"f_beta_{cls}": tr("metrics.f05"),
        "pr_auc": tr("arena.col.pr_auc"),
    }
    plot(
        interval_chart(
            summary,
            metrics,
            {s: strategy_label(s) for s in order},
            title=tr("arena.chart_title", cls=cls),
        ),
        key="arena_intervals",
    )
    st.caption(tr("arena.ci_caption"))
    cols = st.columns(2)
    cols[0].download_button(
        tr("arena.download_summary"),
        summary.to_csv(index=False),
        file_name="arena_summary.csv",
        mime="text/csv",
        icon=":material/download:",
        key="arena_dl_summary",
    )
    cols[1].download_button(
        tr("arena.download_folds"),
        result.folds.to_csv(index=False),
        file_name="arena_folds.csv",
        mime="text/csv",
        icon=":material/download:",
        key="arena_dl_folds",
    )
