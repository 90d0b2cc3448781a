"""PyYAML's (libyaml's) words for a syntax problem, and a natural Chinese sentence for each: the
problem and the construct it was in read as one specific sentence (`第1行开始的引号没有闭合…`), never
a generic phrase or English (the sentences are data: messages/yaml_zh.json)."""

from __future__ import annotations

import re
from typing import Any

from gmvcli.messages import Msg, Worded, msg

#: characters YAML reserves at the start of a plain value
_RESERVED = "@`"
#: the character or name PyYAML's pure-Python scanner quotes in a problem (libyaml does not)
_QUOTED = re.compile(r" '(?:[^'\\]|\\.)*'(?=[ ;]|$)")


def _table() -> dict[str, str]:
    import json
    from importlib.resources import files

    table: dict[str, str] = json.loads(
        files("gmvcli.messages").joinpath("yaml_zh.json").read_text("utf-8")
    )
    return table


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def zh_detail(text: str) -> str:
    """A YAMLError without a position: its known sentence, else a plain one."""
    return _table().get(text, "这里不符合 YAML 语法")


def yaml_problem(exc: Any, text: str) -> Msg:
    """`invalid YAML: <PyYAML's problem> (<construct> that starts on line N)` in en; one specific
    Chinese sentence in zh."""
    problem = exc.problem or exc.context or ""
    context = exc.context if exc.problem else None
    en = problem
    line = None
    if context and exc.context_mark and exc.problem:
        line = exc.context_mark.line + 1
        en = f"{en} ({context} that starts on line {line})"
    table = _table()
    char = _char_at(text, exc.problem_mark)
    bare = _QUOTED.sub(
        "", problem
    )  # PyYAML without libyaml names the character: `found character '\t' …`
    keys = list(dict.fromkeys([f"{problem}|{context}", problem, f"{bare}|{context}", bare]))
    if bare == "found character that cannot start any token":
        special = "tab" if char == "\t" else "reserved" if char and char in _RESERVED else None
        if special is not None:
            keys.insert(0, f"{bare}|{special}")
    zh = next((table[k] for k in keys if k in table), None)
    if zh is None:  # a problem without its own sentence: say where, in Chinese
        where = table.get(context or "", "")
        zh = (
            f"这里不符合 YAML 语法（在第{line}行开始的{where}中）"
            if where and line
            else ("这里不符合 YAML 语法")
        )
    zh = zh.replace("{line}", str(line or "")).replace("{char}", f"“{char}”" if char else "")
    return msg("yaml.invalid", detail=Worded(en, zh))
