"""compare/forecast json and jsonl of a result with many merchants are written merchant by merchant
(cli/results.py): the text must be exactly what one `json_dumps` of the whole writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.cli.results import STREAMED
from gmvcli.textsafe import json_dumps
from tests.helpers import WEIWEI

ROW = (
    "  - {{id: m{i}, name: 商家{i}, shelf: {{uv: {uv}, conversion_rate: 2%, aov: 89, "
    "traffic_cost_per_uv: 0.6}}, content: {{private_uv: 500, reach_rate: 20%, public_uv: 300, "
    "watch_minutes: 5, orders_per_minute: 0.5%, aov: 89, public_cost_per_uv: 0.5}}}}"
)
MANY = STREAMED + 6


def many(tmp_path: Path) -> Path:
    path = tmp_path / "many.yaml"
    rows = "\n".join(ROW.format(i=i, uv=1000 + i) for i in range(MANY))
    path.write_text(f"name: many\nmerchants:\n{rows}\n", encoding="utf-8")
    return path


def same_as_one_dump(text: str) -> object:
    """The parsed text, after checking it is character for character one compact dump."""
    obj = json.loads(text)
    assert text == json_dumps(obj) + "\n"
    return obj


@pytest.mark.parametrize("command", ["compare", "forecast"])
def test_one_big_file_as_json(tmp_path: Path, command: str) -> None:
    r = CliRunner().invoke(app, [command, str(many(tmp_path)), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    out = same_as_one_dump(r.stdout)
    assert isinstance(out, dict) and len(out["merchants"]) == MANY


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_several_inputs_big_small_and_failed(tmp_path: Path, fmt: str) -> None:
    small = tmp_path / "weiwei.yaml"
    small.write_text(WEIWEI, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    paths = [str(many(tmp_path)), str(bad), str(small)]
    r = CliRunner().invoke(app, ["compare", *paths, "--format", fmt])
    assert r.exit_code == 1
    if fmt == "json":
        objs = same_as_one_dump(r.stdout)
    else:
        objs = [same_as_one_dump(line + "\n") for line in r.stdout.splitlines()]
    assert isinstance(objs, list) and [len(o.get("merchants", ())) for o in objs] == [MANY, 0, 1]
    assert "error" in objs[1]


def test_streamed_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    r = CliRunner().invoke(
        app, ["compare", str(many(tmp_path)), "--format", "jsonl", "-o", str(target)]
    )
    assert r.exit_code == 0, r.stderr
    assert len(same_as_one_dump(target.read_text("utf-8"))["merchants"]) == MANY  # type: ignore[index]


def test_json_safe_skips_only_text_with_nothing_to_escape() -> None:
    """json_safe returns printable text as it is: every character it escapes is unprintable, so
    the shortcut never keeps one raw."""
    from gmvcli.textsafe import _UNSAFE_JSON, json_safe

    escaped = [chr(c) for c in range(0x110000) if _UNSAFE_JSON.match(chr(c))]
    assert escaped and not any(c.isprintable() for c in escaped)
    for c in escaped:
        assert json_safe(f'"名{c}x"') == f'"名\\u{ord(c):04x}x"'
    assert json_safe('"名 x"') == '"名 x"'
