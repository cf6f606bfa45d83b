"""The page registry: every page, its navigation section and its URL parameters.

One declarative table (like TensorFlow Playground's ``state.ts``): a page's
script, URL path, title, icon, section and the query parameters it reads,
with their defaults. Sections are declared per page, never counted, so
inserting a page cannot shift the menu. :func:`ui.state.bound`, the only way
a page reads a parameter of its own, refuses a name its page did not declare
or a default that differs from the table's, and the README's parameter list
is generated from this table
(:func:`params_markdown`; ``tests/app/test_registry.py`` holds them equal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.i18n import translate

#: Navigation sections in menu order: catalogue key of each title.
SECTIONS = ("nav.section.core", "nav.section.weights", "nav.section.beyond")
CORE, WEIGHTS, BEYOND = SECTIONS


@dataclass(frozen=True)
class Param:
    """A page's own URL parameter.

    Attributes
    ----------
    name : str
        Query name; ``<...>`` stands for any name part (``<data set>_ratio``).
    default : str or None
        Its default as written in the URL, checked against the page's widget
        (:func:`ui.state.bound`); None where it depends on other settings.
    """

    name: str
    default: str | None

    def matches(self, name: str) -> bool:
        """Whether the query name ``name`` is this parameter."""
        parts = re.split(r"<[^>]+>", self.name)
        return re.fullmatch("[a-z0-9_]+".join(re.escape(part) for part in parts), name) is not None


#: Short name for the table below.
P = Param
#: Parameters every page accepts besides the shared settings (projector mode).
GLOBAL_PARAMS = (Param("proj", "0"),)


@dataclass(frozen=True)
class Page:
    """One page of the app.

    Attributes
    ----------
    script : str
        Page script, relative to the app's root (``views/...``).
    path : str
        URL path (the overview, first in :data:`PAGES`, is also ``/``).
    title_key : str
        Catalogue key of its title in the menu.
    icon : str
        Streamlit material icon.
    section : str
        Catalogue key of its navigation section (one of :data:`SECTIONS`).
    params : tuple of Param
        Its own query parameters.
    """

    script: str
    path: str
    title_key: str
    icon: str
    section: str
    params: tuple[Param, ...] = ()

    def param(self, name: str) -> Param | None:
        """The declared parameter (own or global) that ``name`` is, if any."""
        return next((p for p in (*self.params, *GLOBAL_PARAMS) if p.matches(name)), None)

    def accepts(self, name: str) -> bool:
        """Whether ``name`` is one of this page's parameters (or a global one)."""
        return self.param(name) is not None


#: Strategies the arena opens with: one of each kind, quick to fit.
ARENA_DEFAULT = (
    "none",
    "class_weight",
    "random_under",
    "smote",
    "balanced_random_forest",
    "easy_ensemble",
    "threshold",
)
_ARENA = (P("strategies", ",".join(ARENA_DEFAULT)), P("folds", "5"), P("repeats", "3"))

# One page per entry: script, path, title, icon, section, then its parameters
# (kept as a table: ruff format would put every field on a line of its own).
# fmt: off
PAGES: tuple[Page, ...] = (
    Page("views/overview.py", "overview", "nav.overview", ":material/balance:", CORE),
    Page("views/lessons.py", "lessons", "nav.lessons", ":material/menu_book:", CORE,
         (P("lesson", "1"),)),
    Page("views/loss_surface.py", "loss-surface", "nav.loss_surface", ":material/landscape:", CORE,
         (P("view", "side"), P("slice", "bias"))),
    Page("views/gradients.py", "gradients", "nav.gradients", ":material/trending_down:", CORE,
         (P("step", "0"),)),
    Page("views/boundaries.py", "boundaries", "nav.boundaries", ":material/border_style:", CORE),
    Page("views/weight_schemes.py", "weight-schemes", "nav.weight_schemes",
         ":material/bar_chart:", WEIGHTS,
         (P("tail", "200"), P("head", "2000"), P("beta", "0.999"))),
    Page("views/focal_loss.py", "focal-loss", "nav.focal_loss",
         ":material/center_focus_strong:", WEIGHTS,
         (P("gamma", "2"), P("alpha", "none"))),
    Page("views/class_balanced.py", "class-balanced", "nav.class_balanced",
         ":material/stacked_bar_chart:", WEIGHTS,
         (P("imb", "100"), P("nmax", "2000"), P("beta", "0.999"), P("gamma", "2"),
          P("wfrom", "global"), P("bs", "256"), P("test", "balanced"), P("metric", "f_beta"))),
    Page("views/sample_weights.py", "sample-weights", "nav.sample_weights",
         ":material/scale:", WEIGHTS,
         (P("cls1w", "10"), P("pick", "none"), P("pickw", "10"), P("half", "10"),
          P("drift", "90"), P("spread", "20"))),
    Page("views/training_loss.py", "training-loss", "nav.training_loss",
         ":material/school:", WEIGHTS,
         (P("epochs", "30"),)),
    Page("views/resampling.py", "resampling", "nav.resampling", ":material/scatter_plot:", BEYOND,
         (P("k", "5"), P("rs", "1"))),
    Page("views/probabilities.py", "probabilities", "nav.probabilities",
         ":material/percent:", BEYOND,
         (P("fix", "class_weight"),)),
    Page("views/ensembles.py", "ensembles", "nav.ensembles", ":material/forest:", BEYOND,
         (P("trees", "10"),)),
    Page("views/thresholds.py", "thresholds", "nav.thresholds", ":material/tune:", BEYOND,
         (P("t", "0.5"), P("cfn", "100.0"), P("cfp", "1.0"))),
    Page("views/prevalence.py", "prevalence", "nav.prevalence", ":material/public:", BEYOND,
         (P("deploy", "10"), P("cfn", "100.0"), P("cfp", "1.0"))),
    Page("views/arena.py", "arena", "nav.arena", ":material/emoji_events:", BEYOND,
         (P("src", "synthetic"), P("<data set>_ratio", None), *_ARENA, P("cls", "1"))),
    Page("views/your_data.py", "your-data", "nav.your_data", ":material/upload_file:", BEYOND,
         (*_ARENA, P("cls", "1"))),
)
# fmt: on


def page_at(path: str) -> Page:
    """The page served at URL path ``path`` (``""`` or ``"/"``: the overview)."""
    path = path.strip("/") or PAGES[0].path
    for page in PAGES:
        if page.path == path:
            return page
    raise LookupError(f"no page at path {path!r}")


def script_of(path: str) -> str:
    """The page script served at URL path ``path``."""
    return page_at(path).script


def page_of(script: str) -> Page:
    """The page whose script is ``script``."""
    for page in PAGES:
        if page.script == script:
            return page
    raise LookupError(f"no page with script {script!r}")


def _listed(params: tuple[Param, ...]) -> str:
    return ", ".join(
        f"`{p.name}`" if p.default is None else f"`{p.name}` ({p.default})" for p in params
    )


def params_markdown() -> str:
    """The README's list of page parameters and their defaults, one line per page."""
    lines = [
        f"* {translate(page.title_key, 'en')} (`/{page.path}`): {_listed(page.params)}"
        for page in PAGES
        if page.params
    ]
    lines.append(f"* every page: {_listed(GLOBAL_PARAMS)}, projector mode")
    return "\n".join(lines)
