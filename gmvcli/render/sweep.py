"""Sweep rows as CSV, JSON lines and JSON, streamed (SPEC §8): long format, one line (or object) per
row, written a chunk at a time. Each column of a chunk is formatted in bulk (a float as its repr,
exactly as `csv_line` and `json.dumps` write it), so no row is ever a dict."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import Any

from gmvcli.textsafe import csv_line, json_dumps
from gmvcli.whatif import SWEEP_METRICS, SweepChunk

_NOT_JSON = {"nan", "inf", "-inf"}


def sweep_columns(header_paths: Sequence[str], file: bool = False) -> list[str]:
    return [*(["file"] if file else []), "merchant", *header_paths, *SWEEP_METRICS]


def _csv_cells(column: Any, n: int) -> Iterable[str]:
    """One column of a chunk as CSV text: numbers as str() gives them (csv_line), None empty."""
    if isinstance(column, list):
        return map(str, column)
    return repeat(csv_line([column])[:-1], n)


def _json_cells(column: Any, n: int, ascii: bool) -> Iterable[str]:
    """One column of a chunk as JSON text: floats as json.dumps writes them, NaN or ±inf null."""
    if not isinstance(column, list):
        return repeat(json_dumps(column, ascii=ascii), n)
    cells = list(map(float.__repr__, column))
    if not _NOT_JSON.isdisjoint(cells):
        cells = ["null" if c in _NOT_JSON else c for c in cells]
    return cells


def sweep_csv(
    chunks: Iterable[SweepChunk], header_paths: Sequence[str], file: str | None = None
) -> Iterator[str]:
    """CSV lines, header first, a chunk of lines per yield: long format, one line per row; with
    `file`, a leading file column (SPEC §7). Text cells that a spreadsheet would run as a formula
    get a leading '."""
    yield csv_line(sweep_columns(header_paths, file is not None))
    for part in chunks:
        lead = csv_line([*([file] if file is not None else []), part.merchant])[:-1]
        cells = [repeat(lead, part.n), *(_csv_cells(c, part.n) for c in part.columns)]
        yield "\n".join(map(",".join, zip(*cells, strict=True))) + "\n"


def _objects(
    chunks: Iterable[SweepChunk],
    keys: Sequence[str],
    file: str | None,
    ascii: bool,
    indent: str | None,
) -> Iterator[list[str]]:
    """Per chunk, each row as the text of the object json.dumps writes for it: compact, or (with
    `indent`, the indentation of the object itself) indented by two more spaces per level."""
    gap = ", " if indent is None else ",\n" + indent + "  "
    names = [json_dumps(k, ascii=ascii) + ": " for k in keys]
    opening = "{" if indent is None else "{\n" + indent + "  "
    close = "}" if indent is None else "\n" + indent + "}"
    for part in chunks:
        n = part.n
        values = [*([file] if file is not None else []), part.merchant, *part.columns]
        cells: list[Iterable[str]] = []
        for i, (name, column) in enumerate(zip(names, values, strict=True)):
            cells.append(repeat((gap if i else opening) + name, n))
            cells.append(_json_cells(column, n, ascii))
        cells.append(repeat(close, n))
        yield list(map("".join, zip(*cells, strict=True)))


def sweep_jsonl(
    chunks: Iterable[SweepChunk],
    header_paths: Sequence[str],
    file: str | None = None,
    ascii: bool = False,
) -> Iterator[str]:
    """One JSON object per line per row; with `file`, each row says which input it is (SPEC §8)."""
    keys = sweep_columns(header_paths, file is not None)
    for rows in _objects(chunks, keys, file, ascii, None):
        yield "\n".join(rows) + "\n"


def sweep_json(
    chunks: Iterable[SweepChunk],
    header_paths: Sequence[str],
    file: str,
    ascii: bool = False,
    pretty: bool = False,
) -> Iterator[str]:
    """`--format json`, {"file", "rows": [...]}, streamed: the text json.dumps (indent 2 when
    `pretty`) writes for the whole document, a chunk of rows at a time."""
    keys = sweep_columns(header_paths)
    head = json_dumps(file, ascii=ascii)
    if pretty:
        yield '{\n  "file": ' + head + ',\n  "rows": ['
        between, after, end = ",\n    ", "\n    ", "\n  ]\n}\n"
    else:
        yield '{"file": ' + head + ', "rows": ['
        between, after, end = ", ", "", "]}\n"
    started = False
    for rows in _objects(chunks, keys, None, ascii, "    " if pretty else None):
        yield (between if started else after) + between.join(rows)
        started = True
    yield end if started else ("]\n}\n" if pretty else "]}\n")
