"""The bad-input corpus: every file in tests/data/bad/ has exactly one problem, and `gmvcli compare`
must report it as `FILE:LINE:COL: field.path: message (got VALUE)` with exit 1 and without a
traceback (SPEC §2, §3, §6, §7).

Most cases are committed files. A few are generated at test time by `GENERATORS` because they are
large or exist to be large: `deep-nesting.yaml` (10,000 nested lists, 20 KB), `megabyte-text-number.yaml`
and `megabyte-digits-number.yaml` (a 2 MB value in a numeric field) and, outside the table,
`megabyte-name.yaml` (a 2 MB merchant name, which is valid).

Cases marked `bug=` are known deviations from the SPEC; they run as strict xfails, so fixing the bug
makes the suite say so (then delete the `bug=`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gmvcli.cli import app

BAD = Path(__file__).parent / "data" / "bad"
#: English messages whatever the machine's locale
ENV = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@dataclass(frozen=True)
class Case:
    file: str  # name in tests/data/bad/ (or in GENERATORS)
    line: int | None  # None: the error has no position (FILE: path: ...)
    column: int | None
    path: str  # field path; "" when the problem is not in one field
    message: str  # a substring of the message
    got: str | None = None  # the value quoted as "(got VALUE)", when the message quotes one
    hint: str | None = None  # a substring of the fix after "—"
    bug: str | None = None  # a known deviation: the case is a strict xfail


CASES = [
    # --- §2 numbers ---------------------------------------------------------------------------
    Case("rate-as-percent-number.yaml", 7, 24, "merchants[0].shelf.conversion_rate",
         "must be between 0 and 1", got="2.5", hint="write 2.5% for a percentage"),
    Case("bad-number-text.yaml", 6, 11, "merchants[0].shelf.uv", "is not a number", got="lots",
         hint="write a number such as"),
    Case("bool-as-number.yaml", 9, 28, "merchants[0].shelf.traffic_cost_per_uv",
         "is not a number", got="yes"),  # YAML 1.2: yes is text
    Case("nan.yaml", 8, 12, "merchants[0].shelf.aov", "must be a finite number", got=".nan"),
    Case("infinity.yaml", 6, 11, "merchants[0].shelf.uv", "must be a finite number", got=".inf"),
    Case("huge-number.yaml", 6, 11, "merchants[0].shelf.uv", "is too large", got="1e300"),
    Case("huge-exponent.yaml", 6, 11, "merchants[0].shelf.uv", "is too large", got="1e1000000"),
    Case("negative-uv.yaml", 6, 11, "merchants[0].shelf.uv", "must be 0 or more", got="-1000"),
    Case("zero-aov.yaml", 9, 12, "merchants[0].content.aov", "must be more than 0", got="0"),
    Case("ansi-escape-in-number.yaml", 5, 17, "merchants[0].shelf.uv", "is not a number",
         got="\\x1b[31m1000"),
    Case("megabyte-text-number.yaml", 8, 12, "merchants[0].shelf.aov", "is not a number",
         got="x" * 79 + "…"),
    Case("megabyte-digits-number.yaml", 8, 12, "merchants[0].shelf.aov", "is too large"),
    # --- §3 file format -----------------------------------------------------------------------
    Case("empty-file.yaml", 1, 1, "", "a scenario file must be a mapping", got="nothing"),
    Case("root-is-list.yaml", 1, 1, "", "a scenario file must be a mapping", got="list"),
    Case("unknown-key.yaml", 7, 7, "merchants[0].shelf.conversoin_rate", "unknown key",
         hint="did you mean 'conversion_rate'?"),
    Case("unknown-top-level-key.yaml", 2, 1, "merchant", "unknown key",
         hint="did you mean 'merchants'?"),
    Case("duplicate-key.yaml", 9, 7, "merchants[0].shelf.aov",
         "duplicate key (first written on line 8)"),
    Case("duplicate-merchant-id.yaml", 6, 9, "merchants[1].id",
         "duplicate merchant id (also merchants[0])", got="shop"),
    Case("no-merchants.yaml", 1, 1, "merchants", "missing required key 'merchants'"),
    Case("merchants-empty-list.yaml", 2, 12, "merchants", "at least one merchant"),
    Case("merchant-not-mapping.yaml", 3, 5, "merchants[0]", "must be a mapping", got="shop"),
    Case("missing-name.yaml", 3, 5, "merchants[0].name", "missing required key 'name'"),
    Case("no-model.yaml", 3, 5, "merchants[0]", "needs a shelf: or a content: section"),
    Case("fans-and-private-uv.yaml", 7, 7, "merchants[0].content.fans",
         "give private_uv or fans (with reach_rate), not both"),
    Case("fans-without-reach.yaml", 6, 7, "merchants[0].content.fans", "fans needs reach_rate",
         hint="add reach_rate"),
    Case("version-2.yaml", 1, 9, "gmvcli", "unsupported format version", got="2"),
    Case("bad-role.yaml", 5, 11, "merchants[0].role", "must be one of factory, brand, streamer",
         got="wholesaler"),
    Case("bad-id-pattern.yaml", 3, 9, "merchants[0].id", "[a-z0-9_-]+", got="Wei Wei"),
    Case("bad-period.yaml", 2, 9, "period", "must be one of day, week, month, quarter",
         got="fortnight"),
    # --- §6 policies, §5 forecast -------------------------------------------------------------
    Case("unknown-policy.yaml", 6, 16, "merchants[0].policies[0]", "unknown policy",
         got="new_store_comission_free", hint="did you mean 'new_store_commission_free'?"),
    Case("rate-over-one-in-policy.yaml", 5, 22, "policies.big_cut.commission_rate",
         "must be between 0 and 1", got="150%"),
    Case("periods-zero.yaml", 3, 12, "forecast.periods", "whole number of periods from 1", got="0"),
    # --- §8 correlations ------------------------------------------------------------------------
    Case("correlations-not-positive-definite.yaml", 10, 5, "correlations[2]",
         "correlation matrix is not positive definite", hint="pairs not listed are independent"),
    # --- YAML itself and hostile input ---------------------------------------------------------
    Case("invalid-yaml-syntax.yaml", 6, 1, "", "invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts on line 5)"),
    Case("invalid-utf8.yaml", 1, 10, "", "not valid UTF-8", got="byte 0xe9", hint="save it as UTF-8"),
    Case("python-object-tag.yaml", 1, 7, "name", "unsupported YAML tag",
         got="!!python/object/apply:os.system"),
    Case("python-name-tag.yaml", 8, 12, "merchants[0].shelf.aov", "unsupported YAML tag",
         got="!!python/name:os.system"),
    Case("merge-key.yaml", 9, 7, "merchants[1].shelf", "YAML merge keys (<<) are not supported"),
    Case("alias-bomb.yaml", 7, 9, "merchants[0].name[4][0][6][6][0]", "aliases expand the document past 10× its size"),
    Case("deep-nesting-100.yaml", 3, 76, "", "nested more than 64 levels deep"),
    Case("deep-nesting.yaml", 2, 1011, "", "invalid YAML: exceeded maximum nesting depth"),
]  # fmt: skip


# --- generated inputs ----------------------------------------------------------------------------

MEGABYTE = 1024 * 1024


def _megabyte_number(value: str) -> str:
    return (
        "name: A 2 MB value in a numeric field\nmerchants:\n  - id: shop\n    name: Shop\n"
        f"    shelf:\n      uv: 1000\n      conversion_rate: 2%\n      aov: {value}\n"
    )


GENERATORS: dict[str, Callable[[], str]] = {
    # 10,000 nested flow lists (libyaml stops at depth 1000, column 11 + 1000)
    "deep-nesting.yaml": lambda: "name: Deep\nmerchants: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "megabyte-text-number.yaml": lambda: _megabyte_number("x" * (2 * MEGABYTE)),
    "megabyte-digits-number.yaml": lambda: _megabyte_number("1" * (2 * MEGABYTE)),
}


def case_path(name: str, tmp_path: Path) -> Path:
    """The committed file, or the generated one written into tmp_path."""
    if name in GENERATORS:
        path = tmp_path / name
        path.write_text(GENERATORS[name](), encoding="utf-8")
        return path
    return BAD / name


def invoke(*args: str) -> Result:
    """Run gmvcli in-process (how long it takes is for benchmarks/, never a test: SPEC §7's bounds
    are tested as bounded work in tests/hostile/)."""
    return CliRunner(env=ENV).invoke(app, list(args))


def assert_clean_failure(result: Result) -> None:
    """Exit 1 through SystemExit: no traceback, no internal error."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr, result.stderr


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else []
    return pytest.param(case, id=case.file.removesuffix(".yaml"), marks=marks)


# --- the corpus ----------------------------------------------------------------------------------


def test_every_committed_file_has_a_case() -> None:
    committed = {p.name for p in BAD.glob("*.yaml")}
    listed = {c.file for c in CASES}
    assert committed - listed == set(), "files in tests/data/bad without a case"
    assert listed - committed - set(GENERATORS) == set(), "cases without a file"
    assert len(CASES) >= 26


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    path = case_path(case.file, tmp_path)
    result = invoke("compare", str(path))

    assert_clean_failure(result)
    where = f"{path}:{case.line}:{case.column}: " if case.line is not None else f"{path}: "
    prefix = where + (f"{case.path}: " if case.path else "")
    assert prefix in result.stderr, result.stderr[:2000]
    line = next(x for x in result.stderr.splitlines() if x.startswith(prefix))
    assert case.message in line, line
    if case.got is not None:
        assert f"(got {case.got})" in line, line
    if case.hint is not None:
        assert " — " in line and case.hint in line.split(" — ", 1)[1], line
    assert result.stdout == ""  # table format: nothing to show when the only input failed


def test_error_is_reported_once(tmp_path: Path) -> None:
    """One problem, one line (files whose single problem is also reported as a second, derived
    problem are left out: see unknown-key / unknown-top-level-key in the report)."""
    for case in CASES:
        if case.bug or case.file in ("unknown-key.yaml", "unknown-top-level-key.yaml"):
            continue
        result = invoke("compare", str(case_path(case.file, tmp_path)))
        assert len(result.stderr.splitlines()) == 1, (case.file, result.stderr[:2000])


def test_percentage_over_100_has_no_doubled_percent_hint() -> None:
    result = invoke("compare", str(BAD / "rate-over-one-in-policy.yaml"))
    assert "%%" not in result.stderr, result.stderr


def test_megabyte_error_quotes_a_short_value(tmp_path: Path) -> None:
    result = invoke("compare", str(case_path("megabyte-text-number.yaml", tmp_path)))
    assert len(result.stderr) < 500, len(result.stderr)


# --- hostile YAML tags are refused, never executed -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/apply:os.system {{args: ["touch {marker}"]}}',
        '!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        "!!python/name:os.system",
    ],
    ids=["apply-list", "apply-mapping", "subprocess", "name"],
)
def test_python_tags_are_never_executed(value: str, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    scenario = tmp_path / "tag.yaml"
    scenario.write_text(
        f"name: {value.format(marker=marker)}\nmerchants:\n  - id: shop\n    name: Shop\n"
        "    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}\n",
        encoding="utf-8",
    )
    for fmt in ("table", "json"):
        result = invoke("compare", str(scenario), "--format", fmt)
        assert_clean_failure(result)
        assert f"{scenario}:1:7: name: " in result.stderr
        assert not marker.exists()


# --- a 2 MB name is fine -----------------------------------------------------------------------


def test_megabyte_name_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "megabyte-name.yaml"
    name = "名" * (2 * MEGABYTE // 3)  # 2 MB of UTF-8
    path.write_text(
        f"name: Big name\nmerchants:\n  - id: shop\n    name: {name}\n"
        "    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}\n",
        encoding="utf-8",
    )
    result = invoke("compare", str(path), "--format", "json")
    assert result.exit_code == 0, result.output[:2000]
    assert json.loads(result.stdout)["merchants"][0]["name"] == name


# --- batches and -o ----------------------------------------------------------------------------

GOOD = """\
name: Good shop
merchants:
  - id: good
    name: Good
    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}
"""


def test_batch_jsonl_prints_good_result_and_error_object(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad = BAD / "rate-as-percent-number.yaml"

    result = invoke("compare", str(good), str(bad), "--format", "jsonl")

    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    first, second = (json.loads(line) for line in lines)
    assert first["file"] == str(good)
    assert first["merchants"][0]["id"] == "good"
    assert first["merchants"][0]["shelf"]["gmv"] == 1000
    assert set(second) == {"file", "error"}
    assert second["file"] == str(bad)
    error = second["error"]
    assert set(error) == {"code", "message", "line", "column", "path"}
    assert (error["line"], error["column"]) == (7, 24)
    assert error["path"] == "merchants[0].shelf.conversion_rate"
    assert "must be between 0 and 1 (got 2.5)" in error["message"]
    assert f"{bad}:7:24: merchants[0].shelf.conversion_rate: " in result.stderr


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("OLD CONTENT\n", encoding="utf-8")
    bad = BAD / "negative-uv.yaml"

    result = invoke("compare", str(bad), "--format", "json", "-o", str(out))

    assert_clean_failure(result)
    assert out.read_text(encoding="utf-8") == "OLD CONTENT\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temp file left
    assert "out.json was not written" in result.stderr
    assert result.stdout == ""
