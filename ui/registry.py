"""The page registry: every page, its navigation section and its URL parameters.

One declarative table (like TensorFlow Playground's ``state.ts``): a page's
script, URL path, title, icon, section and the names of the query
parameters it reads. Sections are declared per page, never counted, so
inserting a page cannot shift the menu. :func:`ui.state.bound`, the only way
a page reads a parameter of its own, refuses a name its page did not declare,
and the README's parameter list is generated from this table
(:func:`params_markdown`; ``tests/app/test_registry.py`` holds them equal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.i18n import translate

#: Parameters every page accepts besides the shared settings (projector mode).
GLOBAL_PARAMS = ("proj",)
#: Navigation sections in menu order: catalogue key of each title.
SECTIONS = ("nav.section.core", "nav.section.weights", "nav.section.beyond")
CORE, WEIGHTS, BEYOND = SECTIONS


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
    params : tuple of str
        Its own query parameters; ``<...>`` stands for any name part
        (``<data set>_ratio``).
    """

    script: str
    path: str
    title_key: str
    icon: str
    section: str
    params: tuple[str, ...] = ()

    def accepts(self, name: str) -> bool:
        """Whether ``name`` is one of this page's parameters (or a global one)."""
        return name in GLOBAL_PARAMS or any(_pattern(p).fullmatch(name) for p in self.params)


def _pattern(param: str) -> re.Pattern[str]:
    parts = re.split(r"<[^>]+>", param)
    return re.compile("[a-z0-9_]+".join(re.escape(part) for part in parts))


PAGES: tuple[Page, ...] = (
    Page("views/overview.py", "overview", "nav.overview", ":material/balance:", CORE),
    Page("views/lessons.py", "lessons", "nav.lessons", ":material/menu_book:", CORE, ("lesson",)),
    Page(
        "views/loss_surface.py",
        "loss-surface",
        "nav.loss_surface",
        ":material/landscape:",
        CORE,
        ("view", "slice"),
    ),
    Page(
        "views/gradients.py",
        "gradients",
        "nav.gradients",
        ":material/trending_down:",
        CORE,
        ("step",),
    ),
    Page("views/boundaries.py", "boundaries", "nav.boundaries", ":material/border_style:", CORE),
    Page(
        "views/weight_schemes.py",
        "weight-schemes",
        "nav.weight_schemes",
        ":material/bar_chart:",
        WEIGHTS,
        ("tail", "head", "beta"),
    ),
    Page(
        "views/focal_loss.py",
        "focal-loss",
        "nav.focal_loss",
        ":material/center_focus_strong:",
        WEIGHTS,
        ("gamma", "alpha"),
    ),
    Page(
        "views/class_balanced.py",
        "class-balanced",
        "nav.class_balanced",
        ":material/stacked_bar_chart:",
        WEIGHTS,
        ("imb", "nmax", "beta", "gamma", "wfrom", "bs", "test", "metric"),
    ),
    Page(
        "views/sample_weights.py",
        "sample-weights",
        "nav.sample_weights",
        ":material/scale:",
        WEIGHTS,
        ("cls1w", "pick", "pickw", "half", "drift", "spread"),
    ),
    Page(
        "views/training_loss.py",
        "training-loss",
        "nav.training_loss",
        ":material/school:",
        WEIGHTS,
        ("epochs",),
    ),
    Page(
        "views/resampling.py",
        "resampling",
        "nav.resampling",
        ":material/scatter_plot:",
        BEYOND,
        ("k", "rs"),
    ),
    Page(
        "views/probabilities.py",
        "probabilities",
        "nav.probabilities",
        ":material/percent:",
        BEYOND,
        ("fix",),
    ),
    Page(
        "views/ensembles.py", "ensembles", "nav.ensembles", ":material/forest:", BEYOND, ("trees",)
    ),
    Page(
        "views/thresholds.py",
        "thresholds",
        "nav.thresholds",
        ":material/tune:",
        BEYOND,
        ("t", "cfn", "cfp"),
    ),
    Page(
        "views/prevalence.py",
        "prevalence",
        "nav.prevalence",
        ":material/public:",
        BEYOND,
        ("deploy", "cfn", "cfp"),
    ),
    Page(
        "views/arena.py",
        "arena",
        "nav.arena",
        ":material/emoji_events:",
        BEYOND,
        ("src", "<data set>_ratio", "strategies", "folds", "repeats", "cls"),
    ),
    Page(
        "views/your_data.py",
        "your-data",
        "nav.your_data",
        ":material/upload_file:",
        BEYOND,
        ("strategies", "folds", "repeats", "cls"),
    ),
)


def page_at(path: str) -> Page:
    """The page served at URL path ``path`` (``""`` or ``"/"``: the overview)."""
    path = path.strip("/") or PAGES[0].path
    for page in PAGES:
        if page.path == path:
            return page
    raise LookupError(f"no page at path {path!r}")


def page_of(script: str) -> Page:
    """The page whose script is ``script``."""
    for page in PAGES:
        if page.script == script:
            return page
    raise LookupError(f"no page with script {script!r}")


def params_markdown() -> str:
    """The README's list of page parameters, one line per page that has any."""
    lines = [
        f"* {translate(page.title_key, 'en')} (`/{page.path}`): "
        + ", ".join(f"`{name}`" for name in page.params)
        for page in PAGES
        if page.params
    ]
    lines.append(
        "* every page: " + ", ".join(f"`{name}`" for name in GLOBAL_PARAMS) + " (projector mode)"
    )
    return "\n".join(lines)
