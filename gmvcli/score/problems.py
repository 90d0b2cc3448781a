"""The problems of a batch's bad rows: `RowProblem` (one bad cell, worded when shown) and the
collector `score_batch` fills while it reads, checks and completes the rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from gmvcli.errors import Problem, shown
from gmvcli.messages import Msg, text

if TYPE_CHECKING:
    import numpy as np


class RowProblem(NamedTuple):
    """One bad cell: the row number R of SPEC §11, the column, the cell as written (None when
    empty), what is wrong and how to fix it (catalogue messages, worded when shown)."""

    row: int
    column: str
    value: str | None
    message: Msg
    hint: Msg | None = None
    #: a warning leaves the row's results in place (a policy its role is not eligible for)
    warning: bool = False

    def what(self, lang: str = "en", with_value: bool = True) -> str:
        """What is wrong, with the value and the hint: `message (got V) — hint`."""
        got = self.value if with_value else None
        return Problem("", self.message, got=got, hint=self.hint).detail(lang)

    def describe(self, lang: str = "en") -> str:
        """`row R, column C: what is wrong (got V) — hint`."""
        return text(
            "score.row_error", lang, row=self.row, column=self.column, message=self.what(lang)
        )


class BatchProblems:
    """The problems found in one batch, in the order found, and which rows they make bad."""

    def __init__(self, rows: np.ndarray, n: int) -> None:
        import numpy as np

        self.rows = rows  # each row's number R
        self.bad = np.zeros(n, bool)
        self.found: list[RowProblem] = []
        self.where: list[int] = []  # the batch index of each problem's row

    def fail(self, i: int, column: str, raw: object, message: Msg, hint: Msg | None = None) -> None:
        """Row i is bad: its cell `raw` of `column` (None: missing or not a cell)."""
        self.bad[i] = True
        self.where.append(i)
        value = None if raw is None else shown(raw)
        self.found.append(RowProblem(int(self.rows[i]), column, value, message, hint))

    def fail_rows(self, mask: np.ndarray, column: str, message: Msg) -> None:
        """Every row of `mask` is bad, for the same reason."""
        import numpy as np

        for i in np.flatnonzero(mask):
            self.fail(int(i), column, None, message)

    def errors(self) -> list[str | None]:
        """The `error` column: each row's problems, described in English and joined by `; `."""
        errors: list[str | None] = [None] * len(self.bad)
        for k, p in zip(self.where, self.found, strict=True):
            line = p.describe()
            errors[k] = line if errors[k] is None else f"{errors[k]}; {line}"
        return errors

    def with_warnings(self, warnings: list[RowProblem]) -> list[RowProblem]:
        """The problems and the warnings of rows that are not bad, ordered by row (stable)."""
        import numpy as np

        problems = self.found + [
            w for w in warnings if not self.bad[int(np.searchsorted(self.rows, w.row))]
        ]
        order = sorted(range(len(problems)), key=lambda k: problems[k].row)
        return [problems[k] for k in order]
