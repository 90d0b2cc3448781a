"""The message catalogue: every code has both languages with the same parameters, and the
modules it is made of never define a code twice."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from gmvcli import messages
from gmvcli.messages import AREAS, CATALOGUE, Msg, Worded, load_area, msg, text

ROOT = Path(__file__).resolve().parent.parent


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    en, zh = CATALOGUE[code]
    assert en.strip() or code.startswith(("metric", "label.")), code
    assert fields(en) == fields(zh), code


def test_no_code_is_defined_twice() -> None:
    assert sum(len(load_area(a)) for a in AREAS) == len(CATALOGUE)
    listed = {p.stem for p in (ROOT / "gmvcli" / "messages").glob("*.json")} - {"yaml_zh"}
    assert listed == set(AREAS)


#: a code written as a literal in the source: msg("…"), message("…", …), label("…", …), text("…", …)
_CODE = re.compile(r"""\b(?:msg|message|label|text)\(\s*f?["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def test_every_code_written_in_the_source_is_in_the_catalogue() -> None:
    """msg() does not read the catalogue (so making a message costs nothing): this test is what
    catches a misspelt code, for every literal code in gmvcli/."""
    missing = {}
    for path in (ROOT / "gmvcli").rglob("*.py"):
        for code in _CODE.findall(path.read_text(encoding="utf-8")):
            prefixed = f"report.{code}" in CATALOGUE  # the report words its own area by its code
            if code not in CATALOGUE and not prefixed:
                missing.setdefault(code, path.name)
    assert missing == {}


def test_chinese_texts_are_chinese() -> None:
    """Under zh nothing English reaches the user but ids, keys, options and file names: a zh text
    that is the same as its en text may hold no English words (GMV and ROI are Chinese usage)."""
    import re

    terms = {"GMV", "ROI", "null"}
    left_english = []
    for code, (en, zh) in CATALOGUE.items():
        words_ = re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", zh))
        typed = code.endswith(".metavar")  # the form of a value the user types: keys, not words
        if zh == en and not typed and any(w not in terms for w in words_):
            left_english.append(code)
    assert left_english == []


def test_a_message_is_worded_in_the_language_asked_with_nested_messages() -> None:
    m = msg(
        "vary.cannot",
        name="content.aov",
        why=msg("whatif.no_model", id="a", section=msg("word.shelf")),
    )
    assert m.text("en") == "cannot vary content.aov: merchant a has no shelf model"
    assert m.text("zh") == "无法变动 content.aov：商家 a 没有货架电商模式"
    assert str(m) == m.text("en")
    assert text("yaml.invalid", "zh", detail=Worded("x", "中")) == "YAML 格式错误：中"


def test_an_unknown_code_fails_when_worded() -> None:
    with pytest.raises(KeyError):
        msg("no.such.code").text("en")
    assert isinstance(msg("value.empty"), Msg)


def test_messages_are_hashable_data() -> None:
    assert hash(msg("value.choice", options="a, b")) == hash(msg("value.choice", options="a, b"))
    assert messages.join(["a", "b"], "zh") == "a、b"
