"""An export's bytes → its records: the file (at most 64 MiB, `-` for standard input), its text
(UTF-8, UTF-8 with a BOM, UTF-16 or GB18030, tried strictly in that order) and its rows, from CSV
or from the first (or named) sheet of an XLSX workbook."""

from __future__ import annotations

import csv
import io
from typing import Any

from gmvcli.errors import shown
from gmvcli.messages import listing
from gmvcli.review.issues import Issue, ReadError

MAX_BYTES = 64 * 1024 * 1024


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
    except IsADirectoryError:
        raise ReadError([Issue("review.is_dir", path)]) from None
    except OSError as exc:  # a directory, no permission…: the system's reason, in the catalogue
        from gmvcli.messages import os_reason

        raise ReadError(
            [Issue("review.unreadable", path, params=(("error", os_reason(exc)),))]
        ) from None
    if len(raw) > MAX_BYTES:
        raise ReadError([Issue("review.too_large", path)])
    return raw


def csv_rows(content: str) -> tuple[list[int], list[list[str]]]:
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


def xlsx_rows(raw: bytes, file: str, sheet: str | None) -> tuple[list[int], list[list[Any]]]:
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
        from gmvcli.messages import Worded

        # openpyxl's own words in en; in zh what they mean, never the library's English
        why = Worded(
            shown(str(exc)),
            "它不是 zip 格式（.xlsx 工作簿都是 zip 格式），可能是把 CSV 或旧版 .xls 文件改成了 .xlsx 扩展名"
            if isinstance(exc, zipfile.BadZipFile)
            else "文件已损坏，或不是 Excel/WPS 保存的工作簿",
        )
        raise ReadError([Issue("review.xlsx_bad", file, params=(("error", why),))]) from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise ReadError(
                    [
                        Issue(
                            "review.no_sheet",
                            file,
                            params=(("sheet", sheet), ("sheets", listing(book.sheetnames))),
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
