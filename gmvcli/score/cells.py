"""Reading the cells of a batch (SPEC §11): ids, field values and the text columns, each checked
as the scenario validator checks it; a bad cell is reported and left out.

Cells are parsed by `numbers.parse_number` (plain decimal text and numeric columns take a vectorised
path that gives the same floats); ranges and messages are `model.KINDS`'.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, NamedTuple

from gmvcli.messages import did_you_mean, msg
from gmvcli.model import BOUNDS, KINDS, ROLES, Field, Invalid, parse_distribution
from gmvcli.score.plan import field_columns

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from gmvcli.score.problems import BatchProblems

PLAIN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"
ID_PATTERN = r"^[a-z0-9_-]{1,64}$"
_NUMERIC_KINDS = (*BOUNDS, "periods")


class Cells(NamedTuple):
    """A batch's cells as read: the ids as text, and each numeric field column's values (NaN where
    empty or bad) and where the row gives it."""

    ids: pa.Array
    values: dict[str, np.ndarray]
    present: dict[str, np.ndarray]


def to_numpy(arr: pa.Array) -> np.ndarray:
    return arr.to_numpy(zero_copy_only=False)  # type: ignore[no-any-return]


def _flat(arr: pa.Array) -> pa.Array:
    """One chunk, dictionary-decoded."""
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return arr


def text_array(arr: pa.Array) -> pa.Array:
    """A column as text (numbers as they print: an id column of integers reads 123 as "123")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _flat(arr)
    if pa.types.is_string(arr.type):
        return arr
    if pa.types.is_large_string(arr.type):
        return pc.cast(arr, pa.string())
    try:
        return pc.cast(arr, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in arr.to_pylist()], pa.string())


def valid_ids(batch: pa.RecordBatch) -> tuple[pa.Array, np.ndarray]:
    """The id column as text, and where an id has the form of SPEC §11 (`[a-z0-9_-]`, ≤ 64)."""
    import pyarrow.compute as pc

    ids = text_array(batch.column(batch.schema.names.index("id")))
    return ids, to_numpy(pc.fill_null(pc.match_substring_regex(ids, ID_PATTERN), False))


def _scalar(raw: object, kind: str) -> float:
    """One cell as the scenario validator reads a value of `kind` (distributions: central value)."""
    convert = KINDS[kind][0]
    if isinstance(raw, str) and kind in BOUNDS:
        distribution = parse_distribution(raw, kind)
        if distribution is not None:
            return float(convert(distribution.central()))
    return float(convert(raw))


def _in_range(values: np.ndarray, kind: str) -> np.ndarray:
    """Where a parsed number is valid for `kind` (the vectorised form of `model.KINDS`)."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        ok = np.isfinite(values) & (np.abs(values) <= 1e15)
        if kind == "rate":
            ok &= (values >= 0) & (values <= 1)
        elif kind in ("count", "money"):
            ok &= values >= 0
        elif kind == "positive":
            ok &= values > 0
        elif kind == "growth":
            ok &= (values >= -1) & (values <= 1)
        elif kind == "periods":
            ok &= (values == np.floor(values)) & (values >= 1) & (values <= 600)
    return ok  # type: ignore[no-any-return]


def _numeric(
    arr: pa.Array, kind: str, path: str, problems: BatchProblems
) -> tuple[np.ndarray, np.ndarray]:
    """(values, present) of a numeric column; a bad cell is reported and left out."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _flat(arr)
    n = len(arr)
    values = np.full(n, np.nan)
    t = arr.type
    if pa.types.is_null(t):
        return values, np.zeros(n, bool)
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        present = to_numpy(arr.is_valid())
        values = np.array(to_numpy(pc.cast(arr, pa.float64(), safe=False)), dtype=float)
        slow = np.zeros(n, bool)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        trimmed = pc.utf8_trim_whitespace(arr)
        present = to_numpy(pc.fill_null(pc.not_equal(trimmed, ""), False))
        fast = to_numpy(pc.fill_null(pc.match_substring_regex(trimmed, PLAIN), False))
        if fast.any():
            chosen = pc.filter(trimmed, pa.array(fast))
            values[fast] = to_numpy(pc.cast(chosen, pa.float64()))
        slow = present & ~fast
    else:  # booleans, lists, structs: each cell goes to the validator, which says what is wrong
        present = to_numpy(arr.is_valid())
        slow = present.copy()
    values = np.where(present, values, np.nan) + 0.0
    parsed = present & ~slow  # read by the vectorised path: the validator sees the number
    slow |= parsed & ~_in_range(values, kind)
    for i in np.flatnonzero(slow):
        raw = arr[int(i)].as_py()
        cell = float(values[i]) if parsed[i] else raw.strip() if isinstance(raw, str) else raw
        try:
            values[i] = _scalar(cell, kind) + 0.0
        except Invalid as exc:
            values[i] = np.nan
            problems.fail(int(i), path, raw, exc.message, exc.hint)
    return values, present


def _check_ids(
    ids: pa.Array, valid: np.ndarray, first_seen: np.ndarray, problems: BatchProblems
) -> None:
    """An id is required, of the form `[a-z0-9_-]+`, and not seen in an earlier row."""
    import numpy as np

    for i in np.flatnonzero(~valid):
        raw = ids[int(i)].as_py()
        if raw is None or not raw.strip():
            problems.fail(int(i), "id", None, msg("score.missing_id"))
            continue
        try:
            KINDS["id"][0](raw)
        except Invalid as exc:
            problems.fail(int(i), "id", raw, exc.message, exc.hint)
    for i in np.flatnonzero(first_seen > 0):
        repeated = msg("score.repeated_id", first=int(first_seen[i]))
        problems.fail(int(i), "id", ids[int(i)].as_py(), repeated)


def _check_unknown_columns(
    batch: pa.RecordBatch, known: dict[str, Field], problems: BatchProblems
) -> None:
    """Every non-empty cell of a column that is no field is bad (with the nearest field's name)."""
    import numpy as np

    names = batch.schema.names
    for path in names:
        if path == "id" or path in known:
            continue
        column = batch.column(names.index(path))
        for i in np.flatnonzero(to_numpy(column.is_valid())):
            if path == "__bad__":  # a JSONL line that is not an object of columns
                problems.fail(int(i), "-", None, msg(column[int(i)].as_py()))
                continue
            match = difflib.get_close_matches(path, ["id", *known], n=1, cutoff=0.6)
            hint = did_you_mean(match, []) if match else None
            unknown = msg("score.unknown_column", column=path)
            problems.fail(int(i), path, column[int(i)].as_py(), unknown, hint)


def _check_texts(batch: pa.RecordBatch, problems: BatchProblems) -> None:
    """The role (one of `model.ROLES`) and the name of each row that gives them."""
    import numpy as np

    names = batch.schema.names
    for path, kind in (("role", "role"), ("name", "text")):
        if path in names:
            column = text_array(batch.column(path))
            for i in np.flatnonzero(to_numpy(column.is_valid())):
                raw = column[int(i)].as_py()
                if kind == "role" and raw in ROLES:
                    continue
                try:
                    KINDS[kind][0](raw)
                except Invalid as exc:
                    problems.fail(int(i), path, raw, exc.message, exc.hint)


def read_cells(batch: pa.RecordBatch, first_seen: np.ndarray, problems: BatchProblems) -> Cells:
    """Every cell of the batch, read and checked; `first_seen[i]` > 0 marks a repeated id."""
    ids, valid = valid_ids(batch)
    _check_ids(ids, valid, first_seen, problems)
    known = field_columns()
    _check_unknown_columns(batch, known, problems)
    values: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    for path in batch.schema.names:
        field = known.get(path)
        if field is None or field.kind not in _NUMERIC_KINDS:
            continue
        values[path], present[path] = _numeric(batch.column(path), field.kind, path, problems)
    _check_texts(batch, problems)
    return Cells(ids, values, present)
