"""Class-balanced losses, section: the loss formula and the page's own controls."""

from typing import NamedTuple

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from lib.settings import BETA_CHOICES as BETAS
from lib.settings import GAMMA_CHOICES as GAMMAS

IMBALANCES = (10, 20, 50, 100, 200, 500, 1000)
SIZES = (200, 500, 1000, 2000, 5000)
BATCHES = (32, 64, 128, 256, 512, 1024)


class Choices(NamedTuple):
    """The page's settings as the reader chose them (URL-bound widgets)."""

    imbalance: int
    n_max: int
    beta: float
    gamma: float
    source: str
    batch_size: int
    test: str


def render() -> Choices:
    """The objective and weight formulas, then seven controls in two rows."""
    st.latex(
        r"J_B = \frac{1}{|B|}\sum_{i\in B} w_{y_i}\,(1 - p_{i,y_i})^{\gamma}\,"
        r"\bigl(-\log p_{i,y_i}\bigr),\qquad w^{\text{INS}}_c \propto \frac{1}{n_c},\quad"
        r" w^{\text{ISNS}}_c \propto \frac{1}{\sqrt{n_c}},\quad w^{\text{ENS}}_c \propto"
        r" \frac{1 - \beta}{1 - \beta^{n_c}},\quad \sum_c w_c = k"
    )
    st.caption(ui.tr("cb.formula_caption", epochs=cb.EPOCHS, sep=f"{cb.CLASS_SEP:g}"))
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
        beta = ui.slider_param("beta", BETAS, "0.999", ui.tr("cb.beta"), help=ui.tr("cb.beta_help"))
    with next(cols):
        gamma = ui.slider_param(
            "gamma", GAMMAS, "2", ui.tr("cb.gamma"), help=ui.tr("cb.gamma_help")
        )
    with next(cols):
        source = ui.radio_param(
            "wfrom",
            cb.SOURCES,
            "global",
            ui.tr("cb.source"),
            format_func=lambda v: ui.tr(f"cb.source_{v}"),
        )
    with next(cols):
        batch = ui.slider_param("bs", BATCHES, 256, ui.tr("cb.batch"), help=ui.tr("cb.batch_help"))
    with next(cols):
        test = ui.radio_param(
            "test",
            cb.TEST_SETS,
            "balanced",
            ui.tr("cb.test"),
            format_func=lambda v: ui.tr(f"cb.test_{v}"),
        )
    return Choices(imb, nmax, float(beta), float(gamma), source, batch, test)
