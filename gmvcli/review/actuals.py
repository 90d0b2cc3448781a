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
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from gmvcli.errors import shown
from gmvcli.numbers import NumberError, parse_number
from gmvcli.review.messages import text

MAX_BYTES = 64 * 1024 * 1024

#: column → its aliases as back offices (and people) write them; the column name itself matches too
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("日期", "开播时间", "直播开始时间", "时间", "date", "开播日期", "直播日期", "start time"),
    "merchant": ("商家", "商家id", "账号", "merchant", "商家名称", "店铺", "merchant id"),
    "channel": ("渠道", "channel", "成交渠道", "载体"),
    "uv": ("观看人数", "场观", "访客数", "uv", "累计观看人数", "visitors", "viewers"),
    "private_uv": ("粉丝观看人数", "私域uv", "私域观看人数", "private uv", "fan viewers"),
    "public_uv": ("付费观看人数", "投放uv", "公域uv", "付费流量观看人数", "public uv", "paid viewers"),
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
    try:
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


def _csv_rows(content: str) -> Iterator[tuple[int, list[str]]]:
    """(line of the row's first character, cells) for each record of CSV text."""
    first_line = content.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _xlsx_rows(raw: bytes, file: str, sheet: str | None) -> Iterator[tuple[int, list[object]]]:
    try:
        import openpyxl
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
        for i, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            yield i, list(values)
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
            if int(m) >= 60 and h is not None or float(sec) >= 60:
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
    return sum(1 for c in cells if c is not None and (normalise(c) in mapping or normalise(c) in index))


def read(
    path: str,
    *,
    sheet: str | None = None,
    columns_map: Mapping[str, str] | None = None,
    required: Sequence[str] = ("date", "uv", "orders", "gmv"),
    display: str | None = None,
) -> Actuals:
    """Read an export into columns. Raises ReadError with every problem found."""
    file = display or path
    raw = read_bytes(path)
    mapping = dict(columns_map or {})
    if not raw.strip():
        raise ReadError([Issue("review.empty", file)])
    rows: Iterator[tuple[int, list[Any]]]
    if raw.startswith(b"PK\x03\x04") or os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm"):
        rows, encoding = _xlsx_rows(raw, file, sheet), "xlsx"
    else:
        content, encoding = decode(raw, file)
        rows = _csv_rows(content)
    return _table(rows, file, encoding, mapping, required)


def _table(
    rows: Iterator[tuple[int, list[Any]]],
    file: str,
    encoding: str,
    mapping: Mapping[str, str],
    required: Sequence[str],
) -> Actuals:
    # the header: the first row that names at least two columns (a title row above it is skipped),
    # else the first non-empty row
    header_line, header = 0, None
    seen: list[tuple[int, list[Any]]] = []
    for line, cells in rows:
        if all(_blank(c) for c in cells):
            continue
        seen.append((line, cells))
        if _matches(cells, mapping) >= 2:
            header_line, header = line, cells
            break
        if len(seen) >= 10:
            break
    if header is None:
        if not seen:
            raise ReadError([Issue("review.empty", file)])
        header_line, header = seen[0]
        rows = iter(seen[1:] + list(rows))
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
                        ("aliases", ", ".join((c, *ALIASES[c]))),
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
    return _cells(rows, file, encoding, found, headers, seconds, header_line)


def _cells(
    rows: Iterator[tuple[int, list[Any]]],
    file: str,
    encoding: str,
    found: dict[str, int],
    headers: dict[str, str],
    seconds: bool,
    header_line: int,
) -> Actuals:
    errors: list[Issue] = []
    warnings: list[Issue] = []
    lines: list[int] = []
    dates: list[dt.date] = []
    merchants: list[str] | None = [] if "merchant" in found else None
    channels: list[str] = []
    values: dict[str, list[float]] = {c: [] for c in NUMERIC if c in found}
    date_at = found["date"]
    merchant_at = found.get("merchant")
    channel_at = found.get("channel")
    numeric = [(c, found[c], values[c]) for c in NUMERIC if c in found]
    width = max(found.values()) + 1
    seen: dict[tuple[Any, ...], int] = {}
    date_cache: dict[object, dt.date | None] = {}

    def bad(code: str, line: int, column: str, got: object, **params: object) -> None:
        got_text = "nothing" if got is None or got == "" else shown(str(got))
        errors.append(Issue(code, file, line, headers[column], got_text, tuple(params.items())))

    for line, cells in rows:
        if len(cells) < width:
            cells = list(cells) + [None] * (width - len(cells))
        first = cells[date_at]
        if all(_blank(c) for c in cells):
            continue
        if isinstance(first, str) and normalise(first) in TOTAL_WORDS:
            warnings.append(
                Issue(
                    "review.warn_total_row",
                    file,
                    line,
                    params=(("row", line), ("text", shown(first))),
                    warning=True,
                )
            )
            continue
        key = tuple(cells)
        if key in seen:
            warnings.append(
                Issue(
                    "review.warn_duplicate",
                    file,
                    line,
                    params=(("row", line), ("first", seen[key])),
                    warning=True,
                )
            )
            continue
        seen[key] = line
        ok = True
        try:
            day = date_cache[first]
        except (KeyError, TypeError):
            day = parse_date(first)
            try:
                date_cache[first] = day
            except TypeError:
                pass
        if day is None:
            bad("review.not_date", line, "date", first)
            ok = False
        parsed: list[float] = []
        for column, j, _ in numeric:
            cell = cells[j]
            try:
                if column == "watch_minutes":
                    value = parse_minutes(cell, seconds) if not _blank(cell) else math.nan
                else:
                    value = float(cell) if isinstance(cell, str | int | float) else math.nan
                    if not math.isfinite(value):
                        raise ValueError(cell)
            except (ValueError, TypeError):
                try:
                    value = _number(cell) if not _blank(cell) else math.nan
                except (ValueError, TypeError):
                    code = "review.not_minutes" if column == "watch_minutes" else "review.not_number"
                    bad(code, line, column, cell)
                    ok = False
                    parsed.append(0.0)
                    continue
            if value != value:  # blank
                if column in BLANK_IS_ZERO:
                    value = 0.0
                else:
                    bad("review.empty_cell", line, column, cell)
                    ok = False
                    parsed.append(0.0)
                    continue
            if value < 0:
                bad("review.negative", line, column, cell)
                ok = False
            parsed.append(value)
        channel = "content"
        if channel_at is not None:
            raw_channel = cells[channel_at]
            channel_key = normalise(raw_channel) if raw_channel is not None else ""
            if channel_key:
                found_channel = CHANNELS.get(channel_key)
                if found_channel is None:
                    bad("review.bad_channel", line, "channel", raw_channel)
                    ok = False
                else:
                    channel = found_channel
        if not ok:
            continue
        assert day is not None
        lines.append(line)
        dates.append(day)
        channels.append(channel)
        if merchants is not None and merchant_at is not None:
            cell = cells[merchant_at]
            merchants.append("" if cell is None else str(cell).strip())
        for (_, _, out), value in zip(numeric, parsed, strict=True):
            out.append(value)
    if not lines and not errors:
        raise ReadError([Issue("review.header_only", file, header_line)])
    if "content" in channels and "watch_minutes" not in found:
        c = "watch_minutes"
        errors.append(
            Issue(
                "review.missing_column",
                file,
                header_line,
                params=(("column", c), ("aliases", ", ".join((c, *ALIASES[c])))),
                hint="review.missing_column_hint",
                hint_params=(("headers", shown(", ".join(headers.values()))), ("column", c)),
            )
        )
        raise ReadError(errors)
    errors.extend(_consistency(file, headers, lines, values, channels, warnings))
    if errors:
        raise ReadError(errors + warnings)
    return Actuals(file, encoding, headers, lines, dates, merchants, channels, values, warnings)


def _consistency(
    file: str,
    headers: dict[str, str],
    lines: list[int],
    values: dict[str, list[float]],
    channels: list[str],
    warnings: list[Issue],
) -> list[Issue]:
    """Rows whose cells contradict each other: errors, or warnings where a real export can hold them."""
    errors: list[Issue] = []
    orders, gmv, uv = values["orders"], values["gmv"], values["uv"]
    buyers = values.get("buyers")
    refunds = values.get("refunds")
    minutes = values.get("watch_minutes")
    private, public = values.get("private_uv"), values.get("public_uv")

    def fault(code: str, i: int, column: str, got: float, **params: object) -> None:
        errors.append(
            Issue(code, file, lines[i], headers[column], _num(got), tuple(params.items()))
        )

    for i in range(len(lines)):
        o = orders[i]
        if buyers is not None and buyers[i] > o:
            fault("review.buyers_over_orders", i, "buyers", buyers[i], buyers=_num(buyers[i]), orders=_num(o))
        if o == 0:
            if gmv[i] > 0:
                fault("review.gmv_without_orders", i, "gmv", gmv[i], gmv=_num(gmv[i]))
        else:
            if gmv[i] == 0:
                warnings.append(
                    Issue(
                        "review.warn_orders_no_gmv",
                        file,
                        lines[i],
                        headers["gmv"],
                        params=(("row", lines[i]), ("orders", _num(o))),
                        warning=True,
                    )
                )
            no_time = channels[i] == "content" and (minutes is None or minutes[i] == 0)
            if uv[i] == 0 or no_time:
                fault("review.orders_without_uv", i, "orders", o, orders=_num(o))
        if private is not None and public is not None and private[i] + public[i] > uv[i] * (1 + 1e-9):
            split = private[i] + public[i]
            fault("review.split_over_uv", i, "uv", uv[i], split=_num(split), uv=_num(uv[i]))
        if refunds is not None and refunds[i] > gmv[i] > 0:
            warnings.append(
                Issue(
                    "review.warn_refunds_over_gmv",
                    file,
                    lines[i],
                    headers["refunds"],
                    params=(("row", lines[i]), ("refunds", _num(refunds[i])), ("gmv", _num(gmv[i]))),
                    warning=True,
                )
            )
    return errors


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
