"""Every colour the lab draws with: the one place colours are defined.

Classes, models and series follow the Okabe-Ito palette (Okabe & Ito 2008,
*Color Universal Design*), which stays distinguishable with deuteranopia
(``tests/lib/viz/test_palette.py`` checks the pairs a student must tell apart);
greys mark references and quiet details. Figure builders and pages take
their colours from here, so a colour that names a concept (class 1, the
weighted model, the threshold) means the same thing on every page.
"""

from __future__ import annotations

# --- classes and models ---------------------------------------------------------------------
CLASS_COLORS = {0: "#0072B2", 1: "#D55E00"}  # Okabe-Ito blue / vermillion
UNWEIGHTED_COLOR = "#000000"
WEIGHTED_COLOR = "#CC79A7"  # Okabe-Ito reddish purple
THRESHOLD_COLOR = "#009E73"  # Okabe-Ito bluish green
#: Okabe-Ito colours for up to eight classes or series.
SERIES_COLORS = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
    "#F0E442",
)
#: Heatmap scale of the probability of class 1: class 0's colour, white at 0.5, class 1's.
PROBABILITY_SCALE = [[0.0, CLASS_COLORS[0]], [0.5, "#FFFFFF"], [1.0, CLASS_COLORS[1]]]

# --- resampled points and non-linear boundaries ---------------------------------------------
SYNTHETIC_COLOR = "#E69F00"  # Okabe-Ito orange
REMOVED_COLOR = "#BBBBBB"
BOUNDARY_COLOR = "#000000"

# --- references, marks and details ------------------------------------------------------------
#: Error bars, chance lines and other quiet details.
MUTED_COLOR = "#999999"
#: Reference marks: the current step, the diagonal of a reliability diagram, the 0.5 rule.
MARK_COLOR = "#777777"
#: The zero line of a chart of changes.
ZERO_LINE_COLOR = "#555555"
#: Text labels, outlines of highlighted markers and the current value's mark.
INK_COLOR = "#000000"
#: Outlines that separate overlapping markers.
OUTLINE_COLOR = "#FFFFFF"
#: The lowest cell of a loss surface (Okabe-Ito yellow).
HIGHLIGHT_COLOR = "#F0E442"
#: Contour lines over a heatmap.
CONTOUR_COLOR = "rgba(255,255,255,0.75)"

# --- the chart frame (plotly_white's look) ----------------------------------------------------
PAPER_COLOR = "white"
GRID_COLOR = "#EBF0F8"
FONT_COLOR = "#2a3f5f"

# --- colours of named things ------------------------------------------------------------------
#: Colour of each training strategy of the class-balanced page: the
#: unweighted baseline black as on the other pages.
STRATEGY_COLORS = {
    "none": UNWEIGHTED_COLOR,
    "ins": SERIES_COLORS[0],
    "isns": SERIES_COLORS[1],
    "ens": SERIES_COLORS[3],
    "cb_focal": WEIGHTED_COLOR,
}
#: Colour of each decision rule of :func:`lib.prevalence.cost_by_prevalence`.
RULE_COLORS = {
    "half": MARK_COLOR,
    "bayes_uncorrected": SERIES_COLORS[4],
    "bayes_corrected": SERIES_COLORS[3],
}
#: Marks of the thresholds page's cost chart: threshold name -> colour.
COST_MARKS = {
    "bayes": THRESHOLD_COLOR,
    "tuned": WEIGHTED_COLOR,
    "half": "#444444",
    "current": MUTED_COLOR,
}
#: Operating points on the PR and ROC curves: row of ``ThresholdReport.operating`` -> colour.
OPERATING_POINT_COLORS = {
    "current": THRESHOLD_COLOR,
    "implied": UNWEIGHTED_COLOR,
    "weighted": WEIGHTED_COLOR,
}
