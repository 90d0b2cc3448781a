"""The report as one HTML page: the gathered view through the Jinja2 templates shipped with the
package (`templates/`), with autoescaping on, so text from a scenario file can never become
markup, and cannot hide characters either (see `_visible`). Jinja2 is imported here only, and
this module only by the report: `pip install 'gmvcli[report]'`."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from gmvcli import __version__
from gmvcli.errors import safe_text
from gmvcli.report.texts import text
from gmvcli.report.view import ReportView


def number(value: float) -> Markup:
    """A coordinate in a chart: one decimal, no trailing zeros, never -0 (digits only: safe)."""
    out = f"{value:.1f}".rstrip("0").rstrip(".")
    return Markup("0" if out in ("-0", "") else out)


#: a header's words: runs of text between spaces, a bracket starting a word of its own
_WORDS = re.compile(r"\s+|[（(]?[^\s（(]+")


def words(value: str) -> Markup:
    """A table header as words that never break inside themselves (each a nowrap span): it
    wraps, if it must, at its spaces and before a bracket, so 内容+私域 or 不用政策 stay whole
    where Chromium would break between any two Chinese characters."""
    return Markup("").join(
        part if part.isspace() else Markup('<span class="w">%s</span>') % part
        for part in _WORDS.findall(safe_text(value))
    )


def _visible(value: Any) -> Any:
    """Text as `safe_text` shows it (bidi overrides and control characters as \\u202e, \\x07);
    markup made by the templates themselves (a macro's output) and numbers unchanged."""
    if type(value) is str:
        return safe_text(value)
    return value


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, made (and its templates compiled) once per process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gmvcli.report", "templates"),
        autoescape=True,
        # every {{ value }} first loses what could disguise text, then is escaped as HTML
        finalize=_visible,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["n"] = number
    env.filters["words"] = words
    return env


def render(view: ReportView) -> str:
    """The page for `view`, in its language."""
    template = environment().get_template("report.html.j2")

    def t(code: str, **params: Any) -> str:
        return text(code, view.lang, **params)

    return template.render(r=view, t=t, version=__version__)
