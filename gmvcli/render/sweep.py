"""Sweep rows as CSV and JSON lines, streamed (SPEC §8): long format, one line per row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from gmvcli.textsafe import csv_line, json_dumps
from gmvcli.whatif import SWEEP_METRICS


def sweep_columns(header_paths: Sequence[str], file: bool = False) -> list[str]:
    return [*(["file"] if file else []), "merchant", *header_paths, *SWEEP_METRICS]


def sweep_csv(
    rows: Iterable[dict[str, Any]], header_paths: Sequence[str], file: str | None = None
) -> Iterator[str]:
    """CSV lines, header first: long format, one line per row; with `file`, a leading file column
    (SPEC §7). Text cells that a spreadsheet would run as a formula get a leading '."""
    columns = sweep_columns(header_paths, file is not None)
    yield csv_line(columns)
    for row in rows:
        full = row if file is None else {"file": file, **row}
        yield csv_line([full.get(c) for c in columns])


def sweep_jsonl(rows: Iterable[dict[str, Any]], file: str | None = None) -> Iterator[str]:
    """One JSON object per line per row; with `file`, each row says which input it is (SPEC §8)."""
    for row in rows:
        full = row if file is None else {"file": file, **row}
        yield json_dumps(full) + "\n"
