"""Walk through the eight lessons in a real browser, in every language (issue 7).

A machine stand-in for a teacher's run-through of the Lessons page: for each
language, on a freshly started server (so every language pays the cold
caches a class would meet), and each step it opens
``/lessons?lesson=k&lang=L``, picks the right prediction, presses *Reveal*,
waits for the measured explanation, presses *Open the page* and waits until
that page has drawn all its figures. It prints, per step, the seconds the
class waits (load, prediction, reveal, page) and the words the class reads
(question, three options, explanation; formulas and markdown marks not
counted) with the time to read them aloud at an assumed
:data:`WORDS_PER_MINUTE`; per language, the totals against a 20-minute
lesson. What it cannot measure is the discussion and the teacher's pace: the
remainder of the 20 minutes is what is left for them. Korean counts
space-separated words (eojeol) at the same assumed rate, which is coarser.

Run: ``.venv/bin/python -m benchmarks.lesson_walkthrough`` (``make bench``);
language codes as arguments walk only those.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, sync_playwright

from benchmarks.browser_latency import PAGES
from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, IDLE_JS, streamlit_server
from lib.i18n import languages, translate
from lib.studies.lessons import LESSONS, Lesson, evidence, formatted

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
    predict_s: float
    reveal_s: float
    open_s: float
    words: int
    shown_words: int

    @property
    def read_minutes(self) -> float:
        """Minutes to read the step's texts aloud at :data:`WORDS_PER_MINUTE`."""
        return self.words / WORDS_PER_MINUTE


def step_words(lesson: Lesson, lang: str) -> tuple[int, int]:
    """Words of a step's question and options, and of its filled-in explanation, in ``lang``."""
    prefix = f"lesson.{lesson.key}"
    texts = [translate(f"{prefix}.question", lang)]
    texts += [translate(f"{prefix}.opt{i}", lang) for i in range(3)]
    explanation = translate(f"{prefix}.explain", lang, **formatted(evidence(lesson.key)))
    return sum(_count_words(text) for text in texts), _count_words(explanation)


def _count_words(text: str) -> int:
    # Formulas ($...$) and markdown marks are looked at, not read out word by word.
    plain = re.sub(r"\$[^$]*\$", " ", text)
    return len([w for w in re.findall(r"\S+", plain) if re.search(r"\w", w)])


def _main_words(page: Page) -> int:
    return _count_words(page.locator('[data-testid="stMain"]').inner_text())


def _idle(page: Page, n_plots: int) -> None:
    page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling=100)


def walk_step(page: Page, base_url: str, lang: str, step: int) -> StepRun:
    """Open lesson ``step`` (1-based) in ``lang``, predict right, reveal, open its page.

    Raises ``AssertionError`` when the page shows an exception, the answer is
    not confirmed as right, the explanation does not appear, or the opened
    page is not the step's page with its preset in the URL.
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
    page.wait_for_function("(b) => !b.disabled", arg=reveal.element_handle(), timeout=TIMEOUT_MS)
    _idle(page, 0)
    predicted = time.perf_counter()
    before = _main_words(page)
    reveal.click()
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=TIMEOUT_MS)
    _idle(page, 0)
    revealed = time.perf_counter()
    shown = _main_words(page) - before
    page.get_by_role("button", name=translate("lessons.open", lang)).click()
    page.wait_for_url(f"**/{lesson.page}?**", timeout=TIMEOUT_MS)
    _idle(page, PAGES[lesson.page][0])
    opened = time.perf_counter()
    errors = page.locator('[data-testid="stException"]').all_inner_texts()
    assert not errors, f"{lang} step {step}: {errors}"
    query = dict(parse_qsl(urlsplit(page.url).query))
    missing = {k: v for k, v in lesson.preset.items() if query.get(k) != v}
    assert not missing, f"{lang} step {step}: preset not in {page.url}: {missing}"
    assert query.get("lang") == lang, page.url
    asked, explained = step_words(lesson, lang)
    # the page added the explanation (and the verdict) when Reveal was pressed
    assert shown >= explained, f"{lang} step {step}: {shown} words appeared, {explained} expected"
    return StepRun(
        lang,
        step,
        loaded - start,
        predicted - loaded,
        revealed - predicted,
        opened - revealed,
        asked + explained,
        shown,
    )


def main(langs: list[str]) -> None:
    """Walk every step in each of ``langs`` and print the table and totals."""
    log = Path(tempfile.gettempdir()) / "lesson_walkthrough.log"
    runs: list[StepRun] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in langs:
            with streamlit_server("app.py", log) as url:  # cold caches for each language
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(TIMEOUT_MS)
                for step in range(1, len(LESSONS) + 1):
                    run = walk_step(page, url, lang, step)
                    runs.append(run)
                    print(
                        f"{lang}  step {step}  load {run.load_s:5.2f} s  predict "
                        f"{run.predict_s:4.2f} s  reveal {run.reveal_s:5.2f} s  open page "
                        f"{run.open_s:5.2f} s  {run.words:4d} words "
                        f"({run.read_minutes:4.1f} min aloud)",
                        flush=True,
                    )
                page.close()
        browser.close()
    print(f"\nPer language (reading aloud at {WORDS_PER_MINUTE} words/min, assumed):")
    for lang in langs:
        mine = [r for r in runs if r.lang == lang]
        waiting = sum(r.load_s + r.predict_s + r.reveal_s + r.open_s for r in mine) / 60
        reading = sum(r.read_minutes for r in mine)
        left = LESSON_MINUTES - waiting - reading
        print(
            f"{lang}: {len(mine)} steps, waiting for the app {waiting:4.1f} min, reading "
            f"{reading:4.1f} min, {left:4.1f} of {LESSON_MINUTES} min left for "
            "predictions, the opened pages and discussion"
        )


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(languages())
    unknown = sorted(set(chosen) - set(languages()))
    if unknown:
        sys.exit(f"unknown language(s): {', '.join(unknown)}; choose from {', '.join(languages())}")
    main(chosen)
