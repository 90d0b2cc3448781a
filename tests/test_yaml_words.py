"""YAML syntax errors under --lang zh: one natural, specific sentence each, no English in it."""

from __future__ import annotations

import re

import pytest

from gmvcli.errors import ScenarioError
from gmvcli.loader import load_text

#: (file text, what the Chinese sentence must say)
CASES = {
    "unclosed double quote": ('name: "x\nmerchants: []\n', "第1行开始的引号没有闭合"),
    "unclosed single quote": ("name: 'x\nmerchants: []\n", "第1行开始的引号没有闭合"),
    "bad indent": ("name: x\nmerchants:\n  - id: a\n     name: A\n", "缩进不对"),
    "tab": ("name: x\nmerchants:\n\t- id: a\n", "不能用制表符（Tab）缩进"),
    "unclosed bracket": ("name: x\nmerchants: [\n", "是否少了右括号"),
    "unclosed brace": ("name: x\nmerchants: [{id: a\n", "第2行开始的花括号 { } 里"),
    "list item not aligned": (
        "name: x\nmerchants:\n  - id: a\n  name: A\n   role: b\n",
        "第3行开始的列表里，这一行应以“- ”开头",
    ),
    "colon in a value": ("name: x y: z\nmerchants: []\n", "含“: ”的文本请加引号"),
    "undefined alias": ("name: *nope\nmerchants: []\n", "引用了未定义的锚点"),
    "bad escape": ('name: "a\\qb"\nmerchants: []\n', "无法识别的转义"),
    "reserved character": ("name: @x\n", "值不能以 “@” 开头"),
    "text after a quote": ('name: "x" y\n', "引号后面多写了文字"),
    "key without colon": ("name: |\nx\nmerchants: []\n", "第2行的键后面缺少冒号"),
}
#: what may stay Latin in a Chinese sentence: YAML, Tab, and the YAML it quotes
ALLOWED = re.compile(r"YAML|Tab|[-:*&|>@`\\.{}\[\]\"'“”]")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_yaml_error_in_chinese_is_specific_and_chinese(case: str) -> None:
    text, expected = CASES[case]
    with pytest.raises(ScenarioError) as info:
        load_text(text, "f.yaml")
    problem = info.value.problems[0]
    zh = problem.detail("zh")
    assert expected in zh, zh
    assert "语法不符合" not in zh and "解析" not in zh  # the old generic words
    assert not re.search(r"[A-Za-z]", ALLOWED.sub("", zh)), zh  # no English words
    assert problem.detail("en").startswith("invalid YAML: ")  # en keeps PyYAML's words


def test_the_sentences_differ() -> None:
    worded = set()
    for text, _ in CASES.values():
        with pytest.raises(ScenarioError) as info:
            load_text(text, "f.yaml")
        worded.add(info.value.problems[0].detail("zh"))
    assert len(worded) >= 11  # the two unclosed quotes share one; so do two "did not find key"
