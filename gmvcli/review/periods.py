"""Calendar periods of a scenario (SPEC §10): period 1 is the day, ISO week, month, quarter or year
holding the start date; `start`/`end` are its calendar bounds, both inclusive."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

KINDS = ("day", "week", "month", "quarter", "year")


class Calendar(NamedTuple):
    kind: str
    first: dt.date  # the first day of period 1

    def period_of(self, day: dt.date) -> int:
        """The period holding `day`: 1 for the first, 0 or less before it."""
        kind, first = self.kind, self.first
        if kind == "day":
            return (day - first).days + 1
        if kind == "week":
            return (day - first).days // 7 + 1
        if kind == "month":
            return (day.year - first.year) * 12 + day.month - first.month + 1
        if kind == "quarter":
            return (day.year - first.year) * 4 + (day.month - 1) // 3 - (first.month - 1) // 3 + 1
        return day.year - first.year + 1

    def bounds(self, period: int) -> tuple[dt.date, dt.date]:
        """The first and last day of `period` (1-based)."""
        kind, first, k = self.kind, self.first, period - 1
        if kind == "day":
            day = first + dt.timedelta(days=k)
            return day, day
        if kind == "week":
            start = first + dt.timedelta(weeks=k)
            return start, start + dt.timedelta(days=6)
        if kind == "year":
            return dt.date(first.year + k, 1, 1), dt.date(first.year + k, 12, 31)
        months = 3 if kind == "quarter" else 1
        start = _add_months(first, k * months)
        return start, _add_months(start, months) - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def calendar(kind: str, start: dt.date) -> Calendar:
    """The calendar whose period 1 holds `start`."""
    if kind == "day":
        first = start
    elif kind == "week":
        first = start - dt.timedelta(days=start.weekday())  # ISO weeks start on Monday
    elif kind == "month":
        first = start.replace(day=1)
    elif kind == "quarter":
        first = dt.date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    elif kind == "year":
        first = dt.date(start.year, 1, 1)
    else:
        raise ValueError(f"unknown period {kind!r}")
    return Calendar(kind, first)
