"""The gradient-masking page's convergence section (issue 14, "Blaming the loss").

Both runs are followed to the minimum of their own loss; the page shows
their loss, class-1 recall and distance to that minimum by step, a table of
where each ends, and the explanation filled with the Bayes share of the
current settings.
"""

from lib.bayes import bayes_recall
from tests.app.helpers import charts, open_page, rerun

SMALL = {"n": "2000", "ratio": "100"}


def _section_table(at):
    return next(
        d.value for d in at.dataframe if "steps to within 1 % of its minimum" in d.value.index
    )


def test_convergence_section_shows_both_runs_to_their_minimum():
    at = open_page("gradients", **SMALL, w0="0.505", w1="50")
    fig = charts(at)["grad_converge"]
    names = {t["name"] for t in fig["data"]}
    assert names == {"unweighted", "weighted"}
    assert len(fig["data"]) == 6  # loss, recall, distance for each run
    assert fig["layout"]["xaxis"]["type"] == "log"
    table = _section_table(at)
    steps = table.loc["steps to within 1 % of its minimum"]
    assert 0 < steps["weighted"] < steps["unweighted"]
    assert (table.loc["distance to its minimum after the last step"] < 1e-3).all()
    explanation = next(
        m.value for m in at.markdown if m.value.startswith("**Masking changes how fast")
    )
    assert f"{100 * bayes_recall(100, 2.0):.2g} %" in explanation


def test_convergence_section_follows_the_weights():
    at = open_page("gradients", **SMALL)
    before = _section_table(at)
    # Equal weights: the two runs are the same run.
    assert (before["unweighted"].fillna(-1) == before["weighted"].fillna(-1)).all()
    at.number_input(key="sb_w1").set_value(50.0)
    rerun(at)
    after = _section_table(at)
    assert (
        after.loc["class-1 recall at its minimum (p > 0.5, training data)", "weighted"]
        > after.loc["class-1 recall at its minimum (p > 0.5, training data)", "unweighted"]
    )


def test_separable_data_say_there_is_no_minimum():
    at = open_page("gradients", n="100", ratio="10000", sep="6")
    warnings = " ".join(w.value for w in at.warning)
    assert "neither loss has a minimum" in warnings
    assert "grad_converge" in charts(at)


def test_convergence_section_in_russian_and_korean():
    for lang, heading in (("ru", "До минимума"), ("ko", "최소점까지")):
        at = open_page("gradients", **SMALL, lang=lang)
        assert any(heading in h.value for h in at.header)
