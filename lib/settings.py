"""The lab's settings: one declarative schema that reads and writes the URL.

Modelled on TensorFlow Playground's ``state.ts``: every setting has a name
(its query parameter), a default and a parser; :func:`parse_query` turns a
query string into validated :class:`Settings` plus a list of
:class:`Notice` for every value it had to replace, and :func:`to_query`
writes settings back. Nothing here imports streamlit, so the rules are
tested directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from lib.data import SHAPES
from lib.i18n import DEFAULT_LANGUAGE, LabError, languages

#: Imbalance ratios offered in the sidebar (majority per minority sample),
#: roughly evenly spaced on a log scale from 1:1 to 1:10000.
RATIO_CHOICES: tuple[int, ...] = (
    1,
    2,
    3,
    5,
    10,
    20,
    30,
    50,
    100,
    200,
    300,
    500,
    1000,
    2000,
    3000,
    5000,
    10000,
)
#: Sample sizes offered in the sidebar.
N_CHOICES: tuple[int, ...] = (
    100,
    200,
    500,
    1000,
    2000,
    5000,
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
)
#: ENS beta and focal gamma offered on every page that has them (as text, so
#: the URL shows exactly these values); shared so that a value set on one
#: page is valid on the others.
BETA_CHOICES: tuple[str, ...] = ("0", "0.5", "0.9", "0.99", "0.995", "0.999", "0.9995", "0.9999")
GAMMA_CHOICES: tuple[str, ...] = ("0", "0.5", "1", "2", "5")
WEIGHT_MIN, WEIGHT_MAX = 1e-3, 1e5
#: The weight-ratio sliders' range, log10(w1 / w0): 1/100 to 10,000.
RATIO_LOG_MIN, RATIO_LOG_MAX = -2.0, 4.0
SEP_MIN, SEP_MAX, SEP_STEP = 0.0, 6.0, 0.1
SEED_MAX = 2**31 - 1
#: Largest misclassification cost a page accepts (``cfn``, ``cfp``).
COST_MAX = 1e6


class ParamError(LabError):
    """A query value that cannot be used: a :class:`lib.i18n.LabError` whose reason fits a notice.

    ``key`` names the reason's text (e.g. ``"notice.out_of_range"``) and
    ``values`` fills its placeholders; :func:`parse_params` turns it into a
    :class:`Notice`. A ``"nearest"`` value is the value used instead.
    """


@dataclass(frozen=True)
class Notice:
    """A query value that was replaced, to be shown to the user.

    Attributes
    ----------
    param : str
        Query parameter name.
    raw : str
        The value found in the URL.
    reason : str
        Catalogue key of the explanation.
    used : str
        The value used instead, as it appears in the URL.
    values : dict
        Placeholders of the explanation.
    """

    param: str
    raw: str
    reason: str
    used: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ParamSpec:
    """How one setting is read from and written to the URL."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    fmt: Callable[[Any], str] = str


def _bound(value: float) -> str:
    """A range bound as people write it: 1,000,000 rather than 1e+06."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _out_of_range(low: float, high: float) -> ParamError:
    return ParamError("notice.out_of_range", low=_bound(low), high=_bound(high))


def _number(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ParamError("notice.not_a_number") from None
    if not math.isfinite(value):
        raise ParamError("notice.not_finite")
    return value


def float_param(low: float, high: float, *, step: float | None = None) -> Callable[[str], float]:
    """Parser for a float in ``[low, high]``, rounded to ``step`` if given."""

    def parse(raw: str) -> float:
        value = _number(raw)
        if not low <= value <= high:
            raise _out_of_range(low, high)
        if step is not None:
            value = round(round(value / step) * step, 10)
        return value

    return parse


def int_param(low: int, high: int) -> Callable[[str], int]:
    """Parser for an integer in ``[low, high]``."""

    def parse(raw: str) -> int:
        value = _number(raw)
        if not value.is_integer():
            raise ParamError("notice.not_an_integer")
        if not low <= value <= high:
            raise _out_of_range(low, high)
        return int(value)

    return parse


def choice_param(choices: Sequence[str]) -> Callable[[str], str]:
    """Parser for one of a fixed set of words."""

    def parse(raw: str) -> str:
        if raw not in choices:
            raise ParamError("notice.not_a_choice", choices=", ".join(choices))
        return raw

    return parse


def log_choice_param(choices: Sequence[int]) -> Callable[[str], int]:
    """Parser for a number that must be one of ``choices``.

    A number inside the range but not in the list is a ``ParamError`` whose
    text names the nearest choice on a log scale, which is used instead.
    """

    def parse(raw: str) -> int:
        value = _number(raw)
        if not choices[0] <= value <= choices[-1]:
            raise _out_of_range(choices[0], choices[-1])
        if value in choices:
            return int(value)
        nearest = min(choices, key=lambda c: abs(math.log(c) - math.log(value)))
        raise ParamError("notice.snapped", nearest=nearest)

    return parse


def _weight(value: float) -> str:
    # The shortest text that reads back as the same float, so a link
    # reproduces a weight exactly (e.g. balanced 0.5005005005005005).
    text = repr(float(value))
    return text.removesuffix(".0")


@dataclass(frozen=True)
class Settings:
    """Shared settings of every page (query names as in ``shared/DESIGN.md``).

    Attributes
    ----------
    ratio : int
        Majority samples per minority sample (1000 means 1:1000).
    n : int
        Number of samples.
    seed : int
        Random seed of the data set.
    w0, w1 : float
        Class weights of the weighted loss.
    sep : float
        Distance between the class means, in standard deviations.
    shape : str
        Data shape, one of :data:`lib.data.SHAPES` ("gaussian" is the only
        one on which logistic regression is well specified).
    lang : str
        Interface language code.
    """

    ratio: int = 1000
    n: int = 20_000
    seed: int = 0
    w0: float = 1.0
    w1: float = 1.0
    sep: float = 2.0
    shape: str = SHAPES[0]
    lang: str = DEFAULT_LANGUAGE


SHARED_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("ratio", Settings.ratio, log_choice_param(RATIO_CHOICES)),
    ParamSpec("n", Settings.n, log_choice_param(N_CHOICES)),
    ParamSpec("seed", Settings.seed, int_param(0, SEED_MAX)),
    ParamSpec("w0", Settings.w0, float_param(WEIGHT_MIN, WEIGHT_MAX), _weight),
    ParamSpec("w1", Settings.w1, float_param(WEIGHT_MIN, WEIGHT_MAX), _weight),
    ParamSpec(
        "sep", Settings.sep, float_param(SEP_MIN, SEP_MAX, step=SEP_STEP), lambda v: f"{v:g}"
    ),
    ParamSpec("shape", Settings.shape, choice_param(SHAPES)),
    ParamSpec("lang", Settings.lang, lambda raw: choice_param(languages())(raw)),
)


def _first(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def parse_params(
    query: Mapping[str, str | Sequence[str]], specs: Sequence[ParamSpec]
) -> tuple[dict[str, Any], list[Notice]]:
    """Read ``specs`` from a query mapping; bad values fall back with a notice.

    Parameters
    ----------
    query : mapping of str to str or list of str
        Raw query parameters (a repeated parameter uses its last value).
    specs : sequence of ParamSpec
        The settings to read.

    Returns
    -------
    values : dict
        ``{name: value}`` for every spec; missing names get their default.
    notices : list of Notice
        One per value that was present but unusable.
    """
    values: dict[str, Any] = {}
    notices: list[Notice] = []
    for spec in specs:
        if spec.name not in query:
            values[spec.name] = spec.default
            continue
        raw = _first(query[spec.name]).strip()
        try:
            values[spec.name] = spec.parse(raw)
        except ParamError as err:
            used = err.values.get("nearest", spec.default)
            values[spec.name] = used
            notices.append(Notice(spec.name, raw[:40], err.key, spec.fmt(used), dict(err.values)))
    return values, notices


def parse_query(query: Mapping[str, str | Sequence[str]]) -> tuple[Settings, list[Notice]]:
    """Validated shared :class:`Settings` from URL query parameters.

    Parameters
    ----------
    query : mapping of str to str or list of str
        Raw query parameters, e.g. ``{"ratio": "abc", "w1": "-5"}``.

    Returns
    -------
    settings : Settings
    notices : list of Notice
        Why any value was replaced (unknown parameters are ignored).
    """
    values, notices = parse_params(query, SHARED_PARAMS)
    return Settings(**values), notices


def to_query(settings: Settings) -> dict[str, str]:
    """Query parameters that reproduce ``settings`` exactly.

    Every shared setting is written, defaults included, so a link keeps its
    meaning even if a default changes later.
    """
    raw = asdict(settings)
    return {spec.name: spec.fmt(raw[spec.name]) for spec in SHARED_PARAMS}


def point_ids_param(choices: Sequence[int]) -> Callable[[str], list[int]]:
    """Parser of a comma-separated list of point indices for a URL parameter.

    ``""`` and ``"none"`` mean no point. Anything else must be indices from
    ``choices``; otherwise :class:`ParamError` with the reason key
    ``"sw.notice_ids"`` is raised (the caller then falls back to no point,
    with a notice).

    Parameters
    ----------
    choices : sequence of int
        The indices that may be picked.

    Returns
    -------
    callable
        ``parse(raw) -> list[int]``, sorted and without repeats.
    """
    allowed = {int(c) for c in choices}

    def parse(raw: str) -> list[int]:
        text = raw.strip().lower()
        if text in ("", "none"):
            return []
        try:
            ids = {int(part) for part in text.split(",") if part.strip()}
        except ValueError:
            raise ParamError("sw.notice_ids", choices=_listed(allowed)) from None
        if not ids <= allowed:
            raise ParamError("sw.notice_ids", choices=_listed(allowed))
        return sorted(ids)

    return parse


def _listed(ids: set[int]) -> str:
    return ", ".join(str(i) for i in sorted(ids)) or "none"


def format_point_ids(ids: Sequence[int]) -> str:
    """URL text of a list of point indices (inverse of :func:`point_ids_param`).

    Parameters
    ----------
    ids : sequence of int
        Point indices.

    Returns
    -------
    str
        ``"3,17"``, or ``"none"`` for an empty list.
    """
    return ",".join(str(int(i)) for i in sorted(ids)) or "none"


def weights_for_ratio(w0: float, w1: float, ratio: float) -> tuple[float, float]:
    r"""Class weights with :math:`w_1 / w_0` = ``ratio``, keeping ``w0`` where the bounds allow.

    A weight-ratio slider sets :math:`w_1 = w_0 \cdot r` (four significant
    digits, as the sidebar shows them). When that leaves
    [``WEIGHT_MIN``, ``WEIGHT_MAX``], both weights move together so the ratio
    holds; the ratio itself is clipped to what the bounds allow.

    Parameters
    ----------
    w0, w1 : float
        The current weights (``w1`` is replaced; kept for the signature's symmetry).
    ratio : float
        The wanted :math:`w_1 / w_0`, finite and > 0.

    Returns
    -------
    (float, float)
        ``(w0, w1)`` within the bounds.
    """
    for name, value in (("ratio", ratio), ("w0", w0)):
        if not (math.isfinite(value) and value > 0):
            raise LabError("error.weights.ratio", name=name, value=value)
    r = min(max(float(ratio), WEIGHT_MIN / WEIGHT_MAX), WEIGHT_MAX / WEIGHT_MIN)
    new0 = float(w0)
    if not WEIGHT_MIN <= new0 * r <= WEIGHT_MAX:  # only then does w0 move
        new0 = min(max(new0, WEIGHT_MIN, WEIGHT_MIN / r), WEIGHT_MAX, WEIGHT_MAX / r)
    new1 = min(max(float(f"{new0 * r:.4g}"), WEIGHT_MIN), WEIGHT_MAX)
    return new0, new1
