"""Walk through the eight lessons in a real browser, in every language (issue 7).

A machine stand-in for a teacher's run-through of the Lessons page: for each
language and step it opens ``/lessons?lesson=k&lang=L``, picks the right
prediction, presses *Reveal*, waits for the measured explanation, presses
*Open the page* and waits until that page has drawn its figures. It prints,
per step, the seconds the class waits for the reveal and for the page, and the
words the class reads (question, three options, explanation) with the time to
read them aloud at an assumed :data:`WORDS_PER_MINUTE`; per language, the
totals against a 20-minute lesson. What it cannot measure is the discussion
and the teacher's pace: the remainder of the 20 minutes is what is left for
them. Korean counts space-separated words (eojeol), like the other two.

Run: ``.venv/bin/python benchmarks/lesson_walkthrough.py`` (``make bench``);
language codes as arguments walk only those.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, IDLE_JS, streamlit_server  # noqa: E402
from lib.i18n import languages, translate  # noqa: E402
from lib.lessons import LESSONS, Lesson, evidence, formatted  # noqa: E402

#: Reading aloud to a class, slower than silent reading (an assumption, not measured).
WORDS_PER_MINUTE = 130
LESSON_MINUTES = 20
TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class StepRun:
    """One step walked in one language."""

    lang: str
    step: int
    load_s: float
    reveal_s: float
    open_s: float
    words: int

    @property
    def read_minutes(self) -> float:
        """Minutes to read the step's texts aloud at :data:`WORDS_PER_MINUTE`."""
        return self.words / WORDS_PER_MINUTE


def step_words(lesson: Lesson, lang: str) -> int:
    """Words of a step's question, options and filled-in explanation in ``lang``."""
    prefix = f"lesson.{lesson.key}"
    texts = [translate(f"{prefix}.question", lang)]
    texts += [translate(f"{prefix}.opt{i}", lang) for i in range(3)]
    texts.append(translate(f"{prefix}.explain", lang, **formatted(evidence(lesson.key))))
    return sum(len(re.findall(r"\S+", text)) for text in texts)


def _idle(page: Page, n_plots: int) -> None:
    page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling=100)


def walk_step(page: Page, base_url: str, lang: str, step: int) -> StepRun:
    """Open lesson ``step`` (1-based) in ``lang``, predict right, reveal, open its page.

    Raises ``AssertionError`` when the page shows an exception, the answer is
    not confirmed as right, or the opened page is not the step's page with
    its preset in the URL.
    """
    lesson = LESSONS[step - 1]
    start = time.perf_counter()
    page.goto(f"{base_url}/lessons?lesson={step}&lang={lang}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stRadio"]', timeout=TIMEOUT_MS)
    _idle(page, 0)
    loaded = time.perf_counter()
    page.locator('[data-testid="stRadio"] [role="radiogroup"] label').nth(lesson.answer).click()
    reveal = page.get_by_role("button", name=translate("lessons.reveal", lang))
    reveal.wait_for()
    page.wait_for_function("(b) => !b.disabled", arg=reveal.element_handle(),
                           timeout=TIMEOUT_MS)
    clicked = time.perf_counter()
    reveal.click()
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=TIMEOUT_MS)
    _idle(page, 0)
    revealed = time.perf_counter()
    page.get_by_role("button", name=translate("lessons.open", lang)).click()
    page.wait_for_url(f"**/{lesson.page}?**", timeout=TIMEOUT_MS)
    _idle(page, 1)
    opened = time.perf_counter()
    errors = page.locator('[data-testid="stException"]').all_inner_texts()
    assert not errors, f"{lang} step {step}: {errors}"
    query = dict(p.split("=", 1) for p in page.url.split("?", 1)[1].split("&"))
    missing = {k: v for k, v in lesson.preset.items() if query.get(k) != v}
    assert not missing, f"{lang} step {step}: preset not in {page.url}: {missing}"
    assert query.get("lang") == lang, page.url
    return StepRun(lang, step, loaded - start, revealed - clicked, opened - revealed,
                   step_words(lesson, lang))


def main(langs: list[str]) -> None:
    """Walk every step in each of ``langs`` and print the table and totals."""
    log = Path(tempfile.gettempdir()) / "lesson_walkthrough.log"
    runs: list[StepRun] = []
    with streamlit_server("app.py", log) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in langs:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            for step in range(1, len(LESSONS) + 1):
                run = walk_step(page, url, lang, step)
                runs.append(run)
                print(f"{lang}  step {step}  load {run.load_s:5.2f} s  reveal "
                      f"{run.reveal_s:5.2f} s  open page {run.open_s:5.2f} s  "
                      f"{run.words:4d} words ({run.read_minutes:4.1f} min aloud)", flush=True)
            page.close()
        browser.close()
    print(f"\nPer language (reading aloud at {WORDS_PER_MINUTE} words/min, assumed):")
    for lang in langs:
        mine = [r for r in runs if r.lang == lang]
        waiting = sum(r.load_s + r.reveal_s + r.open_s for r in mine) / 60
        reading = sum(r.read_minutes for r in mine)
        left = LESSON_MINUTES - waiting - reading
        print(f"{lang}: {len(mine)} steps, waiting for the app {waiting:4.1f} min, reading "
              f"{reading:4.1f} min, {left:4.1f} of {LESSON_MINUTES} min left for "
              "predictions, the opened pages and discussion")


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(languages())
    unknown = sorted(set(chosen) - set(languages()))
    if unknown:
        sys.exit(f"unknown language(s): {', '.join(unknown)}; choose from "
                 f"{', '.join(languages())}")
    main(chosen)
