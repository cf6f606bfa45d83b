r"""The thresholds page's choices; its numbers come from :mod:`lib.thresholds`.

:func:`lib.thresholds.threshold_report` computes the operating points, curves
and costs of the plain and the weighted model, and
:func:`lib.thresholds.weighting_gap_row` compares weighting with moving the
threshold to :math:`w_0/(w_0+w_1)`.
"""

from __future__ import annotations

#: Thresholds the page's slider offers (log-spaced below 0.1, then linear).
THRESHOLD_CHOICES: tuple[str, ...] = (
    "0.001",
    "0.002",
    "0.005",
    "0.01",
    "0.02",
    "0.05",
    "0.1",
    "0.2",
    "0.3",
    "0.4",
    "0.5",
    "0.6",
    "0.7",
    "0.8",
    "0.9",
)
