"""Text from a file, made safe for wherever it is shown (SPEC §7): one sanitiser, one function per
kind of output. A scenario's names, policy names, ids and values can hold anything; none of it may
drive a terminal (ESC, OSC, CSI, BEL, CR, backspace), reorder what is shown (U+202E and the other
bidirectional controls), start a spreadsheet formula, break a markdown table or inject XML.

- `terminal(text)`: control and bidirectional characters shown as visible escapes (`\\x1b`, `\\u202e`);
- `markdown(text)`: the same, with markdown's own characters (`| ` `` ` `` `< [ ]` …) escaped;
- `code_span(text)`: text for inside a markdown code span (a backtick cannot be escaped there);
- `csv_cell(value)` / `CsvWriter`: formula prefixes, CR/LF quoted, other controls replaced;
- `json_dumps(obj)`: JSON whose strings escape C1 and bidirectional controls too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

#: characters that reorder or hide text: bidi embeddings/overrides/isolates, marks, line separators
_INVISIBLE = (
    "\u061c\u200b\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
)
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_UNSAFE_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")
#: in a CSV cell, CR and LF are kept (the cell is quoted) and a tab is harmless
_UNSAFE_CSV = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Control and bidirectional characters replaced by visible escapes (`\\x1b`, `\\u202e`)."""
    if text.isprintable() and not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_visible, text)


_MARKDOWN = re.compile(r"([\\|*_`<>\[\]#!~&])")


def markdown(text: str) -> str:
    """Text safe inside a markdown table cell, heading or list item: no control characters, and
    `| ` `` ` `` `< > [ ] * _ # ! ~ &` escaped so it cannot make a column, link, image or HTML."""
    return _MARKDOWN.sub(r"\\\1", terminal(text))


def code_span(text: str) -> str:
    """Text safe inside a markdown code span (`...`): a backtick there cannot be escaped."""
    return terminal(text).replace("`", "\u02cb")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell: None → empty; text that a spreadsheet would run as a formula gets a leading ';
    control characters other than CR, LF and tab replaced (CR/LF cells are quoted by CsvWriter);
    numbers are never altered."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value == "-":  # standard input as a file name: a lone minus is no formula
            return value
        if _UNSAFE_CSV.search(value):
            value = _UNSAFE_CSV.sub(_visible, value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def csv_line(values: Any) -> str:
    """One CSV record ending in LF: like `csv.writer(lineterminator="\\n")`, but a cell holding a
    bare CR is quoted too, so no cell can start a new row in any reader (SPEC §7)."""
    out = []
    for v in values:
        v = csv_cell(v)
        text = v if isinstance(v, str) else str(v)
        if isinstance(v, str) and _NEEDS_QUOTES.search(text):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return ",".join(out) + "\n"


class CsvWriter:
    """The `csv.writer` interface used by the renderers, writing safe records (see csv_line)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def writerow(self, row: Any) -> None:
        self._stream.write(csv_line(row))

    def writerows(self, rows: Any) -> None:
        for row in rows:
            self.writerow(row)


def unicode_stream(stream: Any) -> bool:
    """Whether a text stream can encode every character (a UTF encoding)."""
    import codecs

    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "utf-8-sig")
    except LookupError:
        return False


def _escape_json(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(text: str) -> str:
    """Dumped JSON with C1 and bidirectional controls escaped (json.dumps keeps them raw)."""
    if text.isprintable():  # each of them is unprintable (Cc, Cf, Zl, Zp): nothing to escape
        return text
    return _UNSAFE_JSON.sub(_escape_json, text)


def _finite(obj: Any) -> Any:
    """`obj` with every infinite or NaN float as None (JSON has neither; roi over a cost that
    rounds to 0 is one)."""
    if isinstance(obj, float):
        return obj if obj == obj and obj not in (float("inf"), float("-inf")) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    return obj


def json_dumps(obj: Any, *, ascii: bool = False, indent: int | None = None) -> str:
    """`json.dumps` for output: no NaN or infinity (null instead), and no character that could
    drive a terminal."""
    try:
        text = json.dumps(obj, ensure_ascii=ascii, indent=indent, allow_nan=False)
    except ValueError:  # an infinite or NaN number somewhere: null, as for a ratio over 0
        text = json.dumps(_finite(obj), ensure_ascii=ascii, indent=indent, allow_nan=False)
    return json_safe(text)


class JsonText(str):
    """Text that is already JSON, as `json_dumps` (with the same `indent`) writes it at the top
    level: `json_chunks` writes it as it is, indented to where it stands."""

    __slots__ = ()


def _nest(text: str, at: int) -> str:
    """Indented JSON as it reads nested `at` spaces deep."""
    return text.replace("\n", "\n" + " " * at) if at else text


def json_chunks(
    obj: Any, levels: int, *, ascii: bool = False, indent: int | None = None, at: int = 0
) -> Iterator[str]:
    """`json_dumps(obj, ascii=ascii, indent=indent)` in pieces, the same text once joined (nested
    `at` spaces deep): the containers of the top `levels` levels are written here piece by piece,
    so no piece holds a whole big output; an iterator there is written as a list (its items need
    not all exist at once) and a `JsonText` as the JSON it already is. The one streaming JSON
    writer (compare's merchants, forecast's spooled documents)."""
    if isinstance(obj, JsonText):
        yield _nest(obj, at)
    elif levels > 0 and isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
        yield from _container(
            "{}",
            ((json_dumps(k, ascii=ascii) + ": ", v) for k, v in obj.items()),
            levels,
            ascii,
            indent,
            at,
        )
    elif levels > 0 and isinstance(obj, list | tuple | Iterator):
        yield from _container("[]", (("", v) for v in obj), levels, ascii, indent, at)
    else:
        yield _nest(json_dumps(obj, ascii=ascii, indent=indent), at)


def _container(
    brackets: str,
    items: Iterator[tuple[str, Any]],
    levels: int,
    ascii: bool,
    indent: int | None,
    at: int,
) -> Iterator[str]:
    """A dict's or list's pieces, written as json.dumps lays them out: `items` are (the key's
    text, the value); empty, it is just its brackets."""
    inner = at + indent if indent is not None else at
    line, sep = ("\n" + " " * inner, ",") if indent is not None else ("", ", ")
    first = True
    for key, value in items:
        yield (brackets[0] if first else sep) + line + key
        first = False
        yield from json_chunks(value, levels - 1, ascii=ascii, indent=indent, at=inner)
    if first:
        yield brackets
    else:
        yield ("\n" + " " * at if indent is not None else "") + brackets[1]
