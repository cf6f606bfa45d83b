"""Plotly figure builders: they draw what they are given and compute nothing.

Every builder takes already computed arrays, tables or result objects and a
translation function ``tr`` (see :mod:`lib.i18n`) or already translated
texts, and returns a :class:`plotly.graph_objects.Figure`; the figures are
testable without a browser. Modules follow the kind of chart, not the page:

========================  ===================================================
``palette``               every colour (Okabe-Ito classes, models, series;
                          greys for marks; strategy, rule and cost colours)
``base``                  template, :func:`new_figure`, :func:`marker_trace`,
                          shared layout (``apply_layout``, ``legend_below``,
                          ``log_axis``), weight encodings, :func:`describe`
``maps``                  2-D data with probability heatmaps and boundaries:
                          :class:`BoundaryLine`, :class:`DecisionMap`
                          (computed) and :func:`decision_map` (drawn),
                          :func:`boundary_map`, :func:`strategy_map`,
                          :func:`data_scatter`, :class:`Marked`
``weighted_maps``         :func:`weighted_map`: points sized or faded by weight
``heatmaps``              :func:`surface_heatmap` (the loss surface)
``lines``                 :class:`Curve`, :func:`line_chart`, :func:`run_chart`,
                          :func:`convergence_chart`, :func:`reliability_chart`,
                          :class:`Point` / :func:`add_points`
``curves``                named line charts of one result: focal curves,
                          prevalence metrics and costs, PR / ROC / cost
                          curves, the calibration repair's reliability diagram
``bars``                  :func:`grouped_bars`, :func:`gradient_bars`,
                          :func:`class_bars`, :func:`change_bars`,
                          :func:`focal_share_bars`
``intervals``             :func:`interval_chart` (confidence intervals),
                          :func:`errorbar_fit` with :class:`RegressionLine`
``histograms``            :func:`estimate_histograms` with :class:`Sample`,
                          :func:`probability_panels`
========================  ===================================================

Everything public is re-exported here, so ``from lib.viz import line_chart``
works; import from the submodule when you read or change one kind of chart.
"""

from lib.viz.bars import (
    SHARE_GROUPS,
    change_bars,
    class_bars,
    focal_share_bars,
    gradient_bars,
    grouped_bars,
)
from lib.viz.base import (
    LIGHT_TEMPLATE,
    SVG_MAX_POINTS,
    apply_layout,
    describe,
    legend_below,
    log_axis,
    marker_trace,
    new_figure,
    weight_opacities,
    weight_sizes,
)
from lib.viz.curves import (
    cost_figure,
    cost_prevalence_chart,
    curve_figures,
    focal_curve_charts,
    metrics_prevalence_chart,
    repair_figure,
)
from lib.viz.heatmaps import surface_heatmap
from lib.viz.histograms import Sample, estimate_histograms, probability_panels
from lib.viz.intervals import RegressionLine, errorbar_fit, interval_chart
from lib.viz.lines import (
    PANELS,
    Curve,
    Point,
    add_points,
    convergence_chart,
    line_chart,
    reliability_chart,
    run_chart,
)
from lib.viz.maps import (
    BoundaryLine,
    DecisionMap,
    Marked,
    boundary_map,
    data_scatter,
    decision_map,
    strategy_map,
)
from lib.viz.palette import (
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CONTOUR_COLOR,
    COST_MARKS,
    HIGHLIGHT_COLOR,
    INK_COLOR,
    MARK_COLOR,
    MUTED_COLOR,
    OPERATING_POINT_COLORS,
    OUTLINE_COLOR,
    PROBABILITY_SCALE,
    REMOVED_COLOR,
    RULE_COLORS,
    SERIES_COLORS,
    STRATEGY_COLORS,
    SYNTHETIC_COLOR,
    THRESHOLD_COLOR,
    UNWEIGHTED_COLOR,
    WEIGHTED_COLOR,
    ZERO_LINE_COLOR,
)
from lib.viz.weighted_maps import weighted_map

__all__ = [
    "BOUNDARY_COLOR",
    "CLASS_COLORS",
    "CONTOUR_COLOR",
    "COST_MARKS",
    "HIGHLIGHT_COLOR",
    "INK_COLOR",
    "LIGHT_TEMPLATE",
    "MARK_COLOR",
    "MUTED_COLOR",
    "OPERATING_POINT_COLORS",
    "OUTLINE_COLOR",
    "PANELS",
    "PROBABILITY_SCALE",
    "REMOVED_COLOR",
    "RULE_COLORS",
    "SERIES_COLORS",
    "SHARE_GROUPS",
    "STRATEGY_COLORS",
    "SVG_MAX_POINTS",
    "SYNTHETIC_COLOR",
    "THRESHOLD_COLOR",
    "UNWEIGHTED_COLOR",
    "WEIGHTED_COLOR",
    "ZERO_LINE_COLOR",
    "BoundaryLine",
    "Curve",
    "DecisionMap",
    "Marked",
    "Point",
    "RegressionLine",
    "Sample",
    "add_points",
    "apply_layout",
    "boundary_map",
    "change_bars",
    "class_bars",
    "convergence_chart",
    "cost_figure",
    "cost_prevalence_chart",
    "curve_figures",
    "data_scatter",
    "decision_map",
    "describe",
    "errorbar_fit",
    "estimate_histograms",
    "focal_curve_charts",
    "focal_share_bars",
    "gradient_bars",
    "grouped_bars",
    "interval_chart",
    "legend_below",
    "line_chart",
    "log_axis",
    "marker_trace",
    "metrics_prevalence_chart",
    "new_figure",
    "probability_panels",
    "reliability_chart",
    "repair_figure",
    "run_chart",
    "strategy_map",
    "surface_heatmap",
    "weight_opacities",
    "weight_sizes",
    "weighted_map",
]
