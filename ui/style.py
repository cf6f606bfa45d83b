"""The app's always-on style sheet: readable captions and section headings on every page.

Two corrections to Streamlit's own look, both for accessibility (issue 16;
``tests/browser/test_a11y.py`` runs axe-core on every page):

* Captions (``st.caption``) hold notes a student must read (the subsampling
  note, the test-set sizes), but Streamlit draws them at 60 % opacity: 3.9:1
  on white, under the 4.5:1 minimum for text. They get a solid grey instead,
  :data:`CAPTION_COLOR`, 6.9:1 on white and above 6:1 on the sidebar's and
  the alerts' tints. Projector mode (:mod:`ui.chrome`) still turns them black.
* Section headings are ``<h2>`` under the page's ``<h1>``
  (:func:`ui.layout.section`, ``st.header``) so that no heading level is
  skipped; in the main area they keep the size of Streamlit's ``st.subheader``
  they replaced. The sidebar's own ``st.subheader`` headings are unchanged.

:func:`apply` is called once per run by :func:`ui.chrome.sidebar`.
"""

from __future__ import annotations

import streamlit as st

#: Caption text colour: Streamlit's warm grey, darkened to 6.9:1 on white.
CAPTION_COLOR = "#5c5a57"

#: The style sheet (style tags only: Streamlit puts it where it takes no space).
STYLE_CSS = f"""<style>
div[data-testid="stCaptionContainer"] {{ opacity: 1; color: {CAPTION_COLOR}; }}
[data-testid="stMain"] [data-testid="stHeading"] h2 {{
  font-size: 1.75rem; letter-spacing: -0.005em; padding: 0.75rem 0 1rem;
}}
</style>"""


def apply() -> None:
    """Add the app's style sheet (:data:`STYLE_CSS`) to the page; once per run."""
    st.html(STYLE_CSS)
