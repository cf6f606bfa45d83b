"""Sample weights, section (a) continued: the two weighted maps, the shifts and the weight table."""

import streamlit as st

import ui
from lib import viz
from lib.studies.class_vs_sample import PickableData, PickedPointsSection
from lib.viz import THRESHOLD_COLOR as GREEN
from lib.viz import UNWEIGHTED_COLOR as BLACK
from lib.viz import WEIGHTED_COLOR as PURPLE
from lib.viz import BoundaryLine

tr = ui.tr


def render(
    data: PickableData, view: PickedPointsSection, *, w1: int, picked: list[int], factor: str
) -> None:
    """Maps of the class_weight and sample_weight fits, three metrics, the candidates' weights."""
    fits = view.fits
    line = BoundaryLine.of
    plain = line(
        fits.unweighted, threshold=0.5, label=tr("sw.line_unweighted"), color=BLACK, dash="dot"
    )
    by_class = line(fits.class_weighted, threshold=0.5, label=tr("sw.line_class"), color=PURPLE)
    maps = {
        "class": (view.class_weights, {}, [plain, by_class], {"w": f"{w1:,}"}),
        "sample": (
            fits.weights,
            {i: f"#{i}" for i in picked},
            [
                plain,
                line(
                    fits.class_weighted,
                    threshold=0.5,
                    label=by_class.label,
                    color=PURPLE,
                    dash="dash",
                ),
                line(fits.sample_weighted, threshold=0.5, label=tr("sw.line_sample"), color=GREEN),
            ],
            {"k": len(picked), "f": factor},
        ),
    }
    for column, (name, (weights, labels, lines, title)) in zip(
        st.columns(2, gap="large"), maps.items(), strict=True
    ):
        with column:
            figure = viz.weighted_map(
                data.X,
                data.y,
                weights,
                lines,
                x_range=view.x_range,
                y_range=view.y_range,
                title=tr(f"sw.map_{name}_title", **title),
                grid=view.grids[name],
                labels=labels,
                tr=tr,
            )
            ui.plot(figure, key=f"sw_{name}_map")
            st.markdown(tr(f"sw.map_{name}_text"))
    ui.metric_row(
        ("sw.m_identical", tr("sw.m_identical_value", diff=f"{view.shifts['identical']:.2g}")),
        ("sw.m_shift_class", f"{view.shifts['class']:+.3f}"),
        ("sw.m_shift_picked", f"{view.shifts['picked']:+.3f}"),
    )
    columns = {c: tr(f"sw.col_{c}") for c in view.table.columns}
    st.dataframe(
        view.table.rename(columns=columns)
        .style.format("{:.2f}", subset=[columns["x1"], columns["x2"]])
        .format("{:,.7g}", subset=[columns[c] for c in ("class_weight", "factor", "weight")]),
        hide_index=True,
        width="stretch",
        height="content",
    )
    st.caption(tr("sw.table_caption", n=len(data.y), total=f"{view.total_weight:,.7g}"))
