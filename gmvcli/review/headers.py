"""The header row of an export: which column each header names. Headers are matched against zh/en
aliases (case, width and spaces ignored, a trailing (unit) dropped); `--columns MAP.yaml` names any
other header."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from gmvcli.errors import shown
from gmvcli.messages import listing
from gmvcli.review.cells import blank
from gmvcli.review.issues import Issue, ReadError
from gmvcli.review.records import read_bytes

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
_UNIT = re.compile(r"[（(]([^()（）]*)[)）]$")


class Header(NamedTuple):
    """Where the header row is and the columns it names."""

    at: int  # its index among the records
    line: int
    found: dict[str, int]  # column → its index in a row
    headers: dict[str, str]  # column → the header as written
    shown: str  # every header as written, for a hint


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
                        params=(("column", col), ("columns", listing(COLUMNS))),
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


def find_header(
    lines: list[int],
    records: list[list[Any]],
    mapping: Mapping[str, str],
    file: str,
    required: Sequence[str],
) -> Header:
    """The first row that names at least two columns (a title row above it is skipped), else the
    first non-empty row; ReadError when it lacks a required column."""
    at = None
    candidates = []
    for k, cells in enumerate(records):
        if all(blank(c) for c in cells):
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
    present = {normalise(c) for c in header if c is not None}
    absent = [(key, column) for key, column in mapping.items() if key not in present]
    if absent:  # a --columns entry that maps nothing is a typo or the wrong export: never ignored
        raise ReadError(
            [
                Issue(
                    "review.columns_absent",
                    file,
                    header_line,
                    params=(("header", shown(key)), ("column", column)),
                    hint="review.headers_found",
                    hint_params=(("headers", shown(shown_headers)),),
                )
                for key, column in absent
            ]
        )
    missing = [c for c in required if c not in found]
    if missing:
        raise ReadError([missing_column(file, header_line, c, shown_headers) for c in missing])
    return Header(at, header_line, found, headers, shown_headers)


def missing_column(file: str, line: int, column: str, headers: str) -> Issue:
    """A column the export needs and no header names, with its aliases and the headers found."""
    return Issue(
        "review.missing_column",
        file,
        line,
        params=(
            ("column", column),
            ("aliases", listing(dict.fromkeys((column, *ALIASES[column])))),
        ),
        hint="review.missing_column_hint",
        hint_params=(("headers", shown(headers)), ("column", column)),
    )


def in_seconds(headers: dict[str, str]) -> bool:
    """Whether the watch-time header says its unit is seconds: 人均观看时长(秒), avg watch time (s)."""
    unit = _unit_of(headers.get("watch_minutes", ""))
    return "秒" in unit or unit in ("s", "sec", "seconds")
