"""The command line speaks the run's language — help, Click's own errors, ours — and each command
writes only the formats the output registry gives it (SPEC §7)."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.cli.common import Format
from gmvcli.cli.language import detect
from gmvcli.messages import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
FACTORY = str(ROOT / "scenarios" / "weiwei-factory.yaml")
UNCERTAIN = str(ROOT / "scenarios" / "weiwei-uncertain.yaml")
TESTS = str(ROOT / "scenarios" / "tests" / "examples.test.yaml")
EN = {"LANG": "C.UTF-8", "LC_ALL": "", "GMVCLI_LANG": ""}
ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "GMVCLI_LANG": ""}


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env or EN)


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_language_comes_from_the_command_line_then_the_environment() -> None:
    assert detect(["--lang", "zh", "compare"], {}) == "zh"
    assert detect(["compare", "x", "--lang=zh"], {"LANG": "en_US"}) == "zh"
    assert detect(["compare", "--", "--lang", "zh"], {}) == "en"
    assert detect([], {"GMVCLI_LANG": "zh", "LANG": "en_US"}) == "zh"
    assert detect([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}) == "zh"
    assert detect([], {"LANG": "zh_TW"}) == "zh"
    assert detect([], {}) == "en"


def test_root_help_in_chinese_before_the_command() -> None:
    r = run("--lang", "zh", "--help")
    assert r.exit_code == 0, r.output
    assert "用法：" in r.stdout and "逐个商家对比货架电商与内容+私域" in r.stdout
    assert "Show this message" not in r.stdout and "Usage" not in r.stdout


def test_command_help_in_chinese_from_lang_env() -> None:
    r = run("compare", "--help", env=ZH)
    assert r.exit_code == 0
    out = r.stdout
    assert "用法：gmvcli compare [选项]" in out and "示例：" in out and "显示本帮助并退出" in out
    for english in ("Options", "Arguments", "Show this message", "[required]", "<list[str]>"):
        assert english not in out


def test_missing_argument_in_chinese_exit_2() -> None:
    r = run("compare", "--lang", "zh")
    assert r.exit_code == 2
    assert r.stderr.startswith("gmvcli：错误：缺少参数 文件。")
    assert "请用 'gmvcli compare --help' 查看帮助。" in r.stderr


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (["compare", FACTORY, "--nope"], "没有这个选项：--nope"),
        (["comapre"], "没有这个命令：'comapre'。是不是想写 'compare'"),  # Click may add 'score'
        (["sorve"], "是不是想写 'solve'、'score'？"),  # listed with 、, not Click's ", "
        (["simulate", UNCERTAIN, "--runs", "abc"], "'abc' 不是1到10,000,000之间的整数"),
        (["explain", FACTORY, "--model", "foo"], "'foo' 不是以下之一：shelf、content"),
        (["compare", FACTORY, "--lang", "fr"], "'fr' 不是以下之一：en、zh"),
        (["solve", FACTORY, "--for", "content.aov", "-f", "csv"], "solve 不能输出 csv"),
        (["compare", FACTORY, "-f", "foo"], "compare 不能输出 foo，只能输出 table、json"),
        (["sweep", FACTORY, "--vary"], "选项 --vary 需要一个值"),
    ],
)
def test_clicks_own_errors_in_chinese(args: list[str], zh: str) -> None:
    r = run(*args, env=ZH)
    assert r.exit_code == 2, r.output
    assert zh in r.stderr and r.stdout == ""
    assert not any(w in r.stderr for w in ("Invalid value", "No such", "Missing", "Error"))


def test_every_command_and_option_has_help_in_both_languages() -> None:
    import typer.main

    from gmvcli.cli.language import param_help_key

    group = typer.main.get_command(app)
    missing = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for key in (f"help.{name}", f"help.{name}.short", f"help.{name}.examples"):
            if key not in CATALOGUE:
                missing.append(key)
        for param in command.params:
            key = param_help_key(name, param.name)
            if key not in CATALOGUE:
                missing.append(key)
    assert missing == []


#: each command's parameters in the order its help lists them (the shared ones come from the
#: layout of @command in gmvcli/cli/common.py, placed among the command's own)
PARAMETERS = {
    "compare": "paths fmt output sets merchant lang debug",
    "forecast": "paths periods fmt output sets merchant plot lang debug",
    "validate": "paths fmt sets lang debug",
    "explain": "path merchant model fmt output sets lang debug",
    "policies": "role fmt output lang debug",
    "schema": "output lang debug",
    "init": "role output force lang debug",
    "simulate": "path runs seed periods percentiles samples fmt output sets merchant plot lang debug",
    "sensitivity": "path metric method runs seed everything periods fmt output sets merchant plot "
    "lang debug",
    "sweep": "path vary periods fmt output sets merchant lang debug",
    "solve": "path for_ target merchant periods fmt output sets lang debug",
    "diff": "base variant sets policies exit_code fmt output lang debug",
    "test": "paths fmt output root lang debug",
    "report": "path output lang merchant periods runs actuals debug",
    "review": "path actuals merchant start columns sheet fmt output plot lang debug",
    "fit": "path actuals merchant start columns sheet write_file fmt output lang debug",
    "score": "table template periods fmt output errors engine scheduler lang debug",
}


def test_shared_options_stand_where_each_help_lists_them() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = group.commands.items()  # type: ignore[attr-defined]
    assert {n: " ".join(str(p.name) for p in c.params) for n, c in commands} == PARAMETERS
    r = run("validate", "--help", env={**EN, "COLUMNS": "200"})
    assert "[default: text]" in r.stdout  # --format's default: the command's first format


# --- the output registry: every command × format either writes it or refuses before any work -----

ARGS = {
    "compare": [FACTORY],
    "forecast": [FACTORY, "--periods", "3"],
    "validate": [FACTORY],
    "explain": [FACTORY],
    "policies": [],
    "simulate": [UNCERTAIN, "--runs", "200"],
    "sensitivity": [UNCERTAIN],
    "sweep": [FACTORY, "--vary", "content.aov=80,90"],
    "solve": [FACTORY, "--for", "content.aov"],
    "diff": [FACTORY, "--set", "content.aov=99"],
    "test": [TESTS],
    "review": [FACTORY, str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv")],
    "fit": [FACTORY, str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv")],
}
PAIRS = [(c, f) for c in sorted(ARGS) for f in Format]


@functools.cache
def offered(command: str) -> tuple[str, ...]:
    """The formats `command --help` lists for --format, its default first."""
    import re

    r = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    listed = re.search(r"--format\s+-f\s+([a-z|]+)\s", r.stdout)
    default = re.search(r"--format .*\[default: ([a-z]+)\]", r.stdout)
    assert listed and default, r.stdout
    formats = tuple(listed.group(1).split("|"))
    assert formats[0] == default.group(1)
    return formats


def test_every_command_with_a_format_is_checked() -> None:
    """Every command with --format (score: its own, tests/score) is run below in every format."""
    import typer.main

    group = typer.main.get_command(app)
    with_format = {
        name
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any(p.name == "fmt" for p in command.params) and name != "score"
    }
    assert with_format == set(ARGS)


@pytest.mark.parametrize(("command", "fmt"), PAIRS, ids=[f"{c}-{f}" for c, f in PAIRS])
def test_command_writes_its_formats_and_refuses_the_rest(
    command: str, fmt: Format, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each format its --help lists, it writes, through the registry's renderer (or merchant by
    merchant, where the registry says so); every other format is refused before any work."""
    from gmvcli.cli import formats

    calls: list[Any] = []
    registered = formats.EMITTED[command].get(fmt)
    streamed = formats.by_merchant(command, fmt) is not None
    if registered is not None:

        def spy(made: Any, o: Any) -> Any:
            calls.append(o.fmt)
            return registered(made, o)

        monkeypatch.setitem(formats.EMITTED[command], fmt, spy)
    out = tmp_path / "out"
    to_file = [] if command == "validate" else ["-o", str(out)]  # validate writes no file
    r = run(command, *ARGS[command], "--format", fmt.value, *to_file)
    if fmt in offered(command):
        assert r.exit_code == 0, r.output
        assert calls == ([] if streamed else [fmt])
        if fmt == Format.xlsx:  # a workbook: a zip file (read back in tests/cli/test_xlsx.py)
            assert out.read_bytes()[:2] == b"PK"
            return
        text = out.read_text(encoding="utf-8") if out.exists() else r.stdout
        assert text.strip() or (command == "validate" and fmt == Format.text)
        if fmt in (Format.json, Format.jsonl):
            import json

            for line in text.splitlines() if fmt == Format.jsonl else [text]:
                json.loads(line)
    else:
        assert r.exit_code == 2, r.output
        assert not out.exists() and r.stdout == ""
        assert "cannot write" in r.stderr


def test_installed_script_answers_in_chinese() -> None:
    """The real entry point (not only CliRunner): a missing argument in zh, from LANG."""
    script = Path(sys.executable).with_name("gmvcli")
    env = {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8"}
    p = subprocess.run([str(script), "compare"], capture_output=True, text=True, env=env)
    assert p.returncode == 2 and "缺少参数" in p.stderr and has_chinese(p.stderr)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_help_page_shows_a_python_type(lang: str) -> None:
    """An option's value is shown by its form (N, FILE, en|zh), never as <int>, <str> or <bool>."""
    import re

    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        r = run(name, "--help", "--lang", lang, env={**EN, "COLUMNS": "80"})
        assert r.exit_code == 0, (name, r.output)
        assert not re.search(r"<(int|str|bool|float|list\[[a-z]+\])>", r.stdout), name
        assert "…" not in r.stdout, name  # help wraps, Chinese included; it is never cut
