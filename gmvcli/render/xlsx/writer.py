"""Writing an Excel workbook (`--format xlsx`, SPEC §7): one sheet per table, numbers as numeric
cells with ¥/% number formats taken from the column's kind, a frozen header row, headers in the
chosen language. Chinese merchants open results in Excel or WPS, where a UTF-8 CSV shows mojibake.

XlsxWriter (the `xlsx` extra) is imported only when a workbook is written; the workbook is built
in constant-memory mode in a temporary file and handed back as byte chunks, so a million-row sweep
does not sit in memory and the file reaches `-o` through `gmvcli.output` like every other format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

#: Excel's last row is 1,048,576; one is the header
MAX_ROWS = 1_048_575


class Column(NamedTuple):
    header: str
    kind: str  # text | money | count | percent | ratio | plain | int


class Typed(NamedTuple):
    """A cell whose kind differs from its column's (diff: one column holds every row)."""

    value: float | None
    kind: str


class Sheet(NamedTuple):
    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def number_format(kind: str, currency: str) -> str | None:
    """The Excel number format of a kind: ¥ money, % rates, thousands for counts."""
    if kind == "money":
        symbol = '"¥"' if currency == "CNY" else f'"{currency} "'
        return f"{symbol}#,##0.00;-{symbol}#,##0.00"
    return {
        "count": "#,##0",
        "percent": "0.00%",
        "ratio": '0.00"×"',
        "plain": "#,##0.00",
        "minutes": "0.0",
        "int": "0",
    }.get(kind)


def column_width(header: str) -> float:
    """A column wide enough for its header (CJK characters count double) and typical figures."""
    size = sum(2 if ord(ch) > 0x2E80 else 1 for ch in header)
    return max(12, min(40, size + 2))


def workbook(sheets: Iterable[Sheet], currency: str) -> Iterator[bytes]:
    """The .xlsx file as byte chunks (built in a temporary file, in constant memory)."""
    import tempfile

    import xlsxwriter  # type: ignore[import-untyped]

    with tempfile.TemporaryFile() as tmp:
        book = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False})
        header_format = book.add_format({"bold": True, "bottom": 1})
        formats: dict[str, Any] = {}

        def cell_format(kind: str) -> Any:
            if kind not in formats:
                pattern = number_format(kind, currency)
                formats[kind] = book.add_format({"num_format": pattern}) if pattern else None
            return formats[kind]

        used: set[str] = set()
        for sheet in sheets:
            name = sheet_name(sheet.name, used)
            ws = book.add_worksheet(name)
            ws.freeze_panes(1, 0)
            for c, column in enumerate(sheet.columns):
                ws.set_column(c, c, column_width(column.header))
                ws.write_string(0, c, column.header, header_format)
            r = 0
            for r, row in enumerate(sheet.rows, start=1):
                if r > MAX_ROWS:
                    raise TooManyRows(r)
                for c, (item, column) in enumerate(zip(row, sheet.columns, strict=True)):
                    value, kind = (
                        (item.value, item.kind) if isinstance(item, Typed) else (item, column.kind)
                    )
                    if value is None:
                        continue
                    if isinstance(value, bool) or not isinstance(value, int | float):
                        ws.write_string(r, c, _safe(str(value)))
                    else:
                        ws.write_number(r, c, value, cell_format(kind))
            if r:
                ws.autofilter(0, 0, r, len(sheet.columns) - 1)
        book.close()
        tmp.seek(0)
        while chunk := tmp.read(1 << 16):
            yield chunk


class TooManyRows(Exception):
    def __init__(self, rows: int) -> None:
        super().__init__(f"{rows} rows")
        self.rows = rows


def sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-insensitively)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _safe(value: str) -> str:
    """Text from files without control characters (Excel refuses most of them in a cell)."""
    from gmvcli.errors import safe_text

    return safe_text(value)
