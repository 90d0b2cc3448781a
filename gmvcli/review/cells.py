"""The cells of an export → values: dates, numbers, durations in minutes and the words for a
channel or a total row. A bad cell is not raised here: its value is the code of what is wrong."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from gmvcli.numbers import NumberError, parse_number

COUNTS = ("uv", "private_uv", "public_uv", "orders", "buyers", "new_fans")
MONEY = ("gmv", "refunds", "traffic_cost")
NUMERIC = (*COUNTS, *MONEY, "watch_minutes")
#: optional amounts a back office leaves blank or writes as "-" when there were none
BLANK_IS_ZERO = frozenset({"refunds", "traffic_cost", "new_fans"})
CHANNELS = {
    "直播": "content",
    "内容": "content",
    "content": "content",
    "live": "content",
    "短视频": "content",
    "货架": "shelf",
    "商品卡": "shelf",
    "shelf": "shelf",
    "商城": "shelf",
}
TOTAL_WORDS = frozenset({"合计", "总计", "汇总", "total", "sum", "小计"})
_BLANKS = frozenset({"", "-", "--", "—", "/", "n/a"})
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)")
_ZH_DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s))?"
)


def parse_date(value: object) -> dt.date | None:
    """A session's date: ISO date/datetime, 2024/11/05, 2024年11月5日 (a time after it is ignored),
    or a spreadsheet date; None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_minutes(value: object, seconds: bool = False) -> float:
    """Minutes from a number, `m:ss`, `h:mm:ss`, `3分26秒` or a spreadsheet duration/time."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 60
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + value.second / 60
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        s = unicodedata.normalize("NFKC", str(value)).strip()
        clock = _CLOCK.fullmatch(s)
        if clock:
            h, m, sec = clock.groups()
            if (int(m) >= 60 and h is not None) or float(sec) >= 60:
                raise ValueError(s)
            return (int(h) * 60 if h else 0) + int(m) + float(sec) / 60
        zh = _ZH_DURATION.fullmatch(s)
        if zh and any(zh.groups()):
            h, m, sec = (float(g) if g else 0.0 for g in zh.groups())
            return h * 60 + m + sec / 60
        try:
            number = parse_number(s)
        except NumberError:
            raise ValueError(s) from None
    if not math.isfinite(number):
        raise ValueError(str(value))
    return number / 60 if seconds else number


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    return parse_number(value)  # raises NumberError (a ValueError)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _BLANKS)


def number_column(
    column: str,
    cells: Sequence[Any],
    seconds: bool,
    bad: Callable[[str, int, str, object], None],
) -> list[float]:
    """A column of numbers (or durations), each bad cell reported through `bad`."""
    # every distinct cell once (a column of durations holds a few hundred values)
    try:
        table = {cell: _cell_value(column, cell, seconds) for cell in set(cells)}
        parsed = list(map(table.__getitem__, cells))
        if not any(isinstance(v, str) for v in table.values()):
            return parsed  # type: ignore[return-value]  # every value is a float
    except TypeError:  # an unhashable cell cannot come from csv or openpyxl; be safe
        parsed = [_cell_value(column, cell, seconds) for cell in cells]
    numbers: list[float] = []
    for i, value in enumerate(parsed):
        if isinstance(value, str):  # a message code
            bad(value, i, column, cells[i])
            value = 0.0
        numbers.append(value)
    return numbers


def _cell_value(column: str, cell: object, seconds: bool) -> float | str:
    """The number in a cell, or the code of what is wrong with it."""
    if blank(cell):
        return 0.0 if column in BLANK_IS_ZERO else "review.empty_cell"
    try:
        value = parse_minutes(cell, seconds) if column == "watch_minutes" else _number(cell)
    except (ValueError, TypeError):
        return "review.not_minutes" if column == "watch_minutes" else "review.not_number"
    if not math.isfinite(value):
        return "review.not_number"
    if value < 0:
        return "review.negative"
    return value
