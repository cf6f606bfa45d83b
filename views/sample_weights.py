"""Sample weights: class_weight vs sample_weight, recency weights, weighted least squares."""

import numpy as np
import streamlit as st

import ui
from lib import figures_sample as fs
from lib import sample_weighting as sw
from lib.data import plot_extent
from lib.figures import THRESHOLD_COLOR as GREEN
from lib.figures import UNWEIGHTED_COLOR as BLACK
from lib.figures import WEIGHTED_COLOR as PURPLE
from lib.figures import BoundaryLine, Curve, line_chart
from lib.settings import ParamSpec
from lib.weights import recency_weights

N_A, RATIO_CAP, N_DRIFT, N_FRESH, DAYS, N_REG, REPS = 200, 20, 500, 2000, 100, 40, 400
CLASS1, FACTORS = (
    (1, 2, 5, 10, 20, 50, 100, 1000, 10000),
    ("0", "0.1", "0.5", "1", "2", "5", "10", "20", "50", "100"),
)
HALF_LIVES, SPREADS = (1, 2, 5, 10, 20, 50, 100, 1000), (1, 2, 5, 10, 20, 50, 100)
DRIFTS = ("0", "30", "60", "90", "120", "180")
tr = ui.tr


def pick_widget(key, options, y):
    st.session_state[key] = [i for i in st.session_state[key] if i in options]  # data changed
    return st.multiselect(
        tr("sw.pick"),
        options,
        key=key,
        help=tr("sw.pick_help"),
        placeholder=tr("sw.pick_placeholder"),
        format_func=lambda i: tr("sw.pick_option", i=i, cls=int(y[i])),
    )


s = ui.current_settings()
ui.page_header("sw")
st.latex(
    r"J(\beta) = \tfrac12\lVert\beta\rVert^2 + C\sum_i s_i\,w_{y_i}\,\ell(y_i, p_i),\qquad"
    r"\texttt{class\_weight}=\{0{:}\,1,\ 1{:}\,w\}\iff s_i = w^{[y_i = 1]}"
)

st.subheader(tr("sw.a_heading"))
st.markdown(tr("sw.a_text"))


@st.fragment
def _hand_picked() -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        data_a = (min(s.n, N_A), min(s.ratio, RATIO_CAP), s.sep, s.seed, s.shape)
        X, y = ui.dataset(*data_a)
        candidates = [int(i) for i in sw.boundary_candidates(X, *ui.logistic(*data_a, 1.0, 1.0))]
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
                ParamSpec("pick", [], sw.point_ids_param(candidates), sw.format_point_ids),
                lambda k: pick_widget(k, candidates, y),
            )
        with cols[2]:
            factor = ui.slider_param(
                "pickw", FACTORS, "10", tr("sw.pickw"), help=tr("sw.pickw_help")
            )
        fits = ui.cached_call(
            sw.compare_class_and_sample_weights,
            X,
            y,
            w1=float(w1),
            picked=tuple(picked),
            factor=float(factor),
        )
        x_range, y_range = plot_extent(X, y)
        plain = BoundaryLine(*fits.unweighted, 0.5, tr("sw.line_unweighted"), BLACK, "dot")
        by_class = BoundaryLine(*fits.class_weighted, 0.5, tr("sw.line_class"), PURPLE)
        maps = [
            (
                "class",
                fits.class_weighted,
                sw.point_weights(y, w1=w1),
                {},
                [plain, by_class],
                tr("sw.map_class_title", w=f"{w1:,}"),
            ),
            (
                "sample",
                fits.sample_weighted,
                fits.weights,
                {i: f"#{i}" for i in picked},
                [
                    plain,
                    BoundaryLine(*fits.class_weighted, 0.5, by_class.label, PURPLE, "dash"),
                    BoundaryLine(*fits.sample_weighted, 0.5, tr("sw.line_sample"), GREEN),
                ],
                tr("sw.map_sample_title", k=len(picked), f=factor),
            ),
        ]
        for column, (name, fit, weights, labels, lines, title) in zip(
            st.columns(2, gap="large"), maps, strict=True
        ):
            with column:
                grid = ui.probabilities(tuple(fit[0]), fit[1], x_range, y_range)
                ui.plot(
                    fs.weighted_map(
                        X,
                        y,
                        weights,
                        lines,
                        x_range=x_range,
                        y_range=y_range,
                        title=title,
                        grid=grid,
                        labels=labels,
                        tr=tr,
                    ),
                    key=f"sw_{name}_map",
                )
                st.markdown(tr(f"sw.map_{name}_text"))
        shift = sw.boundary_shifts(fits, X.mean(axis=0))
        ui.metric_row(
            ("sw.m_identical", tr("sw.m_identical_value", diff=f"{shift['identical']:.2g}")),
            ("sw.m_shift_class", f"{shift['class']:+.3f}"),
            ("sw.m_shift_picked", f"{shift['picked']:+.3f}"),
        )
        table = sw.weight_table(X, y, candidates, w1=w1, picked=picked, factor=float(factor))
        st.dataframe(
            table.rename(columns=lambda c: tr(f"sw.col_{c}"))
            .style.format("{:.2f}", subset=[tr("sw.col_x1"), tr("sw.col_x2")])
            .format(
                "{:,.7g}", subset=[tr(f"sw.col_{c}") for c in ("class_weight", "factor", "weight")]
            ),
            hide_index=True,
            width="stretch",
            height="content",
        )
        st.caption(tr("sw.table_caption", n=len(y), total=f"{fits.weights.sum():,.7g}"))


_hand_picked()

st.subheader(tr("sw.b_heading"))
st.markdown(tr("sw.b_text", n=N_DRIFT, days=DAYS))
st.latex(r"s_i = 2^{-a_i/h}\qquad n_{\text{eff}} = \frac{\left(\sum_i s_i\right)^2}{\sum_i s_i^2}")


@st.fragment
def _recency() -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        cols = st.columns(2)
        with cols[0]:
            half = ui.slider_param(
                "half",
                HALF_LIVES,
                10,
                tr("sw.half"),
                help=tr("sw.half_help"),
                format_func=lambda h: f"{h:,}",
            )
        with cols[1]:
            drift = ui.slider_param(
                "drift",
                DRIFTS,
                "90",
                tr("sw.drift", days=DAYS),
                format_func=lambda d: tr("sw.drift_format", d=d),
            )
        train, fresh = (
            ui.cached_call(sw.make_drifting, n, drift=float(drift), max_age=age, random_state=seed)
            for n, age, seed in ((N_DRIFT, DAYS, s.seed), (N_FRESH, 0, s.seed + 1))
        )
        study = ui.cached_call(sw.recency_study, train, fresh, half_lives=HALF_LIVES)
        rows, now, unweighted = study.iloc[:-1], study.iloc[HALF_LIVES.index(half)], study.iloc[-1]
        left, right = st.columns(2, gap="large")
        with left:
            lines = [
                BoundaryLine(
                    train.coef_oldest,
                    0.0,
                    0.5,
                    tr("sw.line_true_old", days=DAYS),
                    fs.MUTED_COLOR,
                    "dot",
                ),
                BoundaryLine(train.coef, train.intercept, 0.5, tr("sw.line_true_now"), GREEN),
                BoundaryLine(
                    *ui.cached_call(sw.fit_recency, train, half_life=None),
                    0.5,
                    tr("sw.line_unweighted"),
                    BLACK,
                    "dash",
                ),
                BoundaryLine(
                    *ui.cached_call(sw.fit_recency, train, half_life=float(half)),
                    0.5,
                    tr("sw.line_recency", h=half),
                    PURPLE,
                ),
            ]
            ui.plot(
                fs.weighted_map(
                    train.X,
                    train.y,
                    recency_weights(train.age, half_life=half),
                    lines,
                    x_range=(-3.3, 3.3),
                    y_range=(-3.3, 3.3),
                    encoding="opacity",
                    tr=tr,
                    title=tr("sw.drift_map_title", days=DAYS),
                ),
                key="sw_drift_map",
            )
            st.markdown(tr("sw.drift_map_text", days=DAYS))
        with right:
            flat = np.ones(len(rows))
            ui.plot(
                line_chart(
                    [
                        Curve(tr("sw.curve_recency"), rows["half_life"], rows["accuracy"], PURPLE),
                        Curve(
                            tr("sw.curve_unweighted"),
                            rows["half_life"],
                            flat * unweighted["accuracy"],
                            BLACK,
                            "dash",
                        ),
                        Curve(
                            tr("sw.curve_bayes"),
                            rows["half_life"],
                            flat * study.attrs["bayes_accuracy"],
                            GREEN,
                            "dot",
                        ),
                    ],
                    title=tr("sw.acc_title", n=f"{N_FRESH:,}"),
                    log_x=True,
                    xtitle=tr("sw.axis_half_life"),
                    ytitle=tr("sw.axis_accuracy"),
                    height=540,
                    marks=[(float(half), fs.MUTED_COLOR)],
                ),
                key="sw_drift_accuracy",
            )
            st.markdown(tr("sw.acc_text"))
        ui.metric_row(
            ("sw.m_acc", f"{unweighted['accuracy']:.3f} → {now['accuracy']:.3f}"),
            ("sw.m_angle", f"{unweighted['angle_error']:.1f}° → {now['angle_error']:.1f}°"),
            ("sw.m_neff", tr("sw.m_neff_value", neff=f"{now['n_eff']:,.0f}", n=N_DRIFT)),
        )


_recency()

st.subheader(tr("sw.c_heading"))
st.markdown(tr("sw.c_text", n=N_REG))
st.latex(
    r"(\hat a, \hat b) = \arg\min_{a, b}\sum_i s_i\,(y_i - a - b\,x_i)^2,\qquad"
    r" s_i = 1\ \text{(OLS)},\quad s_i = 1/\sigma_i^2\ \text{(WLS)}"
)


@st.fragment
def _regression() -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        with st.columns(2)[0]:
            spread = ui.slider_param(
                "spread", SPREADS, 20, tr("sw.spread"), help=tr("sw.spread_help")
            )
        data = ui.cached_call(
            sw.make_heteroscedastic, N_REG, spread=float(spread), random_state=s.seed
        )
        study = ui.cached_call(sw.regression_study, data, n_reps=REPS, random_state=s.seed)
        reps, fits = study.replicates, study.fits
        sd = {k: f"{reps[f'{k}_slope'].std():.3f}" for k in ("ols", "wls")}
        left, right = st.columns(2, gap="large")
        with left:
            styles = {"truth": (GREEN, "solid"), "ols": (BLACK, "dash"), "wls": (PURPLE, "solid")}
            ui.plot(
                fs.errorbar_fit(
                    data.x,
                    data.y,
                    data.sigma,
                    [
                        fs.RegressionLine(
                            fits.at[k, "intercept"], fits.at[k, "slope"], tr(f"sw.line_{k}"), *style
                        )
                        for k, style in styles.items()
                    ],
                    x_range=data.x_range,
                    weights=sw.inverse_variance_weights(data.sigma),
                    title=tr("sw.reg_title"),
                    tr=tr,
                ),
                key="sw_regression",
            )
            st.markdown(tr("sw.reg_text"))
        with right:
            ui.plot(
                fs.estimate_histograms(
                    [
                        fs.Sample(
                            tr("sw.hist_ols", sd=sd["ols"]), reps["ols_slope"].to_numpy(), BLACK
                        ),
                        fs.Sample(
                            tr("sw.hist_wls", sd=sd["wls"]), reps["wls_slope"].to_numpy(), PURPLE
                        ),
                    ],
                    truth=data.slope,
                    truth_label=tr("sw.hist_truth", b=f"{data.slope:g}"),
                    title=tr("sw.hist_title", reps=REPS),
                    xtitle=tr("sw.axis_slope"),
                    ytitle=tr("sw.axis_count"),
                ),
                key="sw_histogram",
            )
            st.markdown(
                tr(
                    "sw.hist_text",
                    ols=sd["ols"],
                    wls=sd["wls"],
                    ols_theory=f"{study.sd_theory[0]:.3f}",
                    wls_theory=f"{study.sd_theory[1]:.3f}",
                )
            )
        table = fits.rename(index=lambda k: tr(f"sw.line_{k}"), columns=lambda c: tr(f"sw.col_{c}"))
        st.dataframe(
            table.rename_axis(tr("sw.col_line")).style.format(precision=3), width="stretch"
        )


_regression()
ui.look_for("sw")
