"""Scenario tests, `gmvcli test` (SPEC §9): expected results beside the scenarios, checked against
the compare/forecast JSON as printed; failures name their line; malformed test files are located
errors; reports as a table, JSON or JUnit XML."""

from __future__ import annotations

import json
import os
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gmvcli.cli.checks import run_tests as run
from gmvcli.testing import parse_path
from tests.conftest import SCENARIOS
from tests.helpers import WEIWEI

# WEIWEI, compare (period 1 of the forecast is the same; without forecast keys every period is):
# shelf gmv 445000, contribution 48210; content uv 200000, conversion 0.03, gmv 854400,
# contribution 250400, roi 21.36; gmv_ratio 1.92.

Make = Callable[..., Path]


@pytest.fixture
def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Make:
    """Write weiwei.yaml and a test file (tests: given as YAML text) beside it; return its path.
    The tree being tested is tmp_path (scenarios must lie inside it, SPEC §9)."""
    (tmp_path / "weiwei.yaml").write_text(WEIWEI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def _make(body: str, name: str = "t.test.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return _make


def one_test(expect: str, extra: str = "", scenario: str = "weiwei.yaml") -> str:
    """A test file with one test: `expect` lines (and `extra` keys), on weiwei.yaml."""
    lines = ["tests:", "  - name: one", f"    scenario: {scenario}"]
    lines += [f"    {line}" for line in textwrap.dedent(extra).splitlines() if line.strip()]
    lines.append("    expect:")
    lines += [f"      {line}" for line in textwrap.dedent(expect).splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def outcome(
    capsys: pytest.CaptureFixture[str], paths: list[Any], fmt: str = "table", **kw: Any
) -> tuple[int, str, str]:
    code = run([str(p) for p in paths], fmt, **kw)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def results(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = outcome(capsys, [path], "json")
    return code, json.loads(out)


# --- each kind of expectation passes and fails -----------------------------------------------------

KINDS = [
    # (id, expectation line, extra test keys, passes, expected text in the failure, actual text)
    ("number", "weiwei.content.gmv: 854400", "", True, None, None),
    ("number-fails", "weiwei.content.gmv: 854401", "", False, "854401", "854400"),
    ("number-string", 'weiwei.content.gmv: "854,400"', "", True, None, None),
    ("number-wan", "weiwei.content.gmv: 85.44万", "", True, None, None),
    ("number-percent", "weiwei.content.conversion: 3%", "", True, None, None),
    ("number-string-fails", "weiwei.content.gmv: 85万", "", False, "850000", "854400"),
    ("null", "weiwei.content.roi: null", "set: {content.public_cost_per_uv: 0}", True, None, None),
    ("null-fails", "weiwei.content.roi: null", "", False, "null", "21.36"),
    ("number-vs-null", "weiwei.content.roi: 21.36", "set: {content.public_cost_per_uv: 0}",
     False, "21.36", "null"),
    ("min", "weiwei.content.gmv: {min: 80万}", "", True, None, None),
    ("min-max", "weiwei.content.gmv: {min: 80万, max: 854400}", "", True, None, None),
    ("max-fails", "weiwei.content.gmv: {max: 85万}", "", False, "at most 850000", "854400"),
    ("min-max-fails", "weiwei.content.gmv: {min: 1, max: 2}", "", False, "between 1 and 2",
     "854400"),
    ("min-fails", "weiwei.content.gmv: {min: 854400.01}", "", False, "at least 854400.01",
     "854400"),
    ("string", "weiwei.role: factory", "", True, None, None),
    ("string-zh", "weiwei.name: 大进针织工厂（薇薇）", "", True, None, None),
    ("string-fails", "weiwei.role: brand", "", False, '"brand"', '"factory"'),
    ("string-vs-number", "weiwei.content.gmv: lots", "", False, '"lots"', "854400"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("expect", "extra", "passes", "expected", "actual"),
    [k[1:] for k in KINDS],
    ids=[k[0] for k in KINDS],
)
def test_each_kind_of_expectation(
    make: Make,
    capsys: pytest.CaptureFixture[str],
    expect: str,
    extra: str,
    passes: bool,
    expected: str | None,
    actual: str | None,
) -> None:
    path = make(one_test(expect, extra))
    code, out, err = outcome(capsys, [path])
    assert err == ""
    key = expect.split(":")[0]
    if passes:
        assert (code, out) == (0, "✓ one\n1 passed, 0 failed\n")
        return
    assert code == 1
    line = 5 + len(extra.splitlines())  # the expectation's line in the test file
    assert (
        out
        == f"✗ one\n  {path}:{line}: {key}: expected {expected}, got {actual}\n0 passed, 1 failed\n"
    )


# --- margins: |actual − expected| ≤ absolute + relative × |expected| ------------------------------

MARGINS = [
    # shelf gmv is 445000
    ("absolute_error_margin: 1", "445001", True),
    ("absolute_error_margin: 1", "445001.01", False),
    ("absolute_error_margin: 1", "444999", True),
    ("absolute_error_margin: 0.5", "445000.5", True),
    ("relative_error_margin: 11%", "500000", True),  # 55000 = 11% of 500000
    ("relative_error_margin: 10.99%", "500000", False),
    ("relative_error_margin: 0.11", "500000", True),
    ("relative_error_margin: 10%\nabsolute_error_margin: 5000", "500000", True),
    ("relative_error_margin: 10%\nabsolute_error_margin: 4999.99", "500000", False),
    ("", "445000.01", False),  # default 0: exact
]


@pytest.mark.parametrize(("margins", "expected", "passes"), MARGINS)
def test_margins_at_the_boundary_pass_and_just_beyond_fail(
    make: Make, capsys: pytest.CaptureFixture[str], margins: str, expected: str, passes: bool
) -> None:
    path = make(one_test(f"weiwei.shelf.gmv: {expected}", margins))
    code, out, _ = outcome(capsys, [path])
    assert code == (0 if passes else 1), out


def test_margins_are_worked_on_the_numbers_as_printed(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    # 0.04 − 0.03 is 0.010000000000000002 in binary floats; as printed it is 0.01: at the boundary
    path = make(one_test("weiwei.content.conversion: 0.04", "absolute_error_margin: 0.01"))
    assert outcome(capsys, [path])[0] == 0


def test_a_failure_with_a_margin_shows_it(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(one_test("weiwei.shelf.gmv: 500000", "relative_error_margin: 1%"))
    code, out, _ = outcome(capsys, [path])
    assert code == 1
    assert f"{path}:6: weiwei.shelf.gmv: expected 500000 ± 5000, got 445000" in out


# --- commands, set, scenarios ----------------------------------------------------------------------


def test_forecast_periods_and_crossover(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(
        one_test(
            """\
            weiwei.periods[5].period: 6
            weiwei.periods[5].content.gmv: 854400
            weiwei.periods[5].content.fans_start: 600000
            weiwei.crossover: 1
            weiwei.totals.shelf.gmv: 5340000
            """,
            "command: forecast",
        )
    )
    assert outcome(capsys, [path])[:2] == (0, "✓ one\n1 passed, 0 failed\n")


def test_forecast_crossover_null_and_failure(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(
        """\
        tests:
          - name: never
            scenario: weiwei.yaml
            command: forecast
            set: {content.content_cost: 30万}
            expect:
              weiwei.crossover: null
          - name: wrong period
            scenario: weiwei.yaml
            command: forecast
            expect:
              weiwei.crossover: 2
        """
    )
    code, out, _ = outcome(capsys, [path])
    assert code == 1
    assert out.splitlines() == [
        "✓ never",
        "✗ wrong period",
        f"  {path}:12: weiwei.crossover: expected 2, got 1",
        "1 passed, 1 failed",
    ]


def test_set_changes_the_result(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(
        """\
        tests:
          - name: as written
            scenario: weiwei.yaml
            expect: {weiwei.content.gmv: 854400, weiwei.shelf.gmv: 445000}
          - name: dearer orders, more visitors
            scenario: weiwei.yaml
            set: {"weiwei:content.aov": 99, shelf.uv: 30万}
            expect: {weiwei.content.gmv: 950400, weiwei.shelf.gmv: 667500}
          - name: old value fails after set
            scenario: weiwei.yaml
            set: {"weiwei:content.aov": 99}
            expect: {weiwei.content.gmv: 854400}
        """
    )
    code, out, _ = outcome(capsys, [path])
    assert code == 1
    assert out.splitlines()[:3] == [
        "✓ as written",
        "✓ dearer orders, more visitors",
        "✗ old value fails after set",
    ]
    assert "expected 854400, got 950400" in out


def test_inline_scenario(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    inline = textwrap.indent(WEIWEI, " " * 6)
    path = make(
        "tests:\n  - name: inline\n    scenario:\n"
        + inline
        + "    expect:\n      weiwei.content.gmv: 854400\n"
    )
    assert outcome(capsys, [path])[0] == 0


def test_errors_in_an_inline_scenario_point_at_the_test_file(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    inline = textwrap.indent(
        WEIWEI.replace("conversion_rate: 2.5%", "conversion_rate: 2.5"), " " * 6
    )
    path = make(
        "tests:\n  - name: inline\n    scenario:\n"
        + inline
        + "    expect:\n      weiwei.content.gmv: 854400\n"
    )
    code, out, err = outcome(capsys, [path])
    assert code == 1
    # WEIWEI's conversion_rate is on its line 9; the scenario starts on line 4 of the test file
    assert err == (
        f"{path}:12:30: tests[0].scenario.merchants[0].shelf.conversion_rate: must be between 0 and 1"
        " (got 2.5) — write 2.5% for a percentage\n"
    )
    assert out.endswith("0 passed, 1 failed\n")


def test_scenario_path_is_relative_to_the_test_file(
    make: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(
        one_test("weiwei.content.gmv: 854400", scenario="../weiwei.yaml"), "sub/t.test.yaml"
    )
    monkeypatch.chdir(path.parent.parent.parent)  # anywhere else
    assert outcome(capsys, [path])[0] == 0
    assert outcome(capsys, [tmp_path])[:2] == (0, "✓ one\n1 passed, 0 failed\n")


def test_a_missing_scenario_file_is_located_at_scenario(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(one_test("weiwei.content.gmv: 1", scenario="nothere.yaml"))
    code, _, err = outcome(capsys, [path])
    assert code == 1
    assert err.startswith(f"{path}:3:15: tests[0].scenario: no such file (got nothere.yaml)")


def test_an_invalid_scenario_file_is_reported_in_that_file(
    make: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text(WEIWEI.replace("uv: 200000", "uv: lots"), encoding="utf-8")
    path = make(
        """\
        tests:
          - name: good
            scenario: weiwei.yaml
            expect: {weiwei.shelf.gmv: 445000}
          - name: on a bad scenario
            scenario: bad.yaml
            expect: {weiwei.shelf.gmv: 445000}
        """
    )
    code, out, err = outcome(capsys, [path])
    assert code == 1
    assert err.startswith(f"{tmp_path / 'bad.yaml'}:8:11: merchants[0].shelf.uv: is not a number")
    lines = out.splitlines()
    assert lines[0] == "✓ good"  # a broken scenario fails only the tests that use it
    assert lines[1] == "✗ on a bad scenario"
    assert lines[2].startswith(f"  {path}:6: tests[1].scenario: cannot run the scenario: ")
    assert lines[-1] == "1 passed, 1 failed"


def test_a_scenario_that_cannot_be_forecast_fails_its_test(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(one_test("weiwei.crossover: 1", "command: forecast\nset: {content.reach_rate: 0}"))
    code, out, err = outcome(capsys, [path])
    assert code == 1
    assert "cannot forecast private visitors without reach_rate" in err
    assert "✗ one" in out


# --- bad paths -------------------------------------------------------------------------------------

BAD_PATHS = [
    ("wei.content.gmv", "no merchant 'wei' in the output (merchants: weiwei); did you mean 'weiwei'?"),
    ("weiwei.content.gvm", "no key 'gvm' in weiwei.content (keys: private_uv, public_uv, bonus_uv,"
     " uv, conversion, orders, gmv, refunds, net_gmv, costs, rebate, contribution, roi);"
     " did you mean 'gmv'?"),
    ("weiwei.periods[0].content.gmv", "no key 'periods' in weiwei (keys: id, name, role, shelf,"
     " content, comparison, warnings) — it is in the output of `command: forecast`"),
    ("weiwei.content[0]", "weiwei.content is an object, not a list, so it has no item [0]"),
    ("weiwei.role.x", "weiwei.role is a single value (\"factory\"), so it has no key 'x'"),
    ("weiwei.warnings[0]", "weiwei.warnings has 0 items, so it has no item [0] (the first is [0])"),
    ("weiwei.content", "weiwei.content is an object, not a single value; expect one of its keys:"
     " private_uv, public_uv, bonus_uv, uv, conversion, orders, gmv, refunds, net_gmv, costs,"
     " rebate, contribution, roi"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "message"), BAD_PATHS, ids=[b[0] for b in BAD_PATHS])
def test_a_bad_path_fails_naming_it_and_the_keys_there(
    make: Make, capsys: pytest.CaptureFixture[str], key: str, message: str
) -> None:
    path = make(one_test(f"{key}: 1"))
    code, out, _ = outcome(capsys, [path])
    assert code == 1
    assert out.splitlines()[1] == f"  {path}:5: {key}: {message}"


def test_an_index_past_the_last_period(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(one_test("weiwei.periods[12].content.gmv: 1", "command: forecast"))
    code, out, _ = outcome(capsys, [path])
    assert code == 1
    assert "weiwei.periods has 12 items, so it has no item [12] (the first is [0])" in out


def test_parse_path() -> None:
    assert parse_path("weiwei.periods[5].content.gmv") == ("weiwei", "periods", 5, "content", "gmv")
    assert parse_path("a-1.x[0][2]") == ("a-1", "x", 0, 2)
    for bad in ("weiwei..gmv", "weiwei.", ".gmv", "a[x]", "a[-1]", "a b", "a[1"):
        assert parse_path(bad) is None, bad


# --- malformed test files --------------------------------------------------------------------------


def test_a_missing_name_is_located_and_the_files_tests_count_as_failed(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(
        """\
        tests:
          - name: fine
            scenario: weiwei.yaml
            expect: {weiwei.shelf.gmv: 445000}
          - scenario: weiwei.yaml
            expect: {weiwei.shelf.gmv: 445000}
        """
    )
    code, out, err = outcome(capsys, [path])
    assert code == 1
    assert err == f"{path}:5:5: tests[1].name: missing required key 'name'\n"
    assert out.splitlines() == [
        "✗ fine",
        f"  {path}:2: not run: the test file has errors",
        "✗ tests[1]",
        f"  {path}:5: tests[1].name: missing required key 'name'",
        "0 passed, 2 failed",
    ]


def test_an_unknown_key_is_located_with_a_suggestion(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(one_test("weiwei.shelf.gmv: 445000", "relative_error_margn: 1%"))
    code, _, err = outcome(capsys, [path])
    assert code == 1
    # reported once, as the unknown key, not also as a missing one
    assert err == (
        f"{path}:4:5: tests[0].relative_error_margn: unknown key"
        " — did you mean 'relative_error_margin'?\n"
    )


@pytest.mark.parametrize(
    ("margin", "message"),
    [
        ("lots", "is not a number (got lots)"),
        ("-1", "must be 0 or more (got -1)"),
        ("-0.5%", "must be 0 or more (got -0.5%)"),
        ("true", "must be a number (got true)"),
    ],
)
def test_a_bad_margin_is_located(
    make: Make, capsys: pytest.CaptureFixture[str], margin: str, message: str
) -> None:
    path = make(one_test("weiwei.shelf.gmv: 445000", f"absolute_error_margin: {margin}"))
    code, _, err = outcome(capsys, [path])
    assert code == 1
    assert err.startswith(f"{path}:4:28: tests[0].absolute_error_margin: {message}")


MALFORMED = [
    # (test file text, the one located problem)
    ("tests: []\n", "1:8: tests: needs at least one test"),
    ("tests: {a: 1}\n", "1:8: tests: must be a list of tests"),
    ("name: x\nmerchants: []\n", "1:1: not a test file: its top level needs a `tests:` list"),
    ("tests:\n  - 3\n", "2:5: tests[0]: must be a mapping (name:, scenario:, expect:)"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {}}\n",
     "2:46: tests[0].expect: needs at least one expected value"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: [1]}\n",
     "2:46: tests[0].expect: must be a mapping of output paths to expected values"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml}\n", "2:5: tests[0].expect: missing required key"),
    ("tests:\n  - {name: 3, scenario: weiwei.yaml, expect: {weiwei.role: x}}\n",
     "2:12: tests[0].name: must be text (put it in quotes) (got 3)"),
    ("tests:\n  - {name: a, command: forcast, scenario: weiwei.yaml, expect: {weiwei.role: x}}\n",
     "2:24: tests[0].command: must be one of compare, forecast (got forcast) — did you mean 'forecast'?"),
    ("tests:\n  - {name: a, scenario: 3, expect: {weiwei.role: x}}\n",
     "2:25: tests[0].scenario: must be the path of a scenario file"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {weiwei..role: x}}\n",
     "2:47: tests[0].expect.weiwei..role: not an output path"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {weiwei.role: true}}\n",
     "2:60: tests[0].expect.weiwei.role: must be a number, text, null or {min: X, max: Y} (got true)"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {weiwei.uv: {mni: 1}}}\n",
     "2:59: tests[0].expect.weiwei.uv.mni: unknown key — did you mean 'min'?"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {weiwei.uv: {min: 2, max: 1}}}\n",
     "2:72: tests[0].expect.weiwei.uv.max: must not be less than min"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, expect: {weiwei.uv: {min: x}}}\n",
     "2:64: tests[0].expect.weiwei.uv.min: is not a number (got x)"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, set: {shelf.uvv: 1}, expect: {weiwei.uv: 1}}\n",
     "2:44: tests[0].set.shelf.uvv: unknown field 'shelf.uvv' — did you mean 'shelf.uv'?"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, set: {'x:shelf.uv': 1}, expect: {weiwei.uv: 1}}\n",
     "2:44: tests[0].set.x:shelf.uv: no merchant 'x' in the scenario — merchants: weiwei"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, set: {shelf.aov: 0}, expect: {weiwei.uv: 1}}\n",
     "2:55: tests[0].set.shelf.aov: must be more than 0 (got 0)"),
    ("tests:\n  - {name: a, scenario: weiwei.yaml, set: 3, expect: {weiwei.uv: 1}}\n",
     "2:43: tests[0].set: must be a mapping of [MERCHANT_ID:]PATH to value"),
    ("tests: [{name: a, scenario: weiwei.yaml, expect: {weiwei.uv: 1}}]\nextra: 1\n",
     "2:1: extra: unknown key — known keys: tests"),
    ("tests:\n  - {name: a, name: b}\n", "2:15: tests[0].name: duplicate key (first written on line 2)"),
    ("tests: [\n", "invalid YAML"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "problem"), MALFORMED)
def test_malformed_test_files_give_located_errors(
    make: Make, capsys: pytest.CaptureFixture[str], text: str, problem: str
) -> None:
    path = make(text)
    code, out, err = outcome(capsys, [path])
    assert code == 1
    assert err.splitlines()[0].startswith(
        f"{path}:{problem}" if problem[0].isdigit() else str(path)
    )
    assert problem in err
    assert out.endswith(" failed\n") and not out.endswith(" 0 failed\n")


def test_a_missing_file_and_an_empty_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = outcome(capsys, [tmp_path / "none.test.yaml", tmp_path])
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path / 'none.test.yaml'}: no such file",
        f"{tmp_path}: no *.test.yaml files in this directory",
    ]
    assert out.endswith("0 passed, 2 failed\n")  # each counts as a failed test


def test_a_directory_means_its_test_files_recursively_sorted(
    make: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make(one_test("weiwei.role: factory").replace("name: one", "name: b"), "b.test.yaml")
    make(
        one_test("weiwei.role: factory", scenario="../weiwei.yaml").replace("name: one", "name: a"),
        "a/z.test.yaml",
    )
    make("tests: not even a list\n", "c.yaml")  # not *.test.yaml: not read
    code, out, _ = outcome(capsys, [tmp_path])
    assert (code, out) == (0, "✓ a\n✓ b\n2 passed, 0 failed\n")


def test_an_explicit_file_need_not_be_named_test_yaml(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(one_test("weiwei.role: factory"), "checks.yaml")
    assert outcome(capsys, [path])[0] == 0


# --- reports ---------------------------------------------------------------------------------------

MIXED = """\
tests:
  - name: passes
    scenario: weiwei.yaml
    expect: {weiwei.shelf.gmv: 445000}
  - name: fails <&> "twice"
    scenario: weiwei.yaml
    expect:
      weiwei.shelf.gmv: 1
      weiwei.content.gmv: {min: 1, max: 2}
"""


def test_json_report(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(MIXED)
    code, data = results(capsys, path)
    assert code == 1
    assert data == [
        {"file": str(path), "name": "passes", "line": 2, "passed": True, "failures": []},
        {
            "file": str(path),
            "name": 'fails <&> "twice"',
            "line": 5,
            "passed": False,
            "failures": [
                {
                    "line": 8,
                    "path": "weiwei.shelf.gmv",
                    "expected": 1,
                    "actual": 445000.0,
                    "message": "expected 1, got 445000",
                },
                {
                    "line": 9,
                    "path": "weiwei.content.gmv",
                    "expected": {"min": 1, "max": 2},
                    "actual": 854400.0,
                    "message": "expected between 1 and 2, got 854400",
                },
            ],
        },
    ]


def test_json_report_of_a_bad_path_and_a_malformed_file(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(one_test("weiwei.shelf.gmvv: 1"))
    failure = results(capsys, path)[1][0]["failures"][0]
    assert failure["expected"] == 1 and failure["actual"] is None
    assert failure["message"].startswith("no key 'gmvv' in weiwei.shelf (keys: uv, ")
    bad = make("tests: [1]\n", "bad.test.yaml")
    code, data = results(capsys, bad)
    assert code == 1
    assert data[0]["passed"] is False
    assert data[0]["failures"][0]["message"].startswith("must be a mapping")


def test_junit_report_parses_and_counts(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    first = make(MIXED)
    second = make(one_test("weiwei.role: factory"), "second.test.yaml")
    code, out, _ = outcome(capsys, [first, second], "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("3", "1")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        (str(first), "2", "1"),
        (str(second), "1", "0"),
    ]
    for suite in suites:  # the attributes junit-10.xsd allows (SPEC §9), and nothing else
        assert set(suite.attrib) == {
            "name", "tests", "failures", "errors", "skipped", "time", "timestamp"
        }  # fmt: skip
        assert all(set(c.attrib) <= {"name", "classname", "time", "group"} for c in suite)
        assert all(float(c.get("time", "x")) >= 0 for c in suite)
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == ["passes", 'fails <&> "twice"']
    assert all(c.get("classname") == str(first) for c in cases)
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "expected 1, got 445000 (and 1 more)"
    assert failure.text == (
        f"{first}:8: weiwei.shelf.gmv: expected 1, got 445000\n"
        f"{first}:9: weiwei.content.gmv: expected between 1 and 2, got 854400"
    )


def test_junit_report_is_valid_xml_whatever_the_names(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(
        one_test("weiwei.role: 'x\\x1b[31m\\x00'").replace(
            "name: one", 'name: "\\x1b]0;hi\\x07 ]]>"'
        )
    )
    code, out, _ = outcome(capsys, [path], "junit")
    assert code == 1
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "\\x1b]0;hi\\x07 ]]>"


def test_report_is_written_atomically_even_when_tests_fail(
    make: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = make(MIXED)
    report = tmp_path / "out" / "report.xml"
    report.parent.mkdir()
    report.write_text("old", encoding="utf-8")
    code, out, err = outcome(capsys, [path], "junit", output=str(report))
    assert (code, out, err) == (1, "", "")
    assert ET.parse(report).getroot().get("failures") == "1"
    assert sorted(os.listdir(report.parent)) == ["report.xml"]  # no temp file left


def test_report_to_a_missing_directory_is_an_error(
    make: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = make(MIXED)
    code, out, err = outcome(capsys, [path], "json", output=str(tmp_path / "no" / "r.json"))
    assert (code, out) == (1, "")
    assert "does not exist" in err


def test_zh_prints_the_summary_in_chinese_only(
    make: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(MIXED)
    code, out, _ = outcome(capsys, [path], lang="zh")
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "1个通过，1个失败" and "passed" not in out
    assert f"  {path}:8: weiwei.shelf.gmv: 应为 1，实际为 445000" in lines
    assert f"  {path}:9: weiwei.content.gmv: 应为 1到2之间，实际为 854400" in lines


def test_zh_words_test_file_problems(make: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make("tests: []\n")
    _, _, err = outcome(capsys, [path], lang="zh")
    assert err == f"{path}:1:8: tests: 至少需要一个测试\n"


# --- the shipped examples ----------------------------------------------------------------------------


def test_the_shipped_examples_pass_their_tests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = outcome(capsys, [SCENARIOS / "tests"])
    assert err == ""
    assert code == 0, out
    assert out.endswith(" passed, 0 failed\n")
    assert out.count("✓") >= 2 * len(list(SCENARIOS.glob("*.yaml")))  # compare and forecast each
    assert "crossover" in (SCENARIOS / "tests" / "examples.test.yaml").read_text(encoding="utf-8")
