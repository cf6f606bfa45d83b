"""Lessons: guided steps — predict, reveal the measured answer, open the page."""

import streamlit as st

import ui
from lib.settings import ParamSpec, int_param
from lib.studies.lessons import LESSONS, evidence, formatted

tr = ui.tr
ui.page_header("lessons")
n = len(LESSONS)
k = ui.bound(
    ParamSpec("lesson", 1, int_param(1, n)),
    lambda key: st.select_slider(
        tr("lessons.step"),
        options=list(range(1, n + 1)),
        key=key,
        format_func=lambda i: tr(
            "lessons.step_label", k=i, n=n, title=tr(f"lesson.{LESSONS[i - 1].key}.title")
        ),
    ),
)
lesson = LESSONS[k - 1]
prefix = f"lesson.{lesson.key}"
ui.section(tr("lessons.step_label", k=k, n=n, title=tr(f"{prefix}.title")))
st.markdown(tr(f"{prefix}.question"))
options = [tr(f"{prefix}.opt{i}") for i in range(3)]
choice = st.radio(
    tr("lessons.predict"),
    range(3),
    index=None,
    key=f"lesson_choice_{lesson.key}",
    format_func=lambda i: options[i],
)
revealed = f"lesson_revealed_{lesson.key}"
if st.button(tr("lessons.reveal"), disabled=choice is None, key=f"lesson_reveal_{lesson.key}"):
    st.session_state[revealed] = True
if choice is None:
    st.caption(tr("lessons.choose_first"))
elif st.session_state.get(revealed):
    if choice == lesson.answer:
        st.success(tr("lessons.right"), icon=":material/check_circle:")
    else:
        st.warning(tr("lessons.wrong", answer=options[lesson.answer]), icon=":material/info:")
    with st.spinner(tr("lessons.measuring")):
        numbers = ui.cached_call(evidence, lesson.key)
    st.markdown(tr(f"{prefix}.explain", **formatted(numbers)))
    ui.lesson_view(lesson)
if st.button(
    tr("lessons.open"),
    icon=":material/open_in_new:",
    on_click=ui.apply_preset,
    args=(lesson.preset,),
    key=f"lesson_open_{lesson.key}",
):
    st.switch_page(ui.script_of(lesson.page))
