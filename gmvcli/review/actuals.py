"""The sessions a shop's back office exports (SPEC §10): CSV or XLSX in, typed columns out.

Headers are matched against zh/en aliases (case, width and spaces ignored); `--columns MAP.yaml`
names any other header. CSV text is UTF-8, UTF-8 with a BOM, or GB18030/GBK as Chinese Excel and
WPS save it: tried strictly in that order, so a file is never read as mojibake. Every bad cell is an
`Issue` located at FILE:ROW:HEADER; warnings (duplicates, total rows, odd rows) are issues too.
Columns are kept as lists (one per column), so a 100,000-row export is read at the speed of `csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from operator import add, gt, itemgetter
from typing import Any, NamedTuple

from gmvcli.errors import shown
from gmvcli.numbers import NumberError, parse_number
from gmvcli.review.messages import text

MAX_BYTES = 64 * 1024 * 1024

#: column → its aliases as back offices (and people) write them; the column name itself matches too
ALIASES: dict[str, tuple[str, ...]] = {
    "date": (
        "日期",
        "开播时间",
        "直播开始时间",
        "时间",
        "date",
        "开播日期",
        "直播日期",
        "start time",
    ),
    "merchant": ("商家", "商家id", "账号", "merchant", "商家名称", "店铺", "merchant id"),
    "channel": ("渠道", "channel", "成交渠道", "载体"),
    "uv": ("观看人数", "场观", "访客数", "uv", "累计观看人数", "visitors", "viewers"),
    "private_uv": ("粉丝观看人数", "私域uv", "私域观看人数", "private uv", "fan viewers"),
    "public_uv": (
        "付费观看人数",
        "投放uv",
        "公域uv",
        "付费流量观看人数",
        "public uv",
        "paid viewers",
    ),
    "watch_minutes": ("人均观看时长", "平均观看时长", "watch minutes", "avg watch time"),
    "orders": ("成交订单数", "订单数", "支付订单数", "orders"),
    "buyers": ("成交人数", "支付人数", "买家数", "buyers"),
    "gmv": ("成交金额", "支付金额", "销售额", "gmv"),
    "refunds": ("退款金额", "refunds"),
    "traffic_cost": ("投放消耗", "小店通消耗", "推广费", "流量成本", "traffic cost", "ad spend"),
    "new_fans": ("新增粉丝", "涨粉", "new fans", "new followers"),
}
COLUMNS = tuple(ALIASES)
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
_UNIT = re.compile(r"[（(]([^()（）]*)[)）]$")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)")
_ZH_DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s))?"
)


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
            out += f"（实际为 {self.got}）" if lang == "zh" else f" (got {self.got})"
        if self.hint:
            out += " — " + text(self.hint, lang, **dict(self.hint_params))
        return out

    def text(self, lang: str) -> str:
        """`FILE:ROW:HEADER: what is wrong (got V) — hint`, worded for `lang`."""
        from gmvcli.errors import safe_text

        return safe_text(f"{self.where()}: {self.message(lang)}")

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message("en"),
            "line": self.row,
            "column": self.header,
            "path": "",
        }


class ReadError(Exception):
    """The export cannot be read at all (or has errors): every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        self.issues = issues


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


def normalise(header: object) -> str:
    """A header as matched: NFKC, lower case, no spaces, _ or -, no trailing (unit)."""
    s = unicodedata.normalize("NFKC", str(header)).strip().lower()
    s = _UNIT.sub("", s)
    return re.sub(r"[\s_\-]+", "", s)


_ALIAS_INDEX: dict[str, str] = {}


def alias_index() -> dict[str, str]:
    if not _ALIAS_INDEX:
        for column, aliases in ALIASES.items():
            for a in (column, *aliases):
                _ALIAS_INDEX.setdefault(normalise(a), column)
    return _ALIAS_INDEX


def _unit_of(header: str) -> str:
    match = _UNIT.search(unicodedata.normalize("NFKC", header).strip().lower())
    return match.group(1).strip() if match else ""


# --- bytes → rows --------------------------------------------------------------------------------


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """The text of a CSV export and the encoding it was read as: UTF-8 (with or without BOM),
    else GB18030 (a superset of GBK and GB2312), both strict; anything else is an error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _encoding_error(raw, exc, file) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _encoding_error(raw, exc, file) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as first:
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise _encoding_error(raw, first, file) from None


def _encoding_error(raw: bytes, exc: UnicodeDecodeError, file: str) -> ReadError:
    line = raw.count(b"\n", 0, exc.start) + 1
    return ReadError(
        [
            Issue(
                "review.encoding",
                file,
                params=(("line", line),),
                hint="review.encoding_hint",
            )
        ]
    )


def read_bytes(path: str) -> bytes:
    """The file's bytes (`-`: standard input), at most 64 MiB."""
    try:
        if path == "-":
            import sys

            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as f:
                raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError([Issue("review.no_file", path)]) from None
    except OSError as exc:
        raise ReadError(
            [Issue("review.unreadable", path, params=(("error", exc.strerror or exc),))]
        ) from None
    if len(raw) > MAX_BYTES:
        raise ReadError([Issue("review.too_large", path)])
    return raw


def _csv_rows(content: str) -> tuple[list[int], list[list[str]]]:
    """The records of CSV text and the line each starts on (the header is line 1)."""
    first_line = content.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    records = list(reader)
    if reader.line_num == len(records):  # no cell spans lines: record i is on line i + 1
        return list(range(1, len(records) + 1)), records
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    lines, records, line = [], [], 1
    for cells in reader:
        lines.append(line)
        records.append(cells)
        line = reader.line_num + 1
    return lines, records


def _xlsx_rows(raw: bytes, file: str, sheet: str | None) -> tuple[list[int], list[list[Any]]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the review extra is missing
        raise ReadError(
            [Issue("review.xlsx_bad", file, params=(("error", "pip install 'gmvcli[review]'"),))]
        ) from None
    import warnings
    import zipfile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ReadError(
            [Issue("review.xlsx_bad", file, params=(("error", shown(str(exc))),))]
        ) from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise ReadError(
                    [
                        Issue(
                            "review.no_sheet",
                            file,
                            params=(("sheet", sheet), ("sheets", ", ".join(book.sheetnames))),
                        )
                    ]
                )
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        records = [list(values) for values in ws.iter_rows(min_row=1, values_only=True)]
        return list(range(1, len(records) + 1)), records
    finally:
        book.close()


# --- cells ---------------------------------------------------------------------------------------


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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _BLANKS)


# --- the export ----------------------------------------------------------------------------------


def read_columns_map(path: str) -> dict[str, str]:
    """`--columns MAP.yaml`: export header → column name (normalised header as key)."""
    from gmvcli.errors import ScenarioError
    from gmvcli.loader import load_bytes

    raw = read_bytes(path)
    try:
        doc = load_bytes(raw, path)
    except ScenarioError as exc:
        p = exc.problems[0]
        raise ReadError(
            [Issue("review.unreadable", path, p.line, None, params=(("error", p.message),))]
        ) from None
    data = doc.data
    if not isinstance(data, dict):
        raise ReadError([Issue("review.columns_bad", path, 1)])
    out: dict[str, str] = {}
    for header, column in data.items():
        col, head = str(column), str(header)
        if head in ALIASES and col not in ALIASES:
            col, head = head, col  # written the other way round: column: header
        if col not in ALIASES:
            node = doc.node_at((header,))
            line = node.start_mark.line + 1 if node is not None else None
            raise ReadError(
                [
                    Issue(
                        "review.columns_unknown",
                        path,
                        line,
                        head,
                        params=(("column", col), ("columns", ", ".join(COLUMNS))),
                    )
                ]
            )
        out[normalise(head)] = col
    return out


def _match_headers(
    cells: Sequence[object], mapping: Mapping[str, str], file: str, line: int
) -> tuple[dict[str, int], dict[str, str]]:
    index = alias_index()
    found: dict[str, int] = {}
    headers: dict[str, str] = {}
    for j, cell in enumerate(cells):
        if cell is None:
            continue
        key = normalise(cell)
        column = mapping.get(key) or index.get(key)
        if column is None:
            continue
        if column in found:
            raise ReadError(
                [
                    Issue(
                        "review.duplicate_column",
                        file,
                        line,
                        str(cell),
                        params=(
                            ("column", column),
                            ("first", headers[column]),
                            ("second", str(cell)),
                        ),
                    )
                ]
            )
        found[column] = j
        headers[column] = str(cell).strip()
    return found, headers


def _matches(cells: Sequence[object], mapping: Mapping[str, str]) -> int:
    index = alias_index()
    return sum(
        1 for c in cells if c is not None and (normalise(c) in mapping or normalise(c) in index)
    )


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
        (lines, records), encoding = _xlsx_rows(raw, file, sheet), "xlsx"
    else:
        content, encoding = decode(raw, file)
        lines, records = _csv_rows(content)
    return _table(lines, records, file, encoding, mapping, required)


def _table(
    lines: list[int],
    records: list[list[Any]],
    file: str,
    encoding: str,
    mapping: Mapping[str, str],
    required: Sequence[str],
) -> Actuals:
    # the header: the first row that names at least two columns (a title row above it is skipped),
    # else the first non-empty row
    at = None
    candidates = []
    for k, cells in enumerate(records):
        if all(_blank(c) for c in cells):
            continue
        candidates.append(k)
        if _matches(cells, mapping) >= 2:
            at = k
            break
        if len(candidates) >= 10:
            break
    if at is None:
        if not candidates:
            raise ReadError([Issue("review.empty", file)])
        at = candidates[0]
    header_line, header = lines[at], records[at]
    found, headers = _match_headers(header, mapping, file, header_line)
    shown_headers = ", ".join(str(c).strip() for c in header if c is not None) or "—"
    missing = [c for c in required if c not in found]
    if missing:
        raise ReadError(
            [
                Issue(
                    "review.missing_column",
                    file,
                    header_line,
                    params=(
                        ("column", c),
                        ("aliases", ", ".join(dict.fromkeys((c, *ALIASES[c])))),
                    ),
                    hint="review.missing_column_hint",
                    hint_params=(("headers", shown(shown_headers)), ("column", c)),
                )
                for c in missing
            ]
        )
    seconds = "秒" in _unit_of(headers.get("watch_minutes", "")) or _unit_of(
        headers.get("watch_minutes", "")
    ) in ("s", "sec", "seconds")
    return _cells(
        lines[at + 1 :],
        records[at + 1 :],
        file,
        encoding,
        found,
        headers,
        seconds,
        header_line,
        shown_headers,
    )


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
    found: dict[str, int],
    headers: dict[str, str],
    seconds: bool,
    header_line: int,
    all_headers: str = "",
) -> Actuals:
    """Rows → typed columns. The common case (every cell a plain number) runs at C speed: a column
    is converted with one `map(float, ...)`; cells that are not plain numbers, and columns of
    dates and durations, go through a per-distinct-value cache."""
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
        if all(_blank(c) for c in cells):
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
        raise ReadError([Issue("review.header_only", file, header_line), *warnings])

    errors: list[Issue] = []

    def bad(code: str, i: int, column: str, got: object) -> None:
        got_text = None if _blank(got) else shown(str(got))
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
        if column == "watch_minutes" and any(_blank(c) for c in set(raw)):
            no_minutes = [i for i, c in enumerate(raw) if _blank(c)]
            filled = list(raw)
            for i in no_minutes:
                filled[i] = 0
            raw = filled
        values[column] = _numbers(column, raw, seconds, bad)

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
        c = "watch_minutes"
        raise ReadError(
            [
                Issue(
                    "review.missing_column",
                    file,
                    header_line,
                    params=(("column", c), ("aliases", ", ".join(dict.fromkeys((c, *ALIASES[c]))))),
                    hint="review.missing_column_hint",
                    hint_params=(("headers", shown(all_headers)), ("column", c)),
                )
            ]
        )
    if not errors:
        errors.extend(_consistency(file, headers, lines, values, channels, warnings))
    if errors:
        errors.sort(key=lambda e: e.row or 0)
        raise ReadError(errors + warnings)
    return Actuals(file, encoding, headers, lines, dates, merchants, channels, values, warnings)


def _numbers(
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
    if _blank(cell):
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


def _consistency(
    file: str,
    headers: dict[str, str],
    lines: list[int],
    values: dict[str, list[float]],
    channels: list[str],
    warnings: list[Issue],
) -> list[Issue]:
    """Rows whose cells contradict each other: errors, or warnings where a real export can hold
    them. Each rule is one comprehension over the columns, so a clean export costs little."""
    errors: list[Issue] = []
    orders, gmv, uv = values["orders"], values["gmv"], values["uv"]
    buyers = values.get("buyers")
    refunds = values.get("refunds")
    minutes = values.get("watch_minutes")
    private, public = values.get("private_uv"), values.get("public_uv")
    n = len(lines)

    def fault(code: str, i: int, column: str, got: float, **params: object) -> None:
        errors.append(
            Issue(code, file, lines[i], headers[column], _num(got), tuple(params.items()))
        )

    def warn(code: str, i: int, column: str, **params: object) -> None:
        items = (("row", lines[i]), *params.items())
        warnings.append(Issue(code, file, lines[i], headers[column], None, items, warning=True))

    if buyers is not None and any(map(gt, buyers, orders)):
        for i in [i for i in range(n) if buyers[i] > orders[i]]:
            fault(
                "review.buyers_over_orders",
                i,
                "buyers",
                buyers[i],
                buyers=_num(buyers[i]),
                orders=_num(orders[i]),
            )
    zero_orders, zero_gmv = orders.count(0.0), gmv.count(0.0)
    odd = (
        [i for i, (o, g) in enumerate(zip(orders, gmv, strict=True)) if (o == 0) != (g == 0)]
        if zero_orders or zero_gmv
        else []
    )
    for i in odd:
        if orders[i] == 0:
            fault("review.gmv_without_orders", i, "gmv", gmv[i], gmv=_num(gmv[i]))
        else:
            warn("review.warn_orders_no_gmv", i, "gmv", orders=_num(orders[i]))
    no_time = [0.0] * n if minutes is None else minutes
    suspects = (
        [i for i in range(n) if orders[i] > 0 and (uv[i] == 0 or no_time[i] == 0)]
        if uv.count(0.0) or no_time.count(0.0)
        else []
    )
    for i in suspects:
        if uv[i] == 0 or channels[i] == "content":
            fault("review.orders_without_uv", i, "orders", orders[i], orders=_num(orders[i]))
    if private is not None and public is not None and any(map(gt, map(add, private, public), uv)):
        for i in [i for i in range(n) if private[i] + public[i] > uv[i] * (1 + 1e-9)]:
            split = private[i] + public[i]
            fault("review.split_over_uv", i, "uv", uv[i], split=_num(split), uv=_num(uv[i]))
    if refunds is not None and any(map(gt, refunds, gmv)):
        for i in [i for i in range(n) if refunds[i] > gmv[i] > 0]:
            warn(
                "review.warn_refunds_over_gmv",
                i,
                "refunds",
                refunds=_num(refunds[i]),
                gmv=_num(gmv[i]),
            )
    return errors


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
