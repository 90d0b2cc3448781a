"""What is wrong with an export, located at FILE:ROW:HEADER: `Issue` (an error or a warning), and
`ReadError`, raised with every issue found when the export cannot be used."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli.errors import error_json, safe_text
from gmvcli.review.messages import text


class Issue(NamedTuple):
    """A problem or warning in the export, located at FILE:ROW:HEADER."""

    code: str
    file: str
    row: int | None = None
    header: str | None = None
    got: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    hint: str | None = None  # a message code
    hint_params: tuple[tuple[str, object], ...] = ()
    warning: bool = False

    def where(self) -> str:
        out = self.file
        if self.row is not None:
            out += f":{self.row}"
            if self.header is not None:
                out += f":{self.header}"
        return out

    def message(self, lang: str) -> str:
        out = text(self.code, lang, **dict(self.params))
        if self.got is not None:
            out += text("frame.got", lang, got=self.got)
        if self.hint:
            hint = text(self.hint, lang, **dict(self.hint_params))
            out += text("frame.hint", lang, hint=hint)  # " — hint", zh "——hint", as problems
        return out

    def text(self, lang: str) -> str:
        """`FILE:ROW:HEADER: what is wrong (got V) — hint`, worded for `lang`."""
        return safe_text(f"{self.where()}: {self.message(lang)}")

    def as_json(self) -> dict[str, object]:
        """As a scenario's problems are (a row for the line, a header for the column)."""
        return error_json(self.code, self.message("en"), self.row, self.header, "")  # no field path


class ReadError(Exception):
    """The export cannot be read at all (or has errors): every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        self.issues = issues
