"""Gradient masking: how much of the gradient each class contributes, and where runs end.

Sections in views/gradients_parts/.
"""

import streamlit as st

import ui
from lib.settings import ParamSpec, int_param
from lib.studies.gradients_page import STEPS, contributions_at_step
from views.gradients_parts import convergence, path, runs

s = ui.current_settings()
key = ui.data_key(s)
tr = ui.tr
ui.page_header("gradients")
st.latex(
    r"\nabla L = \underbrace{\frac{1}{n}\sum_{y_i = 0} w_0\, p_i\, \tilde x_i}_{g_0}"
    r" + \underbrace{\frac{1}{n}\sum_{y_i = 1} w_1\, (p_i - 1)\, \tilde x_i}_{g_1},"
    r"\qquad \text{share}_1 = \frac{\lVert g_1\rVert}{\lVert g_0\rVert + \lVert g_1\rVert}"
)

X, y = ui.dataset(*key)
losses = {tr("grad.unweighted"): (1.0, 1.0), tr("grad.weighted"): (s.w0, s.w1)}
bar = st.progress(0.0, text=tr("grad.running", steps=STEPS, n=f"{s.n:,}"))
histories = {}
for k, (label, (w0, w1)) in enumerate(losses.items()):
    histories[label] = ui.descent(
        *key,
        w0,
        w1,
        STEPS,
        progress=lambda f, k=k: bar.progress(
            (k + f) / len(losses), text=tr("grad.running", steps=STEPS, n=f"{s.n:,}")
        ),
    )
bar.empty()

step = ui.bound(
    ParamSpec("step", 0, int_param(0, STEPS)),
    lambda k: st.slider(tr("grad.step"), 0, STEPS, key=k, help=tr("grad.step_help")),
)
at_step = contributions_at_step(X, y, histories, losses, step=step)
left, right = st.columns([1, 1], gap="large")
with left:
    ui.shares_view(s, at_step.contributions, losses, tr("grad.weighted"))
with right:
    st.markdown(tr("grad.at_step", step=step, w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"))
    table = at_step.table.rename(index=lambda r: tr(f"grad.col_{r}"))
    st.dataframe(table.style.format("{:.4g}"), width="stretch")
    st.caption(tr("grad.table_caption"))

path.render(s, step)
runs.render(s, histories, step)
convergence.render(s, list(losses))
ui.look_for("gradients")
