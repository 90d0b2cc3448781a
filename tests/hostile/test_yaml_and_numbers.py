"""Numbers are read as written: YAML 1.2 core schema, the forms of SPEC §2, units checked
(issue 11 item 7, issue 12 item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gmvcli.loader import load_text
from gmvcli.numbers import NUMBER_PATTERN, NumberError, parse_duration, parse_number
from tests.hostile.common import clean_exit, invoke


@pytest.mark.parametrize(
    ("yaml", "value"),
    [
        ("4:30", "4:30"),  # text, never sexagesimal 270
        ("1:02:03", "1:02:03"),
        ("017", 17),  # never octal 15
        ("077", 77),
        ("0o17", 15),
        ("0x1F", 31),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("Off", "Off"),
        ("true", True),
        ("False", False),
        ("1e3", 1000.0),
        ("~", None),
        ("1_000", "1_000"),
    ],
)
def test_yaml_1_2_core_schema(yaml: str, value: object) -> None:
    assert load_text(f"v: {yaml}\n", "v.yaml").data == {"v": value}
    assert load_text(f"%YAML 1.2\n---\nv: {yaml}\n", "v.yaml").data == {"v": value}


@pytest.mark.parametrize(
    ("yaml", "value"),
    [
        ("!!int 1_000", "1_000"),  # Python's int() takes underscores; the core schema does not
        ("!!int '1_000'", "1_000"),
        ("!!float 1_0.5", "1_0.5"),
        ("!!float 1_000", "1_000"),
        ("!!int ' 12'", " 12"),
        ("!!bool yes", "yes"),  # not silently False
        ("!!int 1000", 1000),
        ("!!int 0x10", 16),
        ("!!int 017", 17),
        ("!!float 1", 1.0),
        ("!!float 1e3", 1000.0),
    ],
)
def test_an_explicit_tag_reads_only_its_core_form(yaml: str, value: object) -> None:
    """`!!int 1_000` is what a plain 1_000 is (text, then "not a number"), on both reading paths."""
    assert load_text(f"v: {yaml}\n", "v.yaml").data == {"v": value}
    anchored = load_text(f"v: &a {yaml}\nw: *a\n", "v.yaml")  # an anchor: the node-tree path
    assert anchored.data == {"v": value, "w": value}


def test_an_explicit_int_with_underscores_is_refused_like_a_plain_one(tmp_path: Path) -> None:
    for text in ("1_000", "!!int 1_000"):
        path = scenario(f"public_uv: {text}, watch_minutes: 5, orders_per_minute: 1%", tmp_path)
        r = invoke("compare", str(path), "-f", "json")
        assert r.exit_code == 1
        assert json.loads(r.stdout)["error"]["code"] == "number.unreadable", text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5w", 50_000),
        ("5W", 50_000),
        ("8万元", 80_000),
        ("８万", 80_000),
        ("1.5千", 1_500),
        ("2k", 2_000),
        ("15万5千", 155_000),
        ("3百万", 3_000_000),
        ("1千万", 10_000_000),
        ("1亿2千万", 120_000_000),
        ("¥89元", 89),
        ("￥89", 89),
        ("２.５％", 0.025),
        ("1，200", 1_200),
        ("-15万5千", -155_000),
        ("12,345万", 123_450_000),
    ],
)
def test_numbers_as_people_type_them(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["万", "百万", "5千5万", "15万5", "5%元", "1万%", "5 w w", "0o17"])
def test_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize("text", ["5w", "15万5千", "8万元", "３百万"])
def test_the_schema_pattern_accepts_the_same_forms(text: str) -> None:
    import re

    assert re.search(NUMBER_PATTERN, text)


def test_durations() -> None:
    assert parse_duration("4:30") == 4.5
    assert parse_duration("1:02:30") == 62.5
    assert parse_duration(6) == 6
    with pytest.raises(NumberError):
        parse_number("4:30")  # only duration fields take m:ss


def scenario(content: str, tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(
        "name: s\nmerchants:\n  - id: a\n    name: A\n"
        "    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}\n"
        f"    content: {{private_uv: 1000, aov: 50, {content}}}\n",
        encoding="utf-8",
    )
    return path


def test_watch_minutes_in_m_ss(tmp_path: Path) -> None:
    path = scenario("watch_minutes: 4:30, orders_per_minute: 1%", tmp_path)
    result = invoke("compare", str(path), "-f", "json")
    clean_exit(result, 0)
    content = json.loads(result.output)["merchants"][0]["content"]
    assert content["conversion"] == pytest.approx(0.045)


def test_conversion_over_100_percent_is_an_error_naming_both_fields(tmp_path: Path) -> None:
    path = scenario("watch_minutes: 4:30, orders_per_minute: 0.3", tmp_path)
    result = invoke("validate", str(path))
    clean_exit(result, 1)
    assert "watch_minutes × orders_per_minute" in result.output
    assert ":6:" in result.output  # located


def test_conversion_over_30_percent_is_a_warning(tmp_path: Path) -> None:
    path = scenario("watch_minutes: 5, orders_per_minute: 0.1", tmp_path)
    result = invoke("compare", str(path), "-f", "json")
    clean_exit(result, 0)
    assert "check the units" in result.output


def test_set_and_vary_read_values_like_the_file(tmp_path: Path) -> None:
    path = scenario("watch_minutes: 5, orders_per_minute: 1%", tmp_path)
    by_set = invoke("sweep", str(path), "--vary", "content.public_uv=0", "--set", "content.aov=077",
                    "-f", "json")  # fmt: skip
    by_vary = invoke("sweep", str(path), "--vary", "content.aov=077", "-f", "json")
    clean_exit(by_set, 0)
    clean_exit(by_vary, 0)
    gmv_set = json.loads(by_set.output)["rows"][0]["content_gmv"]
    gmv_vary = json.loads(by_vary.output)["rows"][0]["content_gmv"]
    assert gmv_set == gmv_vary == pytest.approx(1000 * 0.05 * 77)
