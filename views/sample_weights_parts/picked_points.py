"""Sample weights, section (a): class_weight vs a sample_weight array, hand-picked points."""

import streamlit as st

import ui
from lib.settings import ParamSpec, Settings, format_point_ids, point_ids_param
from lib.studies import class_vs_sample as cvs
from views.sample_weights_parts import picked_results

N_A, RATIO_CAP = 200, 20
CLASS1 = (1, 2, 5, 10, 20, 50, 100, 1000, 10000)
FACTORS = ("0", "0.1", "0.5", "1", "2", "5", "10", "20", "50", "100")
tr = ui.tr


def pick_widget(key: str, candidates: dict[int, int]) -> list[int]:
    """The multiselect of points to up-weight, keeping only picks that still exist."""
    st.session_state[key] = [i for i in st.session_state[key] if i in candidates]  # data changed
    return st.multiselect(
        tr("sw.pick"),
        list(candidates),
        key=key,
        help=tr("sw.pick_help"),
        placeholder=tr("sw.pick_placeholder"),
        format_func=lambda i: tr("sw.pick_option", i=i, cls=candidates[i]),
    )


def render(s: Settings) -> None:
    """Heading, text and the section's fragment."""
    ui.section(tr("sw.a_heading"))
    st.markdown(tr("sw.a_text"))
    _hand_picked(s)


@st.fragment
def _hand_picked(s: Settings) -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        data = ui.cached_call(
            cvs.pickable_data,
            s.n,
            s.ratio,
            class_sep=s.sep,
            shape=s.shape,
            random_state=s.seed,
            max_samples=N_A,
            max_ratio=RATIO_CAP,
        )
        cols = st.columns([1, 2, 1])
        with cols[0]:
            w1 = ui.slider_param(
                "cls1w",
                CLASS1,
                10,
                tr("sw.cls1w"),
                format_func=lambda v: f"{v:,}",
                help=tr("sw.cls1w_help"),
            )
        with cols[1]:
            picked = ui.bound(
                ParamSpec("pick", [], point_ids_param(data.candidates), format_point_ids),
                lambda k: pick_widget(k, data.candidates),
            )
        with cols[2]:
            factor = ui.slider_param(
                "pickw", FACTORS, "10", tr("sw.pickw"), help=tr("sw.pickw_help")
            )
        view = ui.cached_call(
            cvs.picked_points_section,
            data,
            w1=float(w1),
            picked=tuple(picked),
            factor=float(factor),
        )
        picked_results.render(data, view, w1=w1, picked=picked, factor=factor)
