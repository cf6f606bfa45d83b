"""Code export on the decision-boundary page: it shows the snippets of its settings.

The snippet regenerates the data with NumPy alone and trains the same
``LogisticRegression``; executing it must give the per-class metrics the page
shows. The snippets themselves are unit-tested in tests/lib/io/test_export.py.
"""

from lib.io import keras_snippet, pytorch_snippet, sklearn_snippet
from tests.lib.io.test_export import run_snippet


def test_boundaries_page_shows_the_snippets_for_its_settings():
    from tests.app.helpers import open_page

    at = open_page("boundaries", ratio="100", n="5000", seed="3", w0="0.505", w1="50.5")
    codes = [c.value.rstrip() for c in at.code]  # st.code drops the final newline
    assert codes[0] == sklearn_snippet(5000, 100, 2.0, 3, 0.505, 50.5).rstrip()
    assert codes[1] == pytorch_snippet(0.505, 50.5).rstrip()
    assert codes[2] == keras_snippet(0.505, 50.5).rstrip()
    assert any("pos_weight" in m.value and "100" in m.value for m in at.markdown)
    # The page's own metrics table agrees with what the snippet prints.
    ns = run_snippet(codes[0])
    assert f"{ns['recall'][1]:.3f}" in " ".join(
        f"{v:.3f}" for v in at.dataframe[0].value.to_numpy().ravel() if isinstance(v, float)
    )


def test_boundaries_page_snippet_follows_the_shape():
    from tests.app.helpers import open_page

    at = open_page("boundaries", ratio="100", n="2000", seed="3", shape="two_clusters")
    assert (
        at.code[0].value.rstrip()
        == sklearn_snippet(2000, 100, 2.0, 3, 1.0, 1.0, shape="two_clusters").rstrip()
    )
