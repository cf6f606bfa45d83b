"""AppTest tests of the six "beyond weights" pages: resampling, probabilities,
ensembles, thresholds, the strategy arena and the upload page (``views/``).

Every test opens a fresh session with URL parameters (``tests.app.helpers.open_app``)
and switches to the page the way a user would. Most tests use small data
(``n=2000, ratio=20``: 95 minority samples) so that the fits stay fast; fits
and arena results are cached across tests in this process, so repeated
settings are free. Tests that need the arena to be run first empty its
cross-session result store (``ui.arena_store``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

import ui
from lib.data import minority_count
from lib.io import read_csv
from tests.app.helpers import (
    button,
    charts,
    check,
    metric,
    notices,
    numbers,
    open_app,
    query,
    rerun,
    sidebar_values,
    trace_data,
    warnings_of,
)

#: page -> (script, plotly chart keys under settings where every part can be shown)
PAGES: dict[str, tuple[str, set[str]]] = {
    "resampling": (
        "views/resampling.py",
        {f"resampling_{m}" for m in ("random_over", "random_under", "smote", "adasyn")},
    ),
    "probabilities": (
        "views/probabilities.py",
        {"proba_hist", "proba_rel_raw", "proba_rel_corrected", "proba_rates", "proba_repair"},
    ),
    "ensembles": (
        "views/ensembles.py",
        {
            f"ensemble_{m}"
            for m in (
                "class_weight",
                "easy_ensemble",
                "balanced_bagging",
                "balanced_random_forest",
                "rusboost",
            )
        },
    ),
    "thresholds": ("views/thresholds.py", {"thresholds_pr", "thresholds_roc", "thresholds_cost"}),
    "arena": ("views/arena.py", set()),
    "your_data": ("views/your_data.py", set()),
}
#: Small data: 2,000 samples at 1:20, so 95 minority samples (enough for SMOTE's k = 5).
SMALL = {"n": "2000", "ratio": "20"}
GUARDED = "This part cannot be shown for these settings:"
PRESS_RUN = "Press **Run the arena**"
#: Display names of the strategies (``lib/locales/en.json``).
LABELS = {
    "none": "no remedy",
    "class_weight": "class weights (balanced)",
    "random_over": "random over-sampling",
    "random_under": "random under-sampling",
    "smote": "SMOTE",
    "adasyn": "ADASYN",
    "easy_ensemble": "EasyEnsemble",
    "balanced_bagging": "BalancedBagging",
    "balanced_random_forest": "BalancedRandomForest",
    "rusboost": "RUSBoost",
}
#: Strategies (one per guarded panel) of each page that fits several.
PAGE_METHODS = {
    "resampling": ("random_over", "random_under", "smote", "adasyn"),
    "probabilities": ("none", "class_weight", "random_under", "smote"),
    "ensembles": (
        "class_weight",
        "easy_ensemble",
        "balanced_bagging",
        "balanced_random_forest",
        "rusboost",
    ),
    "thresholds": (),
}


# ---------------------------------------------------------------- helpers
def open_page(page: str, **params: str) -> AppTest:
    """A new session opened with ``params`` in the URL, switched to ``page``."""
    at = open_app(**params)
    return check(at.switch_page(PAGES[page][0]).run())


def errors_of(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def infos_of(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one dataframe of the page that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def keyed(widgets: Any, prefix: str) -> Any:
    """The one widget of a list whose key starts with ``prefix``."""
    found = [w for w in widgets if w.key and w.key.startswith(prefix)]
    assert len(found) == 1, [w.key for w in widgets]
    return found[0]


def percent(text: str) -> float:
    assert text.endswith(" %"), text
    return float(text[:-2])


def bar_values(at: AppTest, chart: str) -> dict[str, dict[str, float]]:
    """A grouped bar chart's bars as {series name: {category: value}}."""
    return {
        trace["name"]: dict(zip(trace["x"], numbers(trace["y"]), strict=True))
        for trace in charts(at)[chart]["data"]
    }


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Contents of every media file (e.g. a download button's data) by file id.

    AppTest keeps them in a per-run in-memory store that it drops after the
    run; this records them on the way in.
    """
    files: dict[str, bytes] = {}

    class RecordingStorage(MemoryMediaFileStorage):
        def load_and_get_id(
            self, path_or_data: Any, mimetype: str, kind: Any, filename: str | None = None
        ) -> str:
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            files[file_id] = self.get_file(file_id).content
            return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    return files


def downloaded_csv(at: AppTest, key: str, media: dict[str, bytes]) -> pd.DataFrame:
    [found] = [d for d in at.get("download_button") if d.key == key]
    assert found.proto.url, key
    return pd.read_csv(io.BytesIO(media[Path(found.proto.url).stem]))


# ---------------------------------------------------------------- 1. defaults
@pytest.mark.parametrize("settings", ["defaults", "small"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page, settings):
    params = SMALL if settings == "small" else {}
    if page == "arena":
        ui.arena_store.clear()
    at = open_page(page, **params)
    assert set(charts(at)) == PAGES[page][1]
    assert errors_of(at) == []
    assert notices(at) == []
    assert {k: query(at)[k] for k in params} == params
    assert sidebar_values(at)["n"] == (2000 if params else 20_000)
    if page == "arena":
        assert any(text.startswith(PRESS_RUN) for text in infos_of(at))
        assert len(at.dataframe) == 0
    if page == "your_data":
        assert any(text.startswith("Upload a CSV file") for text in infos_of(at))
        assert ".csv" in at.file_uploader(key="upload_file").allowed_type


# ---------------------------------------------------------------- 2. extremes
EXTREMES = {
    "one_minority_sample": {"ratio": "10000", "n": "100"},
    "balanced_data": {"ratio": "1", "n": "2000"},
    "no_separation": {"sep": "0", "n": "2000"},  # default 1:1,000: two minority samples
    "huge_w1": {"w1": "10000", "n": "2000"},
}
#: Extreme cases with fewer minority samples than SMOTE's k + 1 = 6.
FEW_MINORITY = ("one_minority_sample", "no_separation", "huge_w1")


@pytest.mark.parametrize("page", ["resampling", "probabilities", "ensembles", "thresholds"])
@pytest.mark.parametrize("case", EXTREMES)
def test_page_survives_extreme_settings(case, page):
    params = EXTREMES[case]
    at = open_page(page, **params)
    assert notices(at) == []
    assert {k: query(at)[k] for k in params} == params
    errors = errors_of(at)
    for text in errors:
        assert text.startswith(GUARDED), text
        assert len(text) > len(GUARDED) + 20, text  # an explanation follows
        if ("smote" in text.lower() or "adasyn" in text.lower()) and case != "balanced_data":
            # with one minority sample no k works, so only "more data" is suggested
            assert "neighbours" in text and ("Lower" in text or "Use more data" in text), text
        if case == "balanced_data":
            assert "(balanced)" in text and "no minority sample to add" in text, text
    shown = set(charts(at))
    assert shown <= PAGES[page][1]
    if page in ("resampling", "ensembles"):
        # every panel shows either its map or the reason it cannot
        assert len(shown) + len(errors) == len(PAGES[page][1]), (shown, errors)
    elif page == "probabilities" and "proba_repair" not in shown:
        # the calibration repair holds data out: with too few positives it says why
        assert shown == PAGES[page][1] - {"proba_repair"}
        assert any("Calibration repair holds part of the training data out" in t for t in errors), (
            errors
        )
    else:
        assert shown == PAGES[page][1]
    if page == "thresholds":
        assert errors == []
    if case in FEW_MINORITY and page in ("resampling", "probabilities"):
        smote = [t for t in errors if t.startswith(f"{GUARDED} SMOTE ") and "neighbours" in t]
        assert len(smote) == 1, errors
        assert "resampling_random_over" in shown or page == "probabilities"


@pytest.mark.parametrize(
    ("page", "case"),
    [
        ("resampling", "one_minority_sample"),
        ("resampling", "no_separation"),
        ("probabilities", "huge_w1"),
        ("resampling", "balanced_data"),
        ("ensembles", "one_minority_sample"),
        ("ensembles", "no_separation"),
    ],
)
def test_extreme_errors_name_the_failing_method(page, case):
    """A failed panel has no chart (and so no title): its message must say which model."""
    at = open_page(page, **EXTREMES[case])
    errors = errors_of(at)
    assert errors
    names = (
        {m.lower() for m in PAGE_METHODS[page]}
        | {LABELS[m].lower() for m in PAGE_METHODS[page]}
        | {"calibration repair"}
    )
    for text in errors:
        assert any(name in text.lower() for name in names), text


# ---------------------------------------------------------------- 3. resampling
def test_neighbours_move_smote_and_adasyn_only():
    at = open_page("resampling", **SMALL)
    assert query(at)["k"] == "5"
    before = charts(at)
    at.select_slider(key="page_k").set_value(2)
    after = charts(rerun(at))
    assert query(at)["k"] == "2"
    for name in ("smote", "adasyn"):
        assert trace_data(after[f"resampling_{name}"]) != trace_data(
            before[f"resampling_{name}"]
        ), name
    for name in ("random_over", "random_under"):
        assert trace_data(after[f"resampling_{name}"]) == trace_data(
            before[f"resampling_{name}"]
        ), name
    assert errors_of(at) == []


def test_resampling_ratio_sets_the_counts():
    at = open_page("resampling", **SMALL)
    table = frame_with(at, "method").set_index("method")
    n1 = minority_count(2000, 20)
    assert table.loc["random over-sampling", "class 1 before"] == n1
    assert (
        table.loc["random over-sampling", "class 1 after"]
        == table.loc["random over-sampling", "class 0 after"]
        == 2000 - n1
    )  # 1:1 by default

    at.select_slider(key="page_rs").set_value("0.25")
    rerun(at)
    assert query(at)["rs"] == "0.25"
    table = frame_with(at, "method").set_index("method")
    over = table.loc["random over-sampling"]
    assert over["class 0 after"] == over["class 0 before"] == 2000 - n1
    assert over["class 1 after"] == round(0.25 * over["class 0 after"])
    under = table.loc["random under-sampling"]
    assert under["class 1 after"] == under["class 1 before"] == n1
    assert under["class 0 after"] == round(under["class 1 after"] / 0.25)
    smote = table.loc["SMOTE"]
    assert smote["class 1 after"] == round(0.25 * smote["class 0 after"])
    assert smote["synthetic rows"] == smote["class 1 after"] - n1
    assert errors_of(at) == []


@pytest.mark.parametrize(
    ("param", "raw", "widget", "default"),
    [
        ("k", "abc", "page_k", 5),
        ("k", "0", "page_k", 5),
        ("rs", "7", "page_rs", "1"),
        ("rs", "0.3", "page_rs", "1"),
    ],
)
def test_resampling_bad_url_values(param, raw, widget, default):
    at = open_page("resampling", **SMALL, **{param: raw})
    [text] = notices(at)
    assert f"`{param}={raw}`" in text and f"`{param}={default}`" in text
    assert at.select_slider(key=widget).value == default
    assert query(at)[param] == str(default)
    assert len(charts(at)) == 4


# ---------------------------------------------------------------- 4. probabilities
@pytest.mark.parametrize("params", [SMALL, {"n": "20000", "ratio": "100"}])
def test_correction_restores_the_positive_rate(params):
    at = open_page("probabilities", **params)
    rates = bar_values(at, "proba_rates")
    raw, corrected = rates["mean p (raw)"], rates["mean p (corrected)"]
    [true] = set(rates["true rate"].values())
    assert true == pytest.approx(1 / (1 + int(params["ratio"])), rel=0.2)
    assert raw[LABELS["none"]] == corrected[LABELS["none"]]
    assert raw[LABELS["none"]] == pytest.approx(true, rel=0.25)  # already calibrated
    for name in ("class_weight", "random_under", "smote"):
        label = LABELS[name]
        assert raw[label] > 3 * true, (label, raw[label], true)
        assert abs(corrected[label] - true) < 0.2 * abs(raw[label] - true), label
        assert corrected[label] == pytest.approx(true, rel=0.3), label
    quality = frame_with(at, "Brier (raw)")
    assert (
        quality.loc[LABELS["none"], "Brier (raw)"]
        == quality.loc[LABELS["none"], "Brier (corrected)"]
    )
    for name in ("class_weight", "random_under", "smote"):
        row = quality.loc[LABELS[name]]
        assert row["Brier (corrected)"] < row["Brier (raw)"], name
        assert row["ECE (corrected)"] < row["ECE (raw)"], name
    assert errors_of(at) == []


# ---------------------------------------------------------------- 5. ensembles
def _ensembles_before_after() -> tuple[AppTest, dict[str, Any], dict[str, Any]]:
    at = open_page("ensembles", **SMALL)
    assert query(at)["trees"] == "10"
    before = charts(at)
    at.select_slider(key="page_trees").set_value(25)
    after = charts(rerun(at))
    assert query(at)["trees"] == "25"
    assert set(after) == PAGES["ensembles"][1]
    return at, before, after


def test_members_slider_changes_the_ensembles_not_the_weighted_model():
    at, before, after = _ensembles_before_after()
    for name in ("easy_ensemble", "balanced_bagging", "balanced_random_forest"):
        key = f"ensemble_{name}"
        assert trace_data(after[key]) != trace_data(before[key]), key
    assert trace_data(after["ensemble_class_weight"]) == trace_data(before["ensemble_class_weight"])
    assert any("25" in m.value for m in at.markdown if "Reading the maps" in m.value)


def test_members_table_says_how_many_members_were_fitted():
    at, _, _ = _ensembles_before_after()
    [table] = [d.value for d in at.dataframe if "members fitted" in d.value.columns]
    members = dict(zip(table["model"], table["members fitted"], strict=True))
    assert members["class weights (balanced)"] == 1
    for name in ("EasyEnsemble", "BalancedBagging", "BalancedRandomForest"):
        assert members[name] == 25, members
    # Discrete boosting stops when a tree is no better than chance on the
    # reweighted data: RUSBoost may fit fewer members than asked, and says so.
    assert 1 <= members["RUSBoost"] <= 25


# ---------------------------------------------------------------- 6. thresholds
AGREE = "Same decision (weighted at 0.5 vs plain at w0/(w0+w1))"


def test_balanced_weights_equal_moving_the_threshold():
    at = open_page("thresholds", **SMALL, w1="3")
    button(at, "Balanced").click()
    rerun(at)
    w0, w1 = sidebar_values(at)["w0"], sidebar_values(at)["w1"]
    n1 = minority_count(2000, 20)
    assert (w0, w1) == pytest.approx((2000 / (2 * (2000 - n1)), 2000 / (2 * n1)))
    assert percent(metric(at, AGREE)) >= 99.0
    assert any(
        f"{w0 / (w0 + w1):.4g}" in m.value
        for m in at.markdown
        if m.value.startswith("If the weighted model")
    )
    assert errors_of(at) == []


def test_costs_set_the_bayes_threshold():
    at = open_page("thresholds", **SMALL)
    assert metric(at, "Bayes threshold") == f"{1 / 101:.4g}"  # defaults c_FN = 100, c_FP = 1
    at.number_input(key="page_cfn").set_value(10)
    at.number_input(key="page_cfp").set_value(1)
    rerun(at)
    assert metric(at, "Bayes threshold") == f"{1 / 11:.4g}"
    assert float(query(at)["cfn"]) == 10 and float(query(at)["cfp"]) == 1
    # the cross-validated threshold of a calibrated model lies near the Bayes threshold
    assert 0.5 < float(metric(at, "Cross-validated t")) / (1 / 11) < 2
    assert float(metric(at, "Cross-validated cost")) > 0


def test_threshold_slider_moves_the_operating_point():
    at = open_page("thresholds", **SMALL)
    before = charts(at)
    at.select_slider(key="page_t").set_value("0.1")
    after = charts(rerun(at))
    assert query(at)["t"] == "0.1"
    for key in ("thresholds_pr", "thresholds_roc"):
        assert trace_data(after[key]) != trace_data(before[key]), key
    assert metric(at, "Test cost, your t") != metric(at, "Test cost, t = 0.5")


@pytest.mark.parametrize(
    ("param", "raw", "reason"),
    [
        ("cfn", "-5", "between 0.001 and 1,000,000"),
        ("cfn", "abc", "not a number"),
        ("cfp", "0", "between 0.001 and 1,000,000"),
    ],
)
def test_thresholds_bad_costs_in_url(param, raw, reason):
    at = open_page("thresholds", **SMALL, **{param: raw})
    default = {"cfn": 100.0, "cfp": 1.0}[param]
    [text] = notices(at)
    assert f"`{param}={raw}`" in text and reason in text
    assert at.number_input(key=f"page_{param}").value == default
    assert float(query(at)[param]) == default
    assert metric(at, "Bayes threshold") == f"{1 / 101:.4g}"


# ---------------------------------------------------------------- 7. arena
ARENA = {"strategies": "none,class_weight", "folds": "3", "repeats": "1", **SMALL}


def test_arena_runs_exports_and_keeps_results_for_new_sessions(media, fresh_arena):
    at = open_page("arena", **ARENA)
    assert any(text.startswith(PRESS_RUN) for text in infos_of(at))
    assert len(at.dataframe) == 0 and not charts(at)
    assert metric(at, "models to fit") == "6"
    assert tuple(at.multiselect(key="page_strategies").value) == ("none", "class_weight")

    at.button(key="arena_run").click()
    rerun(at)
    assert not any(text.startswith(PRESS_RUN) for text in infos_of(at))
    assert errors_of(at) == [] and warnings_of(at) == []
    table = frame_with(at, "strategy")
    assert len(table) == 2
    assert set(table["strategy"]) == {LABELS["none"], LABELS["class_weight"]}
    assert list(table["F0.5 class 1"]) == sorted(table["F0.5 class 1"], reverse=True)
    # balanced weights raise minority recall
    recall = dict(zip(table["strategy"], table["recall class 1"], strict=True))
    assert recall[LABELS["class_weight"]] > recall[LABELS["none"]]
    assert set(charts(at)) == {"arena_intervals"}
    assert "class 1" in charts(at)["arena_intervals"]["layout"]["title"]["text"]
    summary = downloaded_csv(at, "arena_dl_summary", media)
    folds = downloaded_csv(at, "arena_dl_folds", media)
    assert set(summary["strategy"]) == set(folds["strategy"]) == {"none", "class_weight"}
    assert len(folds) == 2 * 3  # two strategies, three folds, one repeat
    assert {"metric", "mean", "ci_low", "ci_high"} <= set(summary.columns)

    at.radio(key="page_cls").set_value("0")
    rerun(at)
    assert query(at)["cls"] == "0"
    title = charts(at)["arena_intervals"]["layout"]["title"]["text"]
    assert "class 0" in title and "class 1" not in title

    other = open_page("arena", **ARENA)  # a new session: results without clicking
    assert not any(text.startswith(PRESS_RUN) for text in infos_of(other))
    assert other.button(key="arena_run").disabled
    assert len(frame_with(other, "strategy")) == 2
    assert set(charts(other)) == {"arena_intervals"}


def test_arena_bogus_strategies_in_url():
    at = open_page("arena", **SMALL, strategies="bogus")
    [text] = notices(at)
    assert "`strategies=bogus`" in text
    assert tuple(at.multiselect(key="page_strategies").value) == ui.ARENA_DEFAULT
    assert query(at)["strategies"] == ",".join(ui.ARENA_DEFAULT)


@pytest.mark.parametrize(
    ("params", "rows", "features", "minority"),
    [
        ({"src": "digits", "digits_ratio": "200"}, "1,631", "64", "8"),
        ({"src": "breast_cancer", "breast_cancer_ratio": "50"}, "364", "30", "7"),
        ({"src": "synthetic"}, "2,000", "2", f"{minority_count(2000, 20)}"),
    ],
)
def test_arena_data_sources(params, rows, features, minority):
    at = open_page("arena", **SMALL, **params)
    assert notices(at) == [] and errors_of(at) == []
    assert metric(at, "rows") == rows
    assert metric(at, "features") == features
    assert metric(at, "class 1 rows") == minority
    assert {k: query(at)[k] for k in params} == params


def test_arena_reports_a_strategy_that_cannot_be_fitted(fresh_arena):
    # 1:300 of 2,000: 7 minority samples; a 3-fold training fold holds 4, too few
    # for SMOTE's 5 neighbours, while the plain model still fits
    params = {"n": "2000", "ratio": "300", "strategies": "none,smote", "folds": "3", "repeats": "1"}
    at = open_page("arena", **params)
    assert metric(at, "class 1 rows") == "7"
    at.button(key="arena_run").click()
    rerun(at)
    [text] = warnings_of(at)
    assert text.startswith("SMOTE was left out") and "neighbours" in text
    table = frame_with(at, "strategy")
    assert list(table["strategy"]) == [LABELS["none"]]
    assert errors_of(at) == []


def test_arena_with_fewer_minority_samples_than_folds(fresh_arena):
    at = open_page("arena", n="2000", ratio="1000", strategies="none", folds="3", repeats="1")
    assert metric(at, "class 1 rows") == "2"
    at.button(key="arena_run").click()
    rerun(at)
    [text] = errors_of(at)
    assert text.startswith(GUARDED) and "n_splits=3" in text and "only 2" in text
    assert len(at.dataframe) == 0
    assert any(t.startswith(PRESS_RUN) for t in infos_of(at))


# ---------------------------------------------------------------- 8. your data
GOOD_CSV = (
    "x1,x2,label\n"
    + "".join(f"{i},{i * i % 7},{'yes' if i % 5 == 0 else 'no'}\n" for i in range(50))
).encode()
MISSING_CSV = b"a,b,y\n1,2,0\n2,,0\n3,4,1\n4,5,0\n,6,1\n6,7,0\n7,8,1\n8,9,0\n"
TEXT_CSV = ("a,name,y\n" + "".join(f"{i},n{i},{int(i % 3 == 0)}\n" for i in range(30))).encode()
BAD_UPLOADS = {
    "binary": (b"PK\x03\x04" + bytes(range(256)) * 4, "binary file"),
    "empty": (b"", "is empty"),
    "single_column": (b"a\n1\n2\n3\n", "has 1 column"),
    "single_class": (b"a,y\n1,0\n2,0\n3,0\n", "single class"),
    "missing_values": (MISSING_CSV, "missing values"),
    "many_text_values": (TEXT_CSV, "'name'"),
    "too_many_rows": (b"a,y\n" + b"1,0\n" * 200_001, "more than 200,000 rows"),
}


def open_upload(**params: str) -> AppTest:
    return open_page("your_data", **SMALL, **params)


def upload(at: AppTest, content: bytes, name: str = "data.csv") -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, content, "text/csv"))
    return rerun(at)


def assert_settings_kept(at: AppTest) -> None:
    assert sidebar_values(at)["ratio"] == 20 and sidebar_values(at)["n"] == 2000
    assert query(at)["ratio"] == "20" and query(at)["n"] == "2000"


def assert_good_upload(at: AppTest) -> None:
    assert errors_of(at) == []
    assert keyed(at.selectbox, "upload_target_").value == "label"
    assert keyed(at.selectbox, "upload_positive_").value == "yes"
    counts = frame_with(at, "rows")
    assert counts["rows"].to_dict() == {"no": 40, "yes": 10}
    assert metric(at, "rows used") == "50"
    assert metric(at, "class 1 : class 0") == "1:4.0"


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_is_explained_then_a_good_one_works(case):
    content, phrase = BAD_UPLOADS[case]
    at = upload(open_upload(), content)
    [text] = errors_of(at)
    assert text.startswith(
        ("This file cannot be used:", "These choices do not make a classification task:")
    ), text
    assert phrase in text, text
    assert not [m for m in at.metric if m.label == "rows used"]
    assert "arena_run" not in [b.key for b in at.button]
    assert_settings_kept(at)
    assert_good_upload(upload(at, GOOD_CSV, "good.csv"))
    assert_settings_kept(at)


def test_xlsx_is_refused_by_the_uploader():
    at = open_upload()
    assert ".xlsx" not in at.file_uploader(key="upload_file").allowed_type
    # AppTest bypasses the browser's file filter: Streamlit itself refuses the
    # file before the page script sees it.
    at.file_uploader(key="upload_file").set_value(
        ("data.xlsx", b"a,y\n1,0\n2,1\n", "application/vnd.ms-excel")
    )
    at.run()
    [exc] = at.exception
    assert "Invalid file extension: `.xlsx`" in exc.value
    assert query(at)["ratio"] == "20"
    # and the page's reader refuses the name with a message too
    with pytest.raises(ValueError, match="does not look like a CSV file"):
        read_csv(b"a,y\n1,0\n2,1\n", filename="data.xlsx")


def test_dropping_missing_rows_makes_the_task_usable():
    at = upload(open_upload(), MISSING_CSV)
    [text] = errors_of(at)
    assert "2 row(s) have missing values" in text
    keyed(at.checkbox, "upload_drop_").check()
    rerun(at)
    assert errors_of(at) == []
    assert metric(at, "rows used") == f"{8 - 2}"
    assert any("2 rows with missing values were dropped" in c.value for c in at.caption)
    assert_settings_kept(at)


def test_leaving_out_a_text_column_makes_the_task_usable():
    at = upload(open_upload(), TEXT_CSV)
    [text] = errors_of(at)
    assert "Column 'name'" in text and "30 distinct values" in text
    features = keyed(at.multiselect, "upload_features_")
    assert features.value == ["a", "name"]
    features.set_value(["a"])
    rerun(at)
    assert errors_of(at) == []
    assert metric(at, "rows used") == "30"
    assert metric(at, "class 1 : class 0") == "1:2.0"


def test_example_file_and_its_arena(fresh_arena):
    at = open_upload(strategies="none", folds="3", repeats="1")
    at.button(key="upload_example").click()
    rerun(at)
    assert errors_of(at) == []
    assert keyed(at.selectbox, "upload_target_").value == "diagnosis"
    assert keyed(at.selectbox, "upload_positive_").value == "malignant"
    assert metric(at, "rows used") == "569"
    assert any("clinic (3)" in c.value for c in at.caption)  # the one-hot encoded column
    assert any(text.startswith(PRESS_RUN) for text in infos_of(at))
    at.button(key="arena_run").click()
    rerun(at)
    assert errors_of(at) == []
    table = frame_with(at, "strategy")
    assert list(table["strategy"]) == [LABELS["none"]]
    assert 0.5 < table["PR-AUC"].iloc[0] <= 1.0
    assert set(charts(at)) == {"arena_intervals"}
    assert_settings_kept(at)


def test_arena_keeps_enough_minority_rows_of_a_huge_rare_data_set():
    # 10^6 rows at 1:10000 hold 100 minority rows; a ratio-preserving 20,000-row
    # sample would keep 2, too few for any fold. The arena keeps 60 and says so.
    at = open_page("arena", n="1000000", ratio="10000", folds="3", repeats="1", strategies="none")
    [note] = [c.value for c in at.caption if "random sample of 20,000 rows" in c.value]
    assert "with 60 of class 1" in note and "the full data is 1:9,999" in note
    assert metric(at, "class 1 rows") == "100"


# ------------------------------------------- thresholds and probabilities: issue 14
def test_misspecified_shape_shows_the_gaussian_comparison_beside_it():
    at = open_page("thresholds", **SMALL, shape="unequal_var")
    button(at, "Balanced").click()
    rerun(at)
    [table] = [d.value for d in at.dataframe if "Gaussian" in d.value.columns]
    assert list(table.columns) == ["Unequal spread", "Gaussian"]
    agree = table.loc["same decision (share of test points)"].astype(float)
    assert agree["Unequal spread"] < agree["Gaussian"]
    slope = table.loc["coefficient length, weighted / plain − 1"].astype(float)
    assert slope["Unequal spread"] > 0.3 > abs(slope["Gaussian"])
    assert any("Unequal spread" in m.value and "King & Zeng" in m.value for m in at.markdown)
    assert errors_of(at) == []
    gaussian = open_page("thresholds", **SMALL)
    assert not [d for d in gaussian.dataframe if "Gaussian" in d.value.columns]


def test_thresholds_page_shows_the_cross_validated_threshold_and_its_costs():
    at = open_page("thresholds", **SMALL)
    for label in (
        "Cross-validated t",
        "Test cost, cross-validated t",
        "Cross-validated cost",
        "Test cost, Bayes t",
        "Test cost, t = 0.5",
    ):
        assert metric(at, label) != "—", label
    assert any(m.value.startswith("**Which threshold to use.**") for m in at.markdown)


def test_tuning_needs_two_samples_of_each_class():
    at = open_page("thresholds", **EXTREMES["one_minority_sample"])
    assert metric(at, "Cross-validated t") == "—"
    assert any("no threshold can be tuned" in i.value for i in at.info)


def test_repair_section_scores_every_version_on_the_test_set():
    at = open_page("probabilities", **SMALL, shape="unequal_var", sep="1")
    [table] = [d.value for d in at.dataframe if "ECE (test)" in d.value.columns]
    ece = table["ECE (test)"]
    for name in ("class_weight", "random_under", "smote"):
        row = ece.loc[LABELS[name]]
        assert row["isotonic"] < row["raw"] and row["odds correction"] < row["raw"], name
    before = charts(at)["proba_repair"]
    at.radio(key="page_fix").set_value("smote")
    after = charts(rerun(at))["proba_repair"]
    assert query(at)["fix"] == "smote"
    assert trace_data(after) != trace_data(before)
    assert any(
        "Held out" in m.value or "held out as the calibration set" in m.value for m in at.markdown
    )
    assert errors_of(at) == []
