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
    "list item after a key": ("name: x\nmerchants: - id: a\n", "这里不能开始列表项“- ”"),
    "tab inside a value": ("name: x\n\ty\nmerchants: []\n", "不能用制表符（Tab）缩进"),
    "two documents": ("name: x\n---\nname: y\n", "一个文件只写一份场景"),
    "separator in a quote": ('name: "x\n---\n"\n', "文档分隔标记"),
    "bad hex escape": ('name: "\\x4"\n', "十六进制数字"),
    "empty alias": ("name: *\n", "“*”后面应是锚点的名称"),
    "empty anchor": ("name: &\n", "“&”后面应是锚点的名称"),
    "unknown directive": ("%FOO\n---\nname: x\n", "这个指令不认识"),
    "undefined tag handle": ("name: !x!y z\n", "这个标签没有定义"),
    "text after a block indicator": ("name: |x\n  y\n", "第1行的“|”或“>”后面只能写"),
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
    assert "不符合 YAML 语法" not in zh  # the fallback for a problem without its own sentence
    assert not re.search(r"[A-Za-z]", ALLOWED.sub("", zh)), zh  # no English words
    assert problem.detail("en").startswith("invalid YAML: ")  # en keeps PyYAML's words


def test_the_sentences_differ() -> None:
    worded = set()
    for text, _ in CASES.values():
        with pytest.raises(ScenarioError) as info:
            load_text(text, "f.yaml")
        worded.add(info.value.problems[0].detail("zh"))
    assert len(worded) >= 11  # the two unclosed quotes share one; so do two "did not find key"


#: libyaml's problems a hand-written scenario meets (its scanner's and parser's, and PyYAML's
#: composer's): each has its own sentence
COMMON = [
    "block sequence entries are not allowed in this context",
    "mapping values are not allowed in this context",
    "mapping keys are not allowed in this context",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found character that cannot start any token",
    "found unexpected end of stream",
    "found unexpected document indicator",
    "but found another document",
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "did not find expected node content",
    "did not find expected key",
    "did not find expected '-' indicator",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "could not find expected ':'",
    "did not find expected alphabetic or numeric character",
    "found undefined alias",
    "found undefined tag handle",
    "found unknown directive name",
    "found an indentation indicator equal to 0",
    "found unexpected ':'",
    "found an incorrect leading UTF-8 octet",
]


def test_every_common_problem_has_a_sentence() -> None:
    from gmvcli.yamlwords import _table

    table = _table()
    missing = [p for p in COMMON if not any(k.split("|")[0] == p for k in table)]
    assert not missing


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a: *x\n", 'a: "\\q"\n', "a: @x\n"])
def test_pure_python_pyyaml_words_find_their_sentence(text: str) -> None:
    """Without libyaml, PyYAML quotes the character (`found character '\\t' …`): same sentence."""
    import yaml

    from gmvcli.yamlwords import yaml_problem

    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.load(text, Loader=yaml.SafeLoader)
    assert "不符合 YAML 语法" not in yaml_problem(info.value, text).text("zh")
