"""`gmvcli score` (SPEC §11): exactness against compare/forecast, formats, bad rows, templates."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.score.tables import ROOT, flatten, tables

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

runner = CliRunner()
WEIWEI = str(ROOT / "scenarios" / "weiwei-factory.yaml")


def gmvcli(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"LANG": "en_US.UTF-8"})


def read(path: Path) -> list[dict[str, Any]]:
    """An output table as rows, whatever its format (CSV numbers parsed back to floats)."""
    if path.suffix == ".parquet":
        return list(pq.read_table(path).to_pylist())
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = []
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
        out: dict[str, Any] = {}
        for k, v in row.items():
            if k in ("id", "error"):
                out[k] = v or None
            elif k == "forecast.crossover":
                out[k] = int(v) if v else None
            else:
                out[k] = float(v) if v else None
        rows.append(out)
    return rows


def write_table(rows: list[dict[str, Any]], path: Path) -> Path:
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    else:
        columns = list(dict.fromkeys(k for r in rows for k in r))
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, columns)
            w.writeheader()
            w.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    return path


def test_every_column_equals_compare_and_forecast_json(tmp_path: Path) -> None:
    """The shipped scenarios' merchants as tables: each score number is the JSON's number."""
    checked = 0
    for scenario, template, rows in tables(tmp_path):
        table = write_table(rows, tmp_path / f"{template.stem}.parquet")
        out = tmp_path / f"{template.stem}.out.parquet"
        r = gmvcli(
            "score", str(table), "--template", str(template), "--periods", "12", "-o", str(out)
        )
        assert r.exit_code == 0, r.stderr
        got = {row["id"]: row for row in read(out)}
        assert list(got) == [row["id"] for row in rows]
        compare = json.loads(gmvcli("compare", scenario, "--format", "json").stdout)
        forecast = json.loads(
            gmvcli("forecast", scenario, "--format", "json", "--periods", "12").stdout
        )
        totals = {m["id"]: m for m in forecast["merchants"]}
        for m in compare["merchants"]:
            if m["id"] not in got:
                continue
            row = got.pop(m["id"])
            expected = flatten({k: m[k] for k in ("shelf", "content", "comparison")})
            for model in ("shelf", "content", "comparison"):
                if m[model] is None:  # a model the merchant lacks: every column of it is empty
                    expected.pop(model)
                    expected.update({k: None for k in row if k.startswith(model + ".")})
            f = totals[m["id"]]
            expected["forecast.crossover"] = f["crossover"]
            for model in ("shelf", "content"):
                t = f["totals"][model]
                expected[f"forecast.{model}.contribution"] = t and t["contribution"]
            expected.update(id=m["id"], error=None)
            assert row == expected, m["id"]
            checked += 1
        assert not got
    assert checked == 8


WEIWEI_ROWS = [
    {"id": "a", "shelf.uv": "15万", "content.aov": "¥99", "cogs_rate": "40%"},
    {"id": "b", "shelf.uv": 150000, "content.aov": 99, "cogs_rate": 0.4},
    {"id": "c", "content.fans": "1,200", "policies": "none"},
    {"id": "d", "content.private_uv": 30000, "forecast.follow_rate": "5%"},
    {"id": "e"},
    {"id": "f", "shelf.uv": 90000, "content.refund_rate": "20%"},
]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_formats_round_trip(tmp_path: Path, fmt: str) -> None:
    """CSV, JSONL and Parquet tables give the same results in CSV, JSONL and Parquet; a §2 string
    ("15万", "40%", "¥99") scores exactly like the number it stands for."""
    rows = WEIWEI_ROWS
    if fmt == "parquet":  # Parquet columns have one type: text throughout
        rows = [{k: str(v) for k, v in r.items()} for r in rows]
    table = write_table(rows, tmp_path / f"t.{fmt}")
    outputs = []
    for out_fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"o-{fmt}.{out_fmt}"
        r = gmvcli("score", str(table), "--template", WEIWEI, "--periods", "3", "-o", str(out))
        assert r.exit_code == 0, r.stderr
        outputs.append(read(out))
    assert outputs[0] == outputs[1] == outputs[2]
    a, b = outputs[0][0], outputs[0][1]
    assert a["id"] == "a" and {**a, "id": "b"} == b
    assert [r["id"] for r in outputs[0]] == ["a", "b", "c", "d", "e", "f"]
    if fmt == "jsonl":  # sections may also be nested, as in a scenario file
        nested = {"id": "f", "shelf": {"uv": 90000}, "content": {"refund_rate": "20%"}}
        table.write_text(json.dumps(nested) + "\n", "utf-8")
        out = tmp_path / "nested.jsonl"
        r = gmvcli("score", str(table), "--template", WEIWEI, "--periods", "3", "-o", str(out))
        assert r.exit_code == 0, r.stderr
        assert read(out) == outputs[0][-1:]


def test_stdout_csv_and_jsonl(tmp_path: Path) -> None:
    table = write_table(WEIWEI_ROWS, tmp_path / "t.csv")
    r = gmvcli("score", str(table), "--template", WEIWEI)
    assert r.exit_code == 0, r.stderr
    header = r.stdout.splitlines()[0]
    assert header.startswith('"id","shelf.uv","shelf.conversion"') and header.endswith('"error"')
    assert "forecast.crossover" not in header
    r = gmvcli("score", str(table), "--template", WEIWEI, "--format", "jsonl", "--periods", "2")
    first = json.loads(r.stdout.splitlines()[0])
    assert first["shelf.uv"] == 150000.0 and first["error"] is None
    assert "forecast.content.contribution" in first


def test_template_fields_excluded_by_the_row(tmp_path: Path) -> None:
    """The template has fans + reach_rate; a row's private_uv drops fans (SPEC §3) and keeps
    reach_rate: the numbers equal compare of that merchant written as a scenario."""
    table = write_table([{"id": "weiwei", "content.private_uv": 70000}], tmp_path / "t.csv")
    out = tmp_path / "o.jsonl"
    r = gmvcli("score", str(table), "--template", WEIWEI, "--periods", "12", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    row = read(out)[0]
    text = Path(WEIWEI).read_text(encoding="utf-8")
    assert "      fans: 20万" in text
    variant = tmp_path / "v.yaml"
    variant.write_text(text.replace("      fans: 20万", "      private_uv: 70000"), "utf-8")
    compare = json.loads(gmvcli("compare", str(variant), "--format", "json").stdout)
    forecast = json.loads(gmvcli("forecast", str(variant), "--format", "json").stdout)
    m = compare["merchants"][0]
    assert row["content.private_uv"] == 70000
    assert flatten({"content": m["content"]}).items() <= row.items()
    assert (
        row["forecast.content.contribution"]
        == (forecast["merchants"][0]["totals"]["content"]["contribution"])
    )
    # both in one row is an error, not a silent choice
    table = write_table(
        [{"id": "x", "content.private_uv": 1, "content.fans": 2}], tmp_path / "both.csv"
    )
    r = gmvcli("score", str(table), "--template", WEIWEI)
    assert r.exit_code == 1
    assert (
        "row 2, column content.fans: give private_uv or fans (with reach_rate), not both"
        in r.stderr
    )


def test_bad_rows_are_kept_reported_and_counted(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [{"id": "good", "shelf.uv": "10万"}]
    rows += [{"id": f"bad{i}", "shelf.conversion_rate": 2.5} for i in range(22)]
    rows += [
        {"id": "good", "shelf.uv": 1},  # repeated id
        {"id": "Bad Id"},
        {"id": "p", "policies": "new_store_comission_free"},
        {"id": "", "shelf.uv": 5},
        {"id": "last", "shelf.uv": "lots"},
        {"id": "fine", "content.aov": 120},
    ]
    table = write_table(rows, tmp_path / "t.csv")
    out, errors = tmp_path / "o.csv", tmp_path / "errors.csv"
    r = gmvcli("score", str(table), "--template", WEIWEI, "-o", str(out), "--errors", str(errors))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0] == (
        f"{table}: row 3, column shelf.conversion_rate: must be between 0 and 1 (got 2.5)"
        " — write 2.5% for a percentage"
    )
    assert lines[-1] == (f"{table}: rows with errors: 27 (20 shown); their results are empty")
    got = read(out)
    assert [g["id"] for g in got] == [r["id"] or None for r in rows]
    assert got[0]["error"] is None and got[0]["shelf.uv"] == 100000
    assert got[-1]["error"] is None and got[-1]["content.gmv"] is not None
    by_id = {g["id"]: g for g in got[1:-1]}
    assert all(v is None for k, v in by_id["bad0"].items() if k not in ("id", "error"))
    assert got[23]["error"] == "row 25, column id: repeated id (first on row 2) (got good)"
    assert by_id["Bad Id"]["error"].startswith("row 26, column id: must be lowercase letters")
    assert by_id["p"]["error"] == (
        "row 27, column policies: unknown policy (got new_store_comission_free)"
        " — did you mean 'new_store_commission_free'?"
    )
    assert got[26]["error"] == "row 28, column id: every row needs an id"
    assert by_id["last"]["error"].startswith("row 29, column shelf.uv: is not a number (got lots)")
    listed = list(csv.reader(io.StringIO(errors.read_text(encoding="utf-8"))))
    assert listed[0] == ["row", "column", "value", "message"]
    assert len(listed) == 1 + 27
    assert listed[-1][:3] == ["29", "shelf.uv", "lots"]
    assert listed[-1][3].startswith("is not a number — write a number such as")


def test_errors_in_chinese_and_unforecastable_rows(tmp_path: Path) -> None:
    table = write_table(
        [
            {"id": "a", "shelf.uv": "abc"},
            {"id": "b", "content.private_uv": 5000, "content.reach_rate": 0},
        ],
        tmp_path / "t.csv",
    )
    r = runner.invoke(
        app, ["score", str(table), "--template", WEIWEI, "--periods", "3", "--lang", "zh"]
    )
    assert r.exit_code == 1
    assert "第2行 shelf.uv 列：" in r.stderr
    assert (
        "第3行 content.reach_rate 列：没有 reach_rate（每期观看直播的粉丝比例）就无法预测私域访客"
        in r.stderr
    )
    assert "出错的行共2行" in r.stderr


def test_table_level_and_usage_errors(tmp_path: Path) -> None:
    table = write_table([{"id": "a", "shelf.uvv": 1}], tmp_path / "t.csv")
    r = gmvcli("score", str(table), "--template", WEIWEI)
    assert r.exit_code == 1 and "unknown column 'shelf.uvv' — did you mean 'shelf.uv'?" in r.stderr
    table = write_table([{"id": "a"}], tmp_path / "t.csv")
    assert gmvcli("score", str(table), "--format", "parquet").exit_code == 2
    assert gmvcli("score", str(table), "--scheduler", "tcp://x:1").exit_code == 2
    assert gmvcli("score", str(tmp_path / "t.txt")).exit_code == 2
    assert gmvcli("score", str(table), "--format", "markdown").exit_code == 2
    r = gmvcli("score", str(table), "-o", str(table))
    assert r.exit_code == 1 and "refusing" in r.stderr


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    r = gmvcli("score", str(tmp_path / "t.csv"))
    assert r.exit_code == 2
    assert "pip install 'gmvcli[scale]'" in r.stderr


PROBE = """
import sys
from gmvcli.cli import app
for args in (["compare", sys.argv[1], "--format", "json"], ["forecast", sys.argv[1]], ["--help"]):
    try:
        app(args, prog_name="gmvcli")
    except SystemExit:
        pass
heavy = [m for m in ("pyarrow", "dask", "distributed", "pandas") if m in sys.modules]
sys.stderr.write("SCALE=" + ",".join(heavy) + "\\n")
"""


def test_other_commands_do_not_import_the_scale_extra() -> None:
    p = subprocess.run(
        [sys.executable, "-c", PROBE, WEIWEI], capture_output=True, text=True, timeout=60
    )
    assert "SCALE=\n" in p.stderr, p.stderr[-500:]


def test_row_numbers_are_lines_in_the_file(tmp_path: Path) -> None:
    """Blank lines and a quoted cell over two lines: R is still the line the record starts on."""
    table = tmp_path / "t.csv"
    table.write_text('id,shelf.uv,name\n\na,abc,"two\nlines"\nb,1,n\n\nc,y,n\n', "utf-8")
    r = gmvcli("score", str(table), "--template", WEIWEI)
    assert r.exit_code == 1
    assert "row 3, column shelf.uv" in r.stderr and "row 7, column shelf.uv" in r.stderr
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text('{"id": "a"}\n\n{"id": "b", "shelf.uv": "x"}\nnot json\n', "utf-8")
    r = gmvcli("score", str(jsonl), "--template", WEIWEI, "--format", "jsonl")
    assert r.exit_code == 1
    assert "row 3, column shelf.uv: is not a number (got x)" in r.stderr
    assert "row 4, column -: not valid JSON" in r.stderr
    assert len(r.stdout.splitlines()) == 3


def test_budgets_replace_visitor_counts(tmp_path: Path) -> None:
    """A row's traffic_budget / public_budget drops the template's uv / public_uv (SPEC §3); the
    budget is held over the forecast while the cost of a visitor grows, as `forecast` does."""
    text = Path(WEIWEI).read_text(encoding="utf-8")
    variant = tmp_path / "v.yaml"
    variant.write_text(
        text.replace("      uv: 20万 ", "      traffic_budget: 150000 ").replace(
            "      public_uv: 10万 ", "      public_budget: 45000 "
        ),
        "utf-8",
    )
    assert variant.read_text("utf-8").count("_budget: ") == 2
    table = write_table(
        [{"id": "weiwei", "shelf.traffic_budget": 150000, "content.public_budget": "4.5万"}],
        tmp_path / "t.csv",
    )
    out = tmp_path / "o.jsonl"
    r = gmvcli("score", str(table), "--template", WEIWEI, "--periods", "12", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    row = read(out)[0]
    m = json.loads(gmvcli("compare", str(variant), "--format", "json").stdout)["merchants"][0]
    f = json.loads(gmvcli("forecast", str(variant), "--format", "json").stdout)["merchants"][0]
    assert flatten({k: m[k] for k in ("shelf", "content", "comparison")}).items() <= row.items()
    assert row["forecast.shelf.contribution"] == f["totals"]["shelf"]["contribution"]
    assert row["forecast.content.contribution"] == f["totals"]["content"]["contribution"]
    assert row["forecast.crossover"] == f["crossover"]
    bad = write_table(
        [
            {"id": "a", "shelf.uv": 1, "shelf.traffic_budget": 2},
            {"id": "b", "shelf.traffic_budget": 2, "shelf.traffic_cost_per_uv": 0},
        ],
        tmp_path / "bad.csv",
    )
    r = gmvcli("score", str(bad), "--template", WEIWEI)
    assert r.exit_code == 1
    assert "row 2, column shelf.traffic_budget: give uv or traffic_budget, not both" in r.stderr
    assert (
        "row 3, column shelf.traffic_cost_per_uv: traffic_budget needs traffic_cost_per_uv above 0"
        in r.stderr
    )


def test_xlsx_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("xlsxwriter")
    table = write_table(WEIWEI_ROWS, tmp_path / "t.csv")
    book, flat = tmp_path / "o.xlsx", tmp_path / "o.parquet"
    args = ["score", str(table), "--template", WEIWEI, "--periods", "3"]
    assert gmvcli(*args, "-o", str(flat)).exit_code == 0
    r = runner.invoke(app, [*args, "-o", str(book), "--lang", "zh"])
    assert r.exit_code == 0, r.stderr
    sheet = openpyxl.load_workbook(book).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "商家ID" and rows[0][-1] == "错误" and "货架电商 · GMV" in rows[0]
    expected = read(flat)
    assert len(rows) == 1 + len(expected)
    for got, want in zip(rows[1:], expected, strict=True):
        assert list(got) == list(want.values())
    assert gmvcli("score", str(table), "--format", "xlsx").exit_code == 2  # needs -o


@pytest.mark.parametrize(
    ("name", "content", "zh"),
    [
        ("bad.parquet", b"PAR1garbagePAR1", "不是有效的 Parquet 文件"),
        ("csv.parquet", b"id,shelf.uv\na,1\n", "不是有效的 Parquet 文件"),
        ("bad.jsonl", b"nope\n", "第一行不是有效的 JSON 对象"),
    ],
)
def test_an_unreadable_table_in_chinese_has_no_library_english(
    tmp_path: Path, name: str, content: bytes, zh: str
) -> None:
    table = tmp_path / name
    table.write_bytes(content)
    r = runner.invoke(app, ["score", str(table), "-o", str(tmp_path / "o.csv"), "--lang", "zh"])
    assert r.exit_code == 1
    line = r.stderr.strip()
    assert f"无法读取表格：{zh}" in line
    rest = line.replace(str(table), "").replace("Parquet", "").replace("JSON", "")
    assert not any(c.isascii() and c.isalpha() for c in rest), line
    en = runner.invoke(app, ["score", str(table), "-o", str(tmp_path / "o.csv"), "--lang", "en"])
    assert "cannot read the table: " in en.stderr  # en keeps the library's own words


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "score cannot write json; it writes csv, jsonl, parquet, xlsx"),
        ("zh", "score 不能输出 json，只能输出 csv、jsonl、parquet、xlsx"),
    ],
)
def test_a_format_score_cannot_write_is_refused_as_every_command_refuses_one(
    lang: str, said: str, tmp_path: Path
) -> None:
    table = tmp_path / "t.csv"
    table.write_text("id\nx\n", encoding="utf-8")
    r = runner.invoke(app, ["score", str(table), "-f", "json", "--lang", lang])
    assert r.exit_code == 2 and said in r.stderr, r.stderr
    assert "Value error" not in r.stderr and r.stdout == ""
