"""The sessions a shop's back office exports (SPEC §10): CSV or XLSX in, typed columns out.

`records` reads the bytes into rows (CSV in UTF-8, UTF-8 with a BOM or GB18030, never as mojibake;
or XLSX), `headers` finds the header row and the column each header names, `cells` reads the cells
and `consistency` checks each row against itself; this module puts them together. Every bad cell is
an `Issue` located at FILE:ROW:HEADER; warnings (duplicates, total rows, odd rows) are issues too.
Columns are kept as lists (one per column), so a 100,000-row export is read at the speed of `csv`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from gmvcli.errors import shown
from gmvcli.review.cells import (
    CHANNELS,
    NUMERIC,
    TOTAL_WORDS,
    blank,
    number_column,
    parse_date,
    parse_minutes,
)
from gmvcli.review.consistency import contradictions
from gmvcli.review.headers import (
    Header,
    find_header,
    in_seconds,
    missing_column,
    normalise,
    read_columns_map,
)
from gmvcli.review.issues import Issue, ReadError
from gmvcli.review.records import csv_rows, decode, read_bytes, xlsx_rows

# the names others read from here, wherever they are defined
__all__ = [
    "Actuals",
    "Issue",
    "ReadError",
    "decode",
    "parse_date",
    "parse_minutes",
    "read",
    "read_columns_map",
]


class Actuals(NamedTuple):
    """The rows of an export, column by column; `rows` holds each row's line (CSV) or sheet row."""

    file: str
    encoding: str  # utf-8, utf-8-sig, gb18030 or xlsx
    headers: dict[str, str]  # column → the header as written
    rows: list[int]
    dates: list[dt.date]
    merchants: list[str] | None
    channels: list[str]
    values: dict[str, list[float]]
    issues: list[Issue]  # warnings only; errors raise ReadError

    def __len__(self) -> int:
        return len(self.rows)


def read(
    path: str,
    *,
    sheet: str | None = None,
    columns_map: Mapping[str, str] | None = None,
    required: Sequence[str] = ("date", "uv", "orders", "gmv"),
    display: str | None = None,
) -> Actuals:
    """Read an export into columns. Raises ReadError with every problem found.

    The cyclic garbage collector is paused meanwhile: the rows are hundreds of thousands of
    acyclic lists and tuples, which would otherwise trigger a collection every 700 of them."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(path, sheet, columns_map, required, display)
    finally:
        if enabled:
            gc.enable()


def _read(
    path: str,
    sheet: str | None,
    columns_map: Mapping[str, str] | None,
    required: Sequence[str],
    display: str | None,
) -> Actuals:
    file = display or path
    raw = read_bytes(path)
    mapping = dict(columns_map or {})
    if not raw.strip():
        raise ReadError([Issue("review.empty", file)])
    if raw.startswith(b"PK\x03\x04") or os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm"):
        (lines, records), encoding = xlsx_rows(raw, file, sheet), "xlsx"
    else:
        if sheet is not None:  # a CSV has no sheets: never read it as if --sheet had been obeyed
            from gmvcli.errors import UsageError
            from gmvcli.messages import msg

            raise UsageError(msg("review.sheet_not_xlsx", file=shown(file), sheet=shown(sheet)))
        content, encoding = decode(raw, file)
        lines, records = csv_rows(content)
    header = find_header(lines, records, mapping, file, required)
    body = header.at + 1
    return _cells(lines[body:], records[body:], file, encoding, header)


class _Columns(dict[int, list[Any]]):
    """The columns of `rows`, each read (with itemgetter, in C) the first time it is asked for."""

    def __init__(self, rows: list[list[Any]]) -> None:
        super().__init__()
        self.rows = rows

    def __missing__(self, j: int) -> list[Any]:
        column = self[j] = list(map(itemgetter(j), self.rows))
        return column


def _cells(
    all_lines: list[int],
    all_records: list[list[Any]],
    file: str,
    encoding: str,
    header: Header,
) -> Actuals:
    """Rows → typed columns. The common case (every cell a plain number) runs at C speed: a column
    is converted with one `map(float, ...)`; cells that are not plain numbers, and columns of
    dates and durations, go through a per-distinct-value cache."""
    found, headers = header.found, header.headers
    seconds = in_seconds(headers)
    warnings: list[Issue] = []
    width = max(found.values()) + 1
    date_at = found["date"]
    if all_records and min(map(len, all_records)) < width:
        # empty lines (no cells) are not data; short rows get empty cells (a blank row of full
        # width is left out below, where its date is missing)
        kept_at = [k for k, cells in enumerate(all_records) if any(cells)]
        all_records = [
            r if len(r) >= width else list(r) + [None] * (width - len(r))
            for r in (all_records[k] for k in kept_at)
        ]
        all_lines = [all_lines[k] for k in kept_at]
    # each column read when first needed (itemgetter, in C); rows are rarely dropped

    transposed = _Columns(all_records)
    # dates first, parsed once per distinct cell: a row whose first cell is no date may be blank
    # or a total row (合计), left out with a warning; any other is an error below
    date_cells = transposed[date_at]
    table = {cell: parse_date(cell) for cell in set(date_cells)}
    days: list[dt.date | None] = list(map(table.__getitem__, date_cells))
    dropped: set[int] = set()
    for i in [i for i, day in enumerate(days) if day is None] if None in table.values() else []:
        cells, line = all_records[i], all_lines[i]
        first = cells[date_at]
        if all(blank(c) for c in cells):
            dropped.add(i)
        elif isinstance(first, str) and normalise(first) in TOTAL_WORDS:
            warnings.append(
                Issue(
                    "review.warn_total_row",
                    file,
                    line,
                    params=(("row", line), ("text", shown(first))),
                    warning=True,
                )
            )
            dropped.add(i)
    # duplicates: rows are compared whole only where their GMV cell repeats (sessions rarely sell
    # exactly the same amount), so a clean export costs one set of its GMV cells
    gmv_cells = transposed[found["gmv"]]
    if len(set(gmv_cells)) != len(gmv_cells):
        first_at: dict[Any, int] = {}
        repeated = {g for i, g in enumerate(gmv_cells) if first_at.setdefault(g, i) != i}
        seen: dict[tuple[Any, ...], int] = {}
        for i in [i for i, g in enumerate(gmv_cells) if g in repeated]:
            line = all_lines[i]
            earlier = seen.setdefault(tuple(all_records[i]), line)
            if earlier != line and i not in dropped:
                warnings.append(
                    Issue(
                        "review.warn_duplicate",
                        file,
                        line,
                        params=(("row", line), ("first", earlier)),
                        warning=True,
                    )
                )
                dropped.add(i)
    records, lines = all_records, all_lines
    if dropped:
        records = [r for i, r in enumerate(all_records) if i not in dropped]
        lines = [n for i, n in enumerate(all_lines) if i not in dropped]
        days = [d for i, d in enumerate(days) if i not in dropped]
        transposed = _Columns(records)
    if not records:
        raise ReadError([Issue("review.header_only", file, header.line), *warnings])

    errors: list[Issue] = []

    def bad(code: str, i: int, column: str, got: object) -> None:
        got_text = None if blank(got) else shown(str(got))
        errors.append(Issue(code, file, lines[i], headers[column], got_text))

    def column_cells(column: str) -> Sequence[Any]:
        return transposed[found[column]]

    dates: list[dt.date] = days  # type: ignore[assignment]
    if None in table.values():
        dates = []
        for i, day in enumerate(days):
            if day is None:
                bad("review.not_date", i, "date", records[i][date_at])
                day = dt.date.min
            dates.append(day)

    values: dict[str, list[float]] = {}
    # watch minutes may be blank on shelf rows (no live room): blanks are checked per channel below
    no_minutes: list[int] = []
    for column in NUMERIC:
        if column not in found:
            continue
        if column != "watch_minutes":
            # the common case in C: every cell a plain number ≥ 0, the column never kept as text
            try:
                floats = list(map(float, map(itemgetter(found[column]), records)))
                if math.isfinite(sum(floats)) and min(floats) >= 0:
                    values[column] = floats
                    continue
            except (ValueError, TypeError):
                pass
        raw: Sequence[Any] = column_cells(column)
        if column == "watch_minutes" and any(blank(c) for c in set(raw)):
            no_minutes = [i for i, c in enumerate(raw) if blank(c)]
            filled = list(raw)
            for i in no_minutes:
                filled[i] = 0
            raw = filled
        values[column] = number_column(column, raw, seconds, bad)

    channels: list[str]
    if "channel" in found:
        channels = []
        for i, cell in enumerate(column_cells("channel")):
            key_text = normalise(cell) if cell is not None else ""
            channel = CHANNELS.get(key_text, "content") if key_text else "content"
            if key_text and key_text not in CHANNELS:
                bad("review.bad_channel", i, "channel", cell)
            channels.append(channel)
    else:
        channels = ["content"] * len(records)
    merchants: list[str] | None = None
    if "merchant" in found:
        merchants = ["" if c is None else str(c).strip() for c in column_cells("merchant")]

    for i in no_minutes:
        if channels[i] == "content":
            bad("review.empty_cell", i, "watch_minutes", None)
    if "content" in channels and "watch_minutes" not in found:
        raise ReadError([missing_column(file, header.line, "watch_minutes", header.shown)])
    if not errors:
        errors.extend(contradictions(file, headers, lines, values, channels, warnings))
    if errors:
        errors.sort(key=lambda e: e.row or 0)
        raise ReadError(errors + warnings)
    return Actuals(file, encoding, headers, lines, dates, merchants, channels, values, warnings)
