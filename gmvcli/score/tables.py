"""Reading a table of merchants in record batches (CSV, JSONL, Parquet), numbering its rows as
SPEC §11 does (the line in a CSV/JSONL file, a CSV header being line 1; the 1-based row of a
Parquet file), and spotting repeated ids without keeping the ids themselves."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

#: rows per batch: large enough that numpy's per-call cost vanishes, small enough for the cache
BATCH_ROWS = 1 << 16
#: a run of seen ids is merged into the one before it when that one is at most MERGE times larger
MERGE = 2
FORMATS = ("csv", "jsonl", "parquet")


class TableError(Exception):
    """A table that cannot be read at all (not a bad row: those are results). Its reason is
    worded in both languages where gmvcli words it; a library's own words are given as they are."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh

    def text(self, lang: str) -> str:
        if lang == "zh":
            # a library's English never goes into a Chinese sentence: what it means instead
            return (
                self.zh
                if self.zh is not None
                else "文件已损坏，或内容与扩展名（.csv、.jsonl、.parquet）不符"
            )
        return self.en


def table_format(path: str) -> str | None:
    name = path.lower()
    for ext, fmt in (
        (".csv", "csv"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".parquet", "parquet"),
        (".pq", "parquet"),
    ):
        if name.endswith(ext):
            return fmt
    return None


class Table(NamedTuple):
    path: str
    format: str
    columns: list[str]

    def batches(
        self, rows: int = BATCH_ROWS, only: list[str] | None = None
    ) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
        """(batch, row number R of each row), in file order; `only`: just these columns."""
        if self.format == "parquet":
            return _parquet_batches(self.path, rows, only)
        if self.format == "csv":
            return _csv_batches(self.path, self.columns, only)
        return _jsonl_batches(self.path, rows)


_NOT_PARQUET = "不是有效的 Parquet 文件：文件已损坏，或其实是别的格式"


def open_table(path: str, fmt: str) -> Table:
    """The table's columns (CSV: its header; Parquet: its schema; JSONL: keys of its first row)."""
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return Table(path, fmt, list(pq.ParquetFile(path).schema_arrow.names))
        if fmt == "csv":
            import csv

            with open(path, encoding="utf-8-sig", newline="") as f:
                header = next(csv.reader(f), None)
            if not header:
                raise TableError(
                    "the file is empty (a CSV table starts with a header line)",
                    "文件是空的（CSV 表格的第一行应是表头）",
                )
            return Table(path, fmt, [h.strip() for h in header])
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                if line.strip():
                    first = json.loads(line)
                    return Table(path, fmt, list(first) if isinstance(first, dict) else ["id"])
        return Table(path, fmt, ["id"])
    except TableError:
        raise
    except FileNotFoundError:
        raise TableError("no such file", "文件不存在") from None
    except UnicodeDecodeError:
        raise TableError(
            "the file is not valid UTF-8 (save the table as UTF-8 CSV)",
            "文件不是有效的 UTF-8 编码（请将表格另存为 UTF-8 CSV）",
        ) from None
    except OSError as exc:
        from gmvcli.messages import os_reason

        raise TableError(
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            None if fmt == "parquet" and exc.errno is None else os_reason(exc).text("zh"),
        ) from None
    except ValueError as exc:  # json's, or pyarrow's ArrowInvalid (a ValueError)
        zh = {"jsonl": "第一行不是有效的 JSON 对象", "parquet": _NOT_PARQUET}.get(fmt)
        raise TableError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, zh) from None
    except Exception as exc:  # pyarrow's own errors (not a Parquet file, ...)
        zh = _NOT_PARQUET if fmt == "parquet" else None
        raise TableError(str(exc).splitlines()[0], zh) from None


def _parquet_batches(
    path: str, rows: int, only: list[str] | None = None
) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
    import numpy as np
    import pyarrow.parquet as pq

    start = 1
    # without pre-buffering, pyarrow keeps whole column chunks of every row group read so far:
    # 1.4 GiB of RSS for 10⁷ rows instead of ~0.25
    source = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    for batch in source.iter_batches(batch_size=rows, columns=only):
        n = batch.num_rows
        yield batch, np.arange(start, start + n, dtype=np.int64)
        start += n


def _csv_batches(
    path: str, columns: list[str], only: list[str] | None = None
) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
    """Every column as text (cells are parsed by the batch function); R = record index + 2."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pcsv

    reader = pcsv.open_csv(
        path,
        read_options=pcsv.ReadOptions(
            block_size=4 << 20, column_names=columns, skip_rows=1, encoding="utf8"
        ),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types={c: pa.string() for c in columns},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
            include_columns=only or columns,
        ),
    )
    lines = record_lines(path)
    start = 2
    done = 0
    try:
        for batch in reader:
            n = batch.num_rows
            if lines is None:
                yield batch, np.arange(start, start + n, dtype=np.int64)
            else:
                yield batch, lines[done : done + n]
            start += n
            done += n
    except pa.ArrowInvalid as exc:
        raise TableError(str(exc).splitlines()[0]) from None


#: a quoted cell that goes on past the end of its line
_QUOTED_NEWLINE = rb'(?:^|,)[ \t]*"(?:[^"\r\n]|"")*[\r\n]'


def record_lines(path: str, jsonl: bool = False) -> np.ndarray | None:
    """The line each record starts on, when that is not simply its index + 2 (CSV) or + 1
    (JSONL): the file has blank lines (which readers skip) or CSV cells spanning lines. None for
    a regular file."""
    import csv
    import mmap
    import re

    import numpy as np

    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return None
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            end = len(data)
            while end and data[end - 1 : end] in (b"\n", b"\r", b" ", b"\t"):
                end -= 1
            blank = data.find(b"\n\n", 0, end) >= 0 or data.find(b"\n\r\n", 0, end) >= 0
            spanning = (
                not jsonl
                and data.find(b'"') >= 0
                and re.search(_QUOTED_NEWLINE, data, re.M) is not None
            )
    if not (blank or spanning):
        return None
    starts: list[int] = []
    if jsonl:
        with open(path, "rb") as f:
            return np.array([i for i, line in enumerate(f, 1) if line.strip()], dtype=np.int64)
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        line = reader.line_num
        for record in reader:
            if record:  # a blank line: skipped by the reader too
                starts.append(line + 1)
            line = reader.line_num
    return np.array(starts, dtype=np.int64)


def _jsonl_column(values: list[Any]) -> pa.Array:
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds <= {int, float}:
        try:
            return pa.array(values, pa.float64())
        except (pa.ArrowInvalid, OverflowError):
            pass
    if kinds <= {str}:
        return pa.array(values, pa.string())
    # mixed: numbers and other values as their JSON text, which the number parser reads
    return pa.array(
        [
            v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for v in values
        ],
        pa.string(),
    )


def _jsonl_batches(path: str, rows: int) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
    """One object per line; R is the line number. A line that is not an object becomes a row
    with only its `__line__` problem (reported by the caller through the `__bad__` column)."""
    import numpy as np
    import pyarrow as pa

    def flush(objs: list[dict[str, Any]], lines: list[int]) -> tuple[pa.RecordBatch, np.ndarray]:
        keys: dict[str, None] = {"id": None}
        for o in objs:
            keys.update(dict.fromkeys(o))
        arrays = [_jsonl_column([o.get(k) for o in objs]) for k in keys]
        return pa.RecordBatch.from_arrays(arrays, list(keys)), np.array(lines, dtype=np.int64)

    objs: list[dict[str, Any]] = []
    lines: list[int] = []
    with open(path, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                obj = {"__bad__": "score.bad_json_line"}
            if not isinstance(obj, dict):
                obj = {"__bad__": "score.not_an_object"}
            for section in ("shelf", "content", "forecast"):
                # a nested section, as in a scenario file, is read as its dotted columns
                nested = obj.get(section)
                if isinstance(nested, dict):
                    del obj[section]
                    obj.update({f"{section}.{k}": v for k, v in nested.items()})
            objs.append(obj)
            lines.append(number)
            if len(objs) >= rows:
                yield flush(objs, lines)
                objs, lines = [], []
    if objs:
        yield flush(objs, lines)


# --- repeated ids ------------------------------------------------------------------------------


def id_hashes(ids: pa.Array) -> np.ndarray:
    """A 64-bit hash of each id (valid ids are ASCII, at most 64 bytes)."""
    import numpy as np

    raw = np.array(ids.to_pylist(), dtype="S64")
    words = raw.view(np.uint64).reshape(len(raw), 8)
    h = np.full(len(raw), 0x9E3779B97F4A7C15, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(8):
            h ^= words[:, j]
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(31)
    return h


class SeenIds:
    """The ids met so far, as 64-bit hashes with the row of their first appearance, in sorted
    runs merged like an LSM tree (12 bytes a row), behind a fixed 32 MiB bitmap. (Two different ids
    with the same 64-bit hash would be taken as repeated: about one chance in 10⁵ at 10⁷ rows.)"""

    #: a bitmap of hashes seen (2²⁸ bits, 32 MiB): an id whose bit is clear is new for sure, so
    #: only a few percent of the ids are looked up in the sorted runs
    BITS = 28

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []
        self.bitmap: np.ndarray | None = None

    def check(self, ids: pa.Array, valid: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The first row of each repeated id (0 for a first appearance or an invalid id)."""
        import numpy as np

        first = np.zeros(len(rows), dtype=np.int64)
        idx = np.flatnonzero(valid)
        if not len(idx):
            return first
        if self.bitmap is None:
            self.bitmap = np.zeros(1 << (self.BITS - 3), dtype=np.uint8)
        hashes = id_hashes(ids.take(idx))
        # sorted once: binary searches of sorted needles stay in cache
        order = np.argsort(hashes, kind="stable")
        sorted_h = hashes[order]
        bit = (sorted_h >> np.uint64(64 - self.BITS)).astype(np.int64)
        maybe = (self.bitmap[bit >> 3] >> (bit & 7).astype(np.uint8)) & 1 == 1
        if maybe.any() and self.runs:
            needles = sorted_h[maybe]
            found = np.zeros(len(needles), dtype=np.int64)
            for keys, where in self.runs:
                pos = np.searchsorted(keys, needles)
                pos[pos == len(keys)] = 0
                hit = keys[pos] == needles
                found[hit] = where[pos[hit]]
            first[idx[order[maybe]]] = found
        # repeats inside the batch: every occurrence after the first of its hash
        starts = np.r_[True, sorted_h[1:] != sorted_h[:-1]]
        group_first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        later = ~starts
        inner = idx[order[later]]
        first[inner] = np.where(
            first[inner] > 0, first[inner], rows[idx[order[group_first[later]]]]
        )
        new = order[starts]
        new = new[first[idx[new]] == 0]
        new_bits = (hashes[new] >> np.uint64(64 - self.BITS)).astype(np.int64)
        np.bitwise_or.at(self.bitmap, new_bits >> 3, (1 << (new_bits & 7)).astype(np.uint8))
        self._add(hashes[new], rows[idx[new]])
        return first

    def _add(self, keys: np.ndarray, where: np.ndarray) -> None:
        import numpy as np

        order = np.argsort(keys, kind="stable")
        small = where.max(initial=0) < 2**32  # 4-byte row numbers while they fit
        run = (keys[order], where[order].astype(np.uint32 if small else np.int64))
        while self.runs and len(self.runs[-1][0]) <= MERGE * len(run[0]):
            run = _merge(self.runs.pop(), run)
        self.runs.append(run)


def _merge(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs as one, without sorting again (no n-sized index array)."""
    import numpy as np

    n = len(a[0]) + len(b[0])
    at = np.searchsorted(a[0], b[0], side="right") + np.arange(len(b[0]))
    from_a = np.ones(n, bool)
    from_a[at] = False
    keys = np.empty(n, a[0].dtype)
    keys[from_a], keys[at] = a[0], b[0]
    where = np.empty(n, np.result_type(a[1], b[1]))
    where[from_a], where[at] = a[1], b[1]
    return keys, where
