"""Class-balanced losses: what no weights, INS, ISNS, ENS and CB focal do to every class."""

import numpy as np
import pandas as pd
import streamlit as st

import lib.strategies_multiclass as sm
import ui
from lib.data import long_tail_counts, make_long_tailed
from lib.figures_multiclass import STRATEGY_COLORS, change_bars, class_bars
from lib.settings import BETA_CHOICES as BETAS
from lib.settings import GAMMA_CHOICES as GAMMAS
from lib.training import TrainingResult

IMBALANCES = (10, 20, 50, 100, 200, 500, 1000)
SIZES = (200, 500, 1000, 2000, 5000)
BATCHES = (32, 64, 128, 256, 512, 1024)
CLASS_SEP, EPOCHS, PER_CLASS = 3.0, 30, 1000
METRIC_KEYS = {
    "precision": "metrics.precision",
    "recall": "metrics.recall",
    "f_beta": "metrics.f05",
}


# Cache wrappers keyed by small arguments (counts, seed): cheaper than letting
# ui.cached_call hash the data arrays on every rerun.
@st.cache_data(max_entries=16, show_spinner=False)
def data(counts: tuple[int, ...], seed: int) -> tuple[np.ndarray, np.ndarray]:
    return make_long_tailed(counts, class_sep=CLASS_SEP, random_state=seed)


@st.cache_data(max_entries=96, show_spinner=False)
def fit(counts: tuple[int, ...], seed: int, name: str, batch: int, **params) -> TrainingResult:
    return sm.train_strategy(
        *data(counts, seed),
        name,
        n_classes=len(counts),
        epochs=EPOCHS,
        batch_size=batch,
        random_state=seed,
        **params,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def spread(counts: tuple[int, ...], seed: int, batch: int) -> tuple[pd.DataFrame, pd.Series]:
    y = data(counts, seed)[1]
    return (
        sm.batch_weight_spread(y, "ins", batch_size=batch, epochs=EPOCHS, random_state=seed),
        sm.pytorch_divisor_ratio(y, "ins", batch_size=batch, epochs=EPOCHS, random_state=seed),
    )


s = ui.current_settings()
ui.page_header("cb")
st.latex(
    r"J_B = \frac{1}{|B|}\sum_{i\in B} w_{y_i}\,(1 - p_{i,y_i})^{\gamma}\,"
    r"\bigl(-\log p_{i,y_i}\bigr),\qquad w^{\text{INS}}_c \propto \frac{1}{n_c},\quad"
    r" w^{\text{ISNS}}_c \propto \frac{1}{\sqrt{n_c}},\quad w^{\text{ENS}}_c \propto"
    r" \frac{1 - \beta}{1 - \beta^{n_c}},\quad \sum_c w_c = k"
)
st.caption(ui.tr("cb.formula_caption", epochs=EPOCHS, sep=f"{CLASS_SEP:g}"))
cols = iter(st.columns(4) + st.columns([3, 2, 3], gap="large"))
with next(cols):
    imb = ui.slider_param(
        "imb",
        IMBALANCES,
        100,
        ui.tr("cb.imb"),
        format_func=lambda r: f"{r}:1",
        help=ui.tr("cb.imb_help"),
    )
with next(cols):
    nmax = ui.slider_param(
        "nmax",
        SIZES,
        2000,
        ui.tr("cb.nmax"),
        format_func=lambda n: f"{n:,}",
        help=ui.tr("cb.nmax_help"),
    )
with next(cols):
    beta = float(
        ui.slider_param("beta", BETAS, "0.999", ui.tr("cb.beta"), help=ui.tr("cb.beta_help"))
    )
with next(cols):
    gamma = float(
        ui.slider_param("gamma", GAMMAS, "2", ui.tr("cb.gamma"), help=ui.tr("cb.gamma_help"))
    )
with next(cols):
    source = ui.radio_param(
        "wfrom",
        sm.SOURCES,
        "global",
        ui.tr("cb.source"),
        format_func=lambda v: ui.tr(f"cb.source_{v}"),
    )
with next(cols):
    batch = ui.slider_param("bs", BATCHES, 256, ui.tr("cb.batch"), help=ui.tr("cb.batch_help"))
with next(cols):
    test = ui.radio_param(
        "test",
        sm.TEST_SETS,
        "balanced",
        ui.tr("cb.test"),
        format_func=lambda v: ui.tr(f"cb.test_{v}"),
    )

counts = long_tail_counts(nmax, imb)
key = tuple(int(c) for c in counts), s.seed
test_counts = sm.evaluation_counts(counts, test, per_class=PER_CLASS)
X_test, y_test = data(tuple(int(c) for c in test_counts), s.seed + 1)
names = {n: ui.tr(f"cb.strategy_{n}", beta=f"{beta:g}", gamma=f"{gamma:g}") for n in sm.STRATEGIES}
order = sm.frequency_order(counts)
ticks = {c: ui.tr("cb.class_label", c=c, n=f"{counts[c]:,}") for c in order}
rows = {c: ui.tr("cb.class_name", c=c, n=f"{counts[c]:,}") for c in order}
colors = [STRATEGY_COLORS[n] for n in sm.STRATEGIES]

# The global models always (the reference), the per-batch ones too when chosen;
# the progress bar moves between the cached fits. "none" ignores the source.
sources = tuple(dict.fromkeys(("global", source)))
fits = [(src, n) for src in sources for n in sm.STRATEGIES]
progress = st.progress(0.0, text=ui.tr("cb.training"))
trained = {}
for done, (src, n) in enumerate(fits, start=1):
    trained[src, n] = fit(
        *key, n, batch, **sm.relevant_params(n, source=src, beta=beta, gamma=gamma)
    )
    progress.progress(
        done / len(fits),
        text=ui.tr("cb.training_model", done=done, total=len(fits), model=names[n]),
    )
progress.empty()
table = sm.compare_strategies(
    {n: trained[source, n] for n in sm.STRATEGIES}, X_test, y_test, counts=counts
)

for column, metric in zip(st.columns(2, gap="large"), ("recall", "precision"), strict=True):
    with column:
        ui.plot(
            class_bars(
                sm.metric_by_class(table, metric).rename(index=ticks, columns=names),
                colors=colors,
                title=ui.tr(f"cb.{metric}_title"),
                xtitle=ui.tr("cb.axis_class"),
                ytitle=ui.tr(METRIC_KEYS[metric]),
            ),
            key=f"cb_{metric}",
        )
st.caption(
    ui.tr(
        f"cb.test_caption_{test}",
        per_class=f"{PER_CLASS:,}",
        total=f"{test_counts.sum():,}",
        rare=f"{test_counts.min():,}",
    )
)

st.subheader(ui.tr("cb.change_heading"))
metric = ui.radio_param(
    "metric", sm.METRICS, "f_beta", ui.tr("cb.metric"), format_func=lambda m: ui.tr(METRIC_KEYS[m])
)
change = sm.change_vs_baseline(table, metric).rename(index=ticks, columns=names)
ui.plot(
    change_bars(
        change,
        colors=colors[1:],
        xtitle=ui.tr("cb.axis_class"),
        title=ui.tr("cb.change_title", metric=ui.tr(METRIC_KEYS[metric])),
        ytitle=ui.tr("cb.axis_change"),
        inf_text=ui.tr("cb.from_zero"),
    ),
    key="cb_change",
)
st.latex(
    r"\Delta_c = 100\,\frac{m_c^{\text{strategy}} - m_c^{\text{no weights}}}"
    r"{m_c^{\text{no weights}}}\;\%,\qquad F_{0.5,c} = \frac{1.25\,P_c R_c}"
    r"{0.25\,P_c + R_c}"
)
st.markdown(ui.tr("cb.change_text") + "\n\n" + ui.tr(f"cb.change_text_{test}"))

st.subheader(ui.tr("cb.overall_heading"))
columns = {
    "macro_f": ui.tr("cb.col_macro"),
    "weighted_f": ui.tr("cb.col_weighted"),
    "accuracy": ui.tr("cb.col_accuracy"),
}
scores = pd.concat(
    {
        ui.tr("cb.scores_group", source=ui.tr(f"cb.source_{src}")): sm.overall_scores(
            {names[n]: trained[src, n] for n in sm.STRATEGIES},
            X_test,
            y_test,
            n_classes=len(counts),
        ).rename(columns=columns)
        for src in sources
    },
    axis=1,
)
st.dataframe(scores.rename_axis(ui.tr("cb.strategy")).style.format("{:.3f}"), width="stretch")
st.latex(
    r"F^{\text{macro}}_{0.5} = \frac{1}{k}\sum_c F_{0.5,c},\qquad F^{\text{weighted}}_{0.5}"
    r" = \sum_c \frac{m_c}{m}\,F_{0.5,c}\quad(m_c\text{: test samples of class }c)"
)
st.markdown(ui.tr(f"cb.overall_text_{test}"))
if source == "batch":
    st.caption(ui.tr("cb.overall_caption_batch"))

st.subheader(ui.tr("cb.batch_heading"))
st.latex(
    r"w^{\text{INS}}_{c} = k\,\frac{1/n_{c}}{\sum_{j} 1/n_{j}}\quad\text{or}\quad"
    r"w^{\text{INS}}_{c,B} = k_B\,\frac{1/n_{c,B}}{\sum_{j \in B} 1/n_{j,B}}\qquad"
    r"(n_{c,B}\text{: samples of class } c \text{ in the mini-batch } B)"
)
weights, ratio = spread(*key, batch)
tail = weights.iloc[-1]
st.markdown(
    ui.tr(
        "cb.batch_text",
        batch=batch,
        missing=f"{tail['missing']:.0%}",
        n_batches=f"{EPOCHS * -(-int(counts.sum()) // batch):,}",
        tail_min=f"{tail['batch_min']:.3g}",
        tail_max=f"{tail['batch_max']:.3g}",
        tail_global=f"{tail['global']:.3g}",
        share_batch=f"{tail['share_batch']:.1%}",
        share_global=f"{tail['share_global']:.1%}",
    )
)
weights = weights.rename(index=rows, columns=lambda c: ui.tr(f"cb.col_{c}"))
st.dataframe(
    weights.style.format("{:.3g}").format("{:.1%}", subset=list(weights.columns[-3:])),
    width="stretch",
)
effect = sm.source_comparison(
    {src: fit(*key, "ins", batch, source=src) for src in sm.SOURCES}, X_test, y_test, counts=counts
)
st.dataframe(
    effect.rename(
        index=lambda v: ui.tr(f"cb.source_{v}"),
        columns={
            "head_recall": ui.tr("cb.col_head_recall"),
            "tail_recall": ui.tr("cb.col_tail_recall"),
            "macro_f": ui.tr("cb.col_macro"),
        },
    ).style.format("{:.3f}"),
    width="stretch",
)
st.caption(ui.tr("cb.batch_effect"))
st.markdown(
    ui.tr(
        "cb.reduction_text",
        batch=batch,
        lo=f"{ratio['min']:.2f}",
        hi=f"{ratio['max']:.2f}",
        median=f"{ratio['median']:.2f}",
    )
)
with st.expander(ui.tr("cb.numbers")):
    ui.metrics_table(
        {
            names[n]: part.set_index("class").rename(index=rows)[
                ["precision", "recall", "f_beta", "support"]
            ]
            for n, part in table.groupby("strategy", sort=False)
        }
    )
ui.look_for("cb")
