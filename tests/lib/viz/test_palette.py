"""lib.viz.palette: the only place colours live, and the class colours stay
distinguishable with deuteranopia (issue 7).

Simulates full deuteranopia with the matrix of Machado, Oliveira and
Fernandes (2009, IEEE TVCG 15(6), severity 1.0) on linear RGB and compares
the simulated colours in CIELAB (ΔE*ab, CIE 1976). ΔE above about 10 is
clearly visible; the lab's class colours must stay far above that.
"""

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

import lib.viz as viz
from lib.viz.palette import CLASS_COLORS, THRESHOLD_COLOR, UNWEIGHTED_COLOR, WEIGHTED_COLOR

DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
D65 = np.array([0.95047, 1.0, 1.08883])
RGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)


def _linear(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = RGB_TO_XYZ @ np.clip(linear_rgb, 0, 1) / D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, *, deuteranopia: bool) -> float:
    la, lb = _linear(a), _linear(b)
    if deuteranopia:
        la, lb = DEUTERANOPIA @ la, DEUTERANOPIA @ lb
    return float(np.linalg.norm(_lab(la) - _lab(lb)))


def test_delta_e_of_black_and_white_is_100():
    assert delta_e("#000000", "#FFFFFF", deuteranopia=False) == pytest.approx(100, abs=0.01)


def test_red_and_green_collapse_under_deuteranopia():
    # The check can fail: a classic red/green pair is far apart for most
    # viewers and close together for a deuteranope.
    assert delta_e("#D62728", "#2CA02C", deuteranopia=False) > 50
    assert delta_e("#D62728", "#2CA02C", deuteranopia=True) < 25


def test_class_colours_stay_apart_with_deuteranopia():
    assert delta_e(CLASS_COLORS[0], CLASS_COLORS[1], deuteranopia=True) > 40


@pytest.mark.parametrize(
    "a, b",
    list(
        itertools.combinations(
            [CLASS_COLORS[0], CLASS_COLORS[1], UNWEIGHTED_COLOR, WEIGHTED_COLOR, THRESHOLD_COLOR], 2
        )
    ),
)
def test_model_and_class_colours_are_distinguishable_with_deuteranopia(a, b):
    assert delta_e(a, b, deuteranopia=True) > 10, (a, b)


VIZ = Path(viz.__file__).parent
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|rgba?\(")


def test_colours_live_in_the_palette_only():
    for path in sorted(VIZ.rglob("*.py")):
        if path.name == "palette.py":
            continue
        found = HEX.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name} defines colours {found}: add them to lib/viz/palette.py"
