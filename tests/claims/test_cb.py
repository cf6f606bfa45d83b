"""The claims of the class-balanced and weight-schemes pages, measured with lib.

Every sentence of ``cb.*``, ``schemes.*`` and ``lesson.schemes.*`` that states
a direction or a number is checked here (or in test_weights.py /
test_training.py) at the settings the sentence speaks of: the class-balanced
page's defaults (head : tail 100, 2,000 head samples, batch 256, 30 epochs,
class means 3 standard deviations apart, seed 0 — and seeds 1 and 2 where the
text says "often" or names them), built exactly as ``views/class_balanced.py``
builds them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import lib.studies.class_balanced as sm
from lib.data import long_tail_counts, make_long_tailed
from lib.metrics import per_class_report
from lib.studies.lessons import LESSONS
from lib.studies.weight_schemes import weight_schemes
from lib.training import batch_loss, mean_sample_weight, minibatches
from lib.viz import Curve, line_chart
from lib.weights import weights_from_counts

ROOT = Path(__file__).parents[2]
HEAD, IMB, BATCH, EPOCHS, SEP, PER_CLASS = 2000, 100, 256, 30, 3.0, 1000
SEEDS = (0, 1, 2)
COUNTS = long_tail_counts(HEAD, IMB)
WEIGHTED = sm.MULTICLASS_STRATEGIES[1:]


def train(seed: int):
    return make_long_tailed(COUNTS, class_sep=SEP, random_state=seed)


def held_out(seed: int, kind: str = "balanced"):
    return make_long_tailed(
        sm.evaluation_counts(COUNTS, kind, per_class=PER_CLASS),
        class_sep=SEP,
        random_state=seed + 1,
    )


def fit(seed: int, name: str, *, batch: int = BATCH, source: str = "global"):
    X, y = train(seed)
    params = sm.relevant_params(name, source=source, beta=0.999, gamma=2.0)
    return sm.train_strategy(
        X,
        y,
        name,
        n_classes=len(COUNTS),
        epochs=EPOCHS,
        batch_size=batch,
        random_state=seed,
        **params,
    )


@pytest.fixture(scope="module")
def models():
    """The five default models of the page for seeds 0, 1 and 2."""
    return {seed: {name: fit(seed, name) for name in sm.MULTICLASS_STRATEGIES} for seed in SEEDS}


def table(models, seed, kind="balanced"):
    return sm.compare_strategies(models[seed], *held_out(seed, kind), counts=COUNTS)


@pytest.fixture(scope="module")
def sources(models):
    """INS trained with both weight sources at batch sizes 32, 64 and 256, seeds 0-2."""
    out = {}
    for seed in SEEDS:
        for batch in (32, 64, 256):
            fitted = {
                "global": models[seed]["ins"] if batch == BATCH else fit(seed, "ins", batch=batch),
                "batch": fit(seed, "ins", batch=batch, source="batch"),
            }
            out[seed, batch] = sm.source_comparison(fitted, *held_out(seed), counts=COUNTS)
    return out


# ------------------------------------------------------------------ the page's set-up
def test_seven_two_dimensional_classes_with_exponentially_falling_counts():
    """cb.intro, cb.formula_caption (k = 7), schemes.intro, schemes.axis_class, cb.axis_class."""
    X, y = train(0)
    assert len(COUNTS) == 7 and X.shape[1] == 2
    assert np.bincount(y).tolist() == COUNTS.tolist()
    assert np.all(np.diff(COUNTS) < 0)  # most to least frequent
    ratios = COUNTS[:-1] / COUNTS[1:]
    assert np.allclose(ratios, IMB ** (1 / 6), rtol=0.05)  # exponential decay
    assert len(sm.MULTICLASS_STRATEGIES) == 5 and sm.MULTICLASS_STRATEGIES[0] == "none"
    assert sm.frequency_order(COUNTS).tolist() == list(range(7))


def test_neighbouring_class_means_are_sep_standard_deviations_apart():
    """cb.formula_caption: unit-variance blobs whose neighbouring means are {sep} apart."""
    X, y = make_long_tailed([20_000] * 7, class_sep=SEP, random_state=0)
    means = np.array([X[y == c].mean(axis=0) for c in range(7)])
    gaps = np.linalg.norm(means - np.roll(means, -1, axis=0), axis=1)
    np.testing.assert_allclose(gaps, SEP, atol=0.05)
    np.testing.assert_allclose([X[y == c].std(axis=0) for c in range(7)], 1.0, atol=0.03)


@pytest.mark.parametrize("head", [200, 500, 2000, 5000, 50_000])
@pytest.mark.parametrize("ratio", [10, 100, 200, 1000])
def test_the_rarest_count_is_the_head_divided_by_the_ratio_rounded(head, ratio):
    """cb.imb_help, cb.nmax_help, schemes.tail_help."""
    counts = long_tail_counts(head, ratio)
    assert counts[0] == head
    assert counts[-1] == max(1, round(head / ratio))


def _settings_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func) == "ui.current_settings"
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in names
    }


def test_of_the_sidebar_only_the_seed_applies():
    """cb.intro ("only the seed applies"), schemes.intro (the sidebar does not apply)."""
    assert _settings_used(ROOT / "views" / "class_balanced.py") == {"seed"}
    assert _settings_used(ROOT / "views" / "weight_schemes.py") == set()


def test_test_sets():
    """cb.test_caption_balanced / _longtail, cb.change_text_longtail (the head supplies most)."""
    balanced = sm.evaluation_counts(COUNTS, "balanced", per_class=PER_CLASS)
    assert set(balanced.tolist()) == {PER_CLASS}
    longtail = sm.evaluation_counts(COUNTS, "longtail", per_class=PER_CLASS)
    np.testing.assert_allclose(longtail / longtail.sum(), COUNTS / COUNTS.sum(), atol=1e-3)
    assert longtail[:2].sum() > 0.5 * longtail.sum()  # the head classes supply most samples
    assert longtail[-1] < 50


# ------------------------------------------------------------------ change_text
def test_the_rarest_class_is_seldom_predicted_and_its_recall_grows_several_fold(models):
    """cb.change_text, cb.look_for (the rarest class now found far more often)."""
    for seed in SEEDS:
        X_test, y_test = held_out(seed)
        predicted = np.bincount(models[seed]["none"].predict(X_test), minlength=7)
        assert predicted[-1] < 0.3 * PER_CLASS
        recall = sm.metric_by_class(table(models, seed), "recall")
        assert recall.loc[6, "ins"] > 3 * recall.loc[6, "none"]
        for name in WEIGHTED:  # the most frequent class gives up some recall
            assert recall.loc[0, name] < recall.loc[0, "none"]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_extra_predictions_raise_f05_only_if_their_precision_beats_0_8_f05(seed):
    """cb.change_text: F0.5 = 1.25 TP / (predictions + 0.25 support)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 400)
    pred = np.where(rng.random(400) < 0.7, y, 1 - y)
    before = per_class_report(y, pred, beta=0.5).loc[1]
    tp, n_pred = before["precision"] * (pred == 1).sum(), (pred == 1).sum()
    assert before["f_beta"] == pytest.approx(1.25 * tp / (n_pred + 0.25 * before["support"]))
    candidates = np.flatnonzero(pred == 0)
    for hit_rate in (0.2, 0.5, 0.7, 0.9):  # turn 40 predictions of 0 into 1
        right = candidates[y[candidates] == 1][: round(40 * hit_rate)]
        wrong = candidates[y[candidates] == 0][: 40 - len(right)]
        after = pred.copy()
        after[np.concatenate([right, wrong])] = 1
        f_after = per_class_report(y, after, beta=0.5).loc[1, "f_beta"]
        assert (f_after > before["f_beta"]) == (len(right) / 40 > 0.8 * before["f_beta"])


def test_on_the_balanced_test_set_the_head_gains_f05_by_being_predicted_less(models):
    """cb.change_text_balanced ("often": on every seed tried), cb.look_for."""
    for seed in SEEDS:
        X_test, _ = held_out(seed)
        precision = sm.metric_by_class(table(models, seed), "precision")
        f05 = sm.metric_by_class(table(models, seed), "f_beta")
        n_none = np.bincount(models[seed]["none"].predict(X_test), minlength=7)[0]
        assert precision.loc[0, "none"] < 0.6 and n_none > 1.5 * PER_CLASS
        for name in WEIGHTED:
            n_pred = np.bincount(models[seed][name].predict(X_test), minlength=7)[0]
            assert n_pred < n_none and precision.loc[0, name] > precision.loc[0, "none"]
            assert f05.loc[0, name] > f05.loc[0, "none"]


def test_the_big_f05_changes_stand_at_the_two_ends(models):
    """cb.look_for: head and tail move a lot, the classes in between by a few percent."""
    for seed in SEEDS:
        change = sm.change_vs_baseline(table(models, seed), "f_beta")
        assert np.all(change.loc[[0, 6]].abs().to_numpy() > 30)
        assert np.all(change.loc[1:5].abs().to_numpy() < 10)


def test_ins_pushes_the_rarest_class_hardest_and_isns_most_gently(models):
    """cb.look_for (compare the recall bars)."""
    for seed in SEEDS:
        recall = sm.metric_by_class(table(models, seed), "recall").loc[6]
        assert recall["ins"] > recall["ens"] > recall["isns"] > recall["none"]


def test_on_the_long_tailed_test_set_the_rare_f05_can_fall_while_recall_rises(models):
    """cb.change_text_longtail, cb.look_for (sign flip), cb.overall_text_longtail."""
    longtail, balanced = table(models, 0, "longtail"), table(models, 0)
    recall = sm.metric_by_class(longtail, "recall").loc[6]
    precision = sm.metric_by_class(longtail, "precision").loc[6]
    assert recall["ins"] > recall["none"] and precision["ins"] < precision["none"]
    assert sm.change_vs_baseline(longtail, "f_beta").loc[6, "ins"] < 0
    assert sm.change_vs_baseline(balanced, "f_beta").loc[6, "ins"] > 0  # the sign flips
    scores = sm.overall_scores(models[0], *held_out(0, "longtail"), n_classes=7)
    macro = scores.loc["ins", "macro_f"] - scores.loc["none", "macro_f"]
    weighted = scores.loc["ins", "weighted_f"] - scores.loc["none", "weighted_f"]
    assert macro < weighted < 0  # macro F0.5 drops more than weighted F0.5
    assert not np.allclose(scores["macro_f"], scores["weighted_f"], atol=0.01)  # they part


# ------------------------------------------------------------------ the two weight sources
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("batch", [32, 64, 256])
def test_what_counting_inside_each_batch_does_to_the_weights(batch, seed):
    """cb.batch_text, cb.batch_effect, cb.batch_help, cb.look_for."""
    _, y = train(seed)
    spread = sm.batch_weight_spread(y, "ins", batch_size=batch, epochs=EPOCHS, random_state=seed)
    # The source's method: every class the same share (INS).
    np.testing.assert_allclose(spread["share_global"], 1 / 7)
    tail = spread.iloc[-1]
    assert tail["missing"] > 0  # missing from some batches even at the default size
    if batch <= 64:  # less than a third of its share, most of it lost
        assert tail["share_batch"] < tail["share_global"] / 3
        assert tail["missing"] > 0.5  # small batches hold none of the rarest class
    assert np.all(spread["batch_max"] > 2 * spread["batch_min"])  # every class jumps


def test_counting_inside_small_batches_lowers_macro_f05(sources):
    """cb.batch_effect, cb.look_for: seeds 0-2 at the defaults."""
    for seed in SEEDS:
        for batch in (32, 64):
            frame = sources[seed, batch]
            assert frame.loc["batch", "macro_f"] < frame.loc["global", "macro_f"], (seed, batch)
        frame = sources[seed, BATCH]
        assert abs(frame.loc["batch", "macro_f"] - frame.loc["global", "macro_f"]) < 0.02


def test_every_run_takes_the_same_mean_step_per_sample(monkeypatch):
    """cb.formula_caption: the step size is divided by the run's mean sample weight."""
    X, y = train(0)
    seen = {}
    monkeypatch.setattr(sm, "train_softmax", lambda X, y, **kw: seen.update(kw))
    for source in sm.SOURCES:
        sm.train_strategy(X, y, "ins", source=source, batch_size=64, epochs=3, learning_rate=0.5)
        mean_w = mean_sample_weight(y, weighting=source, scheme="ins", batch_size=64, epochs=3)
        assert seen["learning_rate"] * mean_w == pytest.approx(0.5)
    global_mean = np.mean(weights_from_counts(COUNTS, "ins")[y])
    assert mean_sample_weight(y, weighting="global", scheme="ins") == pytest.approx(global_mean)


def test_pytorchs_divisor_against_this_trainers(models):
    """cb.reduction_text: sum of the batch's weights over |B| times the run's mean weight."""
    _, y = train(0)
    w = weights_from_counts(COUNTS, "ins")[y]
    ratios, tails = [], []
    for batches in minibatches(len(y), batch_size=BATCH, epochs=EPOCHS):
        for idx in batches:
            ones = np.ones(len(idx))  # unit losses isolate the divisors
            ours = batch_loss(ones, w[idx], reduction="mean") / np.mean(w)
            pytorch = batch_loss(ones, w[idx], reduction="weighted_mean")
            ratios.append(ours / pytorch)  # = sum_B w / (|B| mean w)
            tails.append(int(np.sum(y[idx] == 6)))
    summary = sm.pytorch_divisor_ratio(y, "ins", batch_size=BATCH, epochs=EPOCHS)
    assert summary["min"] == pytest.approx(min(ratios))
    assert summary["max"] == pytest.approx(max(ratios))
    assert summary["median"] == pytest.approx(np.median(ratios))
    assert summary["min"] < 1 < summary["max"]
    # A batch with more rare samples than usual has the larger divisor (smaller step).
    ratios, tails = np.array(ratios), np.array(tails)
    assert ratios[tails > np.median(tails)].mean() > ratios[tails <= np.median(tails)].mean()
    # This trainer divides by |B| (test_training.py checks the objective and the step).
    assert batch_loss(np.ones(3), np.array([1.0, 2.0, 3.0])) == pytest.approx(2.0)


# ------------------------------------------------------------------ the schemes page and lesson
def test_the_ens_chart_runs_towards_beta_one_on_a_log_axis():
    """schemes.axis_one_minus_beta, schemes.ens_title: 1 - beta on a reversed log axis."""
    one_minus = weight_schemes(2000, 200).one_minus_beta
    np.testing.assert_array_equal(one_minus, np.logspace(-5, 0, 60))
    fig = line_chart(
        [Curve("class 0", one_minus, one_minus, "#000000")],
        title="t",
        xtitle="x",
        ytitle="y",
        log_x=True,
        reverse_x=True,
    )
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.autorange == "reversed"
    section = ROOT / "views" / "weight_schemes_parts" / "effective.py"
    source = section.read_text(encoding="utf-8")
    assert "study.one_minus_beta" in source and "reverse_x=True" in source


def test_the_schemes_lesson_opens_on_its_own_distribution():
    """lesson.schemes.question: seven classes from 5,000 down to 50 (1:100), beta = 0.999."""
    counts = long_tail_counts(5000, 100)
    assert len(counts) == 7 and counts[0] == 5000 and counts[-1] == 50
    [lesson] = [lesson for lesson in LESSONS if lesson.key == "schemes"]
    assert dict(lesson.preset) == {"beta": "0.999", "head": "5000", "tail": "100"}
    source = (ROOT / "views" / "weight_schemes.py").read_text(encoding="utf-8")
    compact = "".join(source.split())  # as ruff format wraps the calls
    assert 'slider_param("head"' in compact and 'slider_param("tail"' in compact
