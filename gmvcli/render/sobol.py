"""`sensitivity --method sobol` (SPEC §8): JSON data, CSV and the terminal table."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from gmvcli.errors import safe_text
from gmvcli.i18n import label
from gmvcli.messages import text
from gmvcli.render.data import r6
from gmvcli.render.words import field_label

if TYPE_CHECKING:
    from gmvcli.uncertainty import SobolResult


def sobol_data(
    file: str, name: str, metric: str, runs: int, seed: int, results: dict[str, SobolResult]
) -> dict[str, Any]:
    """`{"file", "name", "metric", "method": "sobol", "runs", "seed", "merchants": [{"id",
    "evaluations", "rows": [{"path", "s1", "s1_conf", "st", "st_conf"}]}]}`, rows by st."""
    return {
        "file": file,
        "name": name,
        "metric": metric,
        "method": "sobol",
        "runs": runs,
        "seed": seed,
        "merchants": [
            {
                "id": merchant_id,
                "inputs": result.inputs,
                "evaluations": result.evaluations,
                "rows": [
                    {
                        "path": r.path,
                        "s1": r6(r.s1),
                        "s1_conf": r6(r.s1_conf),
                        "st": r6(r.st),
                        "st_conf": r6(r.st_conf),
                    }
                    for r in result.rows
                ],
            }
            for merchant_id, result in results.items()
        ],
    }


def sobol_csv(data: dict[str, Any]) -> str:
    from gmvcli.render.csv import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "merchant", "metric", "path", "s1", "s1_conf", "st", "st_conf"])
    for m in data["merchants"]:
        for r in m["rows"]:
            row = [data["file"], m["id"], data["metric"], r["path"]]
            row += [r["s1"], r["s1_conf"], r["st"], r["st_conf"]]
            writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def sobol_text(
    data: dict[str, Any], lang: str, width: int, color: bool, scenario: Any = None
) -> str:
    """Per merchant: input, S1 ± 95%, ST ± 95% (and a bar of ST when there is room); a policy's
    effect by the policy's name in `scenario`."""
    from gmvcli.render.grid import Cell, Column, Grid, Line, print_blocks
    from gmvcli.render.uncertain import _names

    bars = width >= 90
    out: list[Any] = [Line(safe_text(data["name"]), "bold underline")]
    for m in data["merchants"]:
        title = (
            f"{m['id']} · {text('sobol.title', lang)} · {label('metric.' + data['metric'], lang)}"
        )
        columns = [
            Column(label("sens.input", lang), overflow="fold"),
            *(
                Column(text(key, lang), "right", no_wrap=True)
                for key in ("sobol.s1", "sobol.conf", "sobol.st", "sobol.conf")
            ),
        ]
        if bars:
            columns.append(Column("", no_wrap=True))
        rows: list[list[Cell]] = []
        for r in m["rows"]:
            cells: list[Cell] = [
                safe_text(field_label(r["path"], lang, _names(scenario, m["id"]))),
                f"{r['s1']:.3f}",
                f"±{r['s1_conf']:.3f}",
                f"{r['st']:.3f}",
                f"±{r['st_conf']:.3f}",
            ]
            if bars:
                cells.append("█" * max(0, round(min(max(r["st"], 0.0), 1.0) * 20)))
            rows.append(cells)
        if not m["rows"]:
            why = "sobol.no_metric" if m["inputs"] else "sobol.none"
            rows.append([text(why, lang), *[""] * (5 if bars else 4)])
        out.append(Grid(tuple(columns), rows, title=Line(safe_text(title), "bold")))
        if m["rows"]:
            note = text(
                "sobol.note",
                lang,
                runs=f"{data['runs']:,}",
                inputs=m["inputs"],
                evaluations=f"{m['evaluations']:,}",
                seed=data["seed"],
            )
            out.append(Line(note))
        out.append(Line(""))
    return print_blocks(out, width, color)
