"""The fitted values written back into the scenario text, without touching anything else.

ruamel.yaml composes the file (its round-trip parser) to find where each fitted value is written;
only those value spans are replaced (or a line added), so every comment, key order, quote and blank
line of the rest of the file stays byte for byte. A comment above the first fitted line says where
the values come from.
"""

from __future__ import annotations

from typing import Any

from gmvcli.review.fit import Fit
from gmvcli.review.messages import text


class EditError(Exception):
    """The scenario text cannot be edited in place (its structure is not what we can splice)."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh or en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _shared(node: Any, what: str) -> None:
    """Refuse to edit a node the file writes once and uses in several places (&anchor / *alias):
    the change would reach every place that uses it, other merchants included."""
    if getattr(node, "anchor", None):
        raise EditError(
            f"{what} is a YAML anchor (&{node.anchor}) used elsewhere too; edit it by hand",
            f"{what} 是 YAML 锚点（&{node.anchor}），别处也在用；请手工修改",
        )


def note_text(result: Fit, lang: str) -> str:
    import os

    return text(
        "fit.note",
        lang,
        file=os.path.basename(result.actuals),
        rows=result.rows,
        first=result.first.isoformat(),
        last=result.last.isoformat(),
    )


def _key_value(node: Any, key: str) -> tuple[Any, Any] | None:
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return k, v
    return None


def _last_end(node: Any) -> int:
    """The index just after the last character of a node's own text (scalars inside it)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and not node.flow_style:
        return max(_last_end(x) for pair in node.value for x in pair)
    if isinstance(node, SequenceNode) and not node.flow_style:
        return max(_last_end(x) for x in node.value)
    return int(node.end_mark.index)


def _line_start(source: str, index: int) -> int:
    return source.rfind("\n", 0, index) + 1


def _line_end(source: str, index: int) -> int:
    """Where the line holding `index` ends: at its line break (CR LF or LF), or the text's end."""
    end = source.find("\n", index)
    if end < 0:
        return len(source)
    return end - 1 if end > 0 and source[end - 1] == "\r" else end


def edit_text(source: str, result: Fit, lang: str = "en") -> str:
    """The scenario text with each fitted field's value replaced (or added) and a note above the
    first; every other byte as it was. Raises EditError when the text cannot be edited so."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not result.fields:
        return source
    try:
        root = YAML(typ="rt").compose(source)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    merchants = _key_value(root, "merchants") if isinstance(root, MappingNode) else None
    if merchants is None or not isinstance(merchants[1], SequenceNode):
        raise EditError("no merchants list")
    try:
        merchant = merchants[1].value[result.position]
    except IndexError:
        raise EditError("merchant not found") from None
    if not isinstance(merchant, MappingNode) or merchant.flow_style:
        raise EditError("the merchant is written in flow style {…}")
    _shared(merchant, "merchants[" + str(result.position) + "]")
    nl = "\r\n" if "\r\n" in source else "\n"  # added lines end as the file's lines do
    edits: list[tuple[int, int, str]] = []
    touched: list[int] = []  # where each fitted value starts
    for f in result.fields:
        section_name, key = f.path.split(".")
        found = _key_value(merchant, section_name)
        if found is None:
            indent = merchant.value[0][0].start_mark.column
            at = _line_end(source, _last_end(merchant))
            pad = " " * indent
            edits.append((at, at, f"{nl}{pad}{section_name}:{nl}{pad}  {key}: {f.written}"))
            touched.append(at + 1)
            continue
        section = found[1]
        if not isinstance(section, MappingNode):
            raise EditError(f"{section_name} is not a mapping")
        _shared(section, section_name)
        pair = _key_value(section, key)
        if pair is not None:
            k, v = pair
            _shared(v, f.path)
            if isinstance(v, ScalarNode) or v.flow_style:
                start, end = v.start_mark.index, v.end_mark.index
                edits.append(_keep_comment_column(source, start, end, f.written))
                touched.append(start)
            else:  # a block mapping (a distribution): from after the key to its last value;
                # the comments written inside it move to the end of the new line
                start, end = k.end_mark.index, _last_end(v)
                notes = [
                    line.split("#", 1)[1].strip()
                    for line in source[start:end].splitlines()
                    if "#" in line
                ]
                tail = "".join(f"  # {n}" for n in notes if n)
                edits.append((start, end, f": {f.written}{tail}"))
                touched.append(k.start_mark.index)
            continue
        if section.flow_style:
            close = section.end_mark.index - 1
            sep = ", " if section.value else ""
            edits.append((close, close, f"{sep}{key}: {f.written}"))
            touched.append(close)
            continue
        indent = section.value[0][0].start_mark.column
        at = _line_end(source, _last_end(section))
        edits.append((at, at, nl + " " * indent + f"{key}: {f.written}"))
        touched.append(at + 1)
    # the note: a comment line above the first fitted line (replacing an earlier note there)
    first = min(touched)
    line_start = _line_start(source, first)
    line = source[line_start : _line_end(source, line_start)]
    indent_text = line[: len(line) - len(line.lstrip(" "))]
    note = f"{indent_text}# {note_text(result, lang)}{nl}"
    previous_start = _line_start(source, max(line_start - 1, 0))
    previous = source[previous_start:line_start].strip()
    if line_start > 0 and previous.startswith("# ") and _is_note(previous[2:]):
        edits.append((previous_start, line_start, note))
    else:
        edits.append((line_start, line_start, note))
    out = source
    # from the end backwards, so earlier indices stay valid; two insertions at one place keep
    # the order they were made in
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
    for i in order:
        start, end, new = edits[i]
        out = out[:start] + new + out[end:]
    _check(out, result)
    return out


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _keep_comment_column(source: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Replace source[start:end] by `new`, and the spaces after it so that a comment on the same
    line stays in its column (at least one space before it)."""
    gap_end = end
    while gap_end < len(source) and source[gap_end] == " ":
        gap_end += 1
    if gap_end == end or source[gap_end : gap_end + 1] != "#":
        return start, end, new
    spaces = _width(source[start:gap_end]) - _width(new)
    return start, gap_end, new + " " * max(spaces, 1)


def _is_note(comment: str) -> bool:
    """An earlier note of ours (in either language), which a new fit replaces."""
    return comment.startswith("fitted from ") or (
        comment.startswith("由 ") and " 拟合，" in comment
    )


def _check(edited: str, result: Fit) -> None:
    """The edited text must still be a valid scenario."""
    from gmvcli.errors import ScenarioError
    from gmvcli.loader import load_text
    from gmvcli.model import parse_scenario

    try:
        parse_scenario(load_text(edited, result.file))
    except ScenarioError as exc:
        raise EditError(str(exc.problems[0])) from None


def unified_diff(before: str, after: str, path: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile="a/" + path.lstrip("/"),
            tofile="b/" + path.lstrip("/"),
        )
    )
