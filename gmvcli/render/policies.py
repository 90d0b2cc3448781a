"""`gmvcli policies`: the built-in bonus-plan table as text, markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gmvcli.i18n import label, magnitude, money, percent
from gmvcli.policies import ILLUSTRATIVE, ILLUSTRATIVE_ZH, Policy
from gmvcli.render.csv import cell


def effects_text(p: Policy, lang: str) -> str:
    """What a policy does, e.g. "commission 0% · periods 1–3"."""
    zh = lang == "zh"
    parts = []
    if p.commission_rate is not None:
        parts.append(("佣金率改为 " if zh else "commission rate → ") + percent(p.commission_rate))
    if p.commission_discount is not None:
        parts.append(("佣金减免 " if zh else "commission − ") + percent(p.commission_discount))
    if p.public_uv_bonus is not None:
        parts.append(
            ("赠送访客 +" if zh else "free visitors +") + magnitude(p.public_uv_bonus, lang)
        )
    if p.rebate_rate is not None:
        base = "GMV" if p.rebate_base == "gmv" else ("流量成本" if zh else "traffic cost")
        parts.append(("返点 " if zh else "rebate ") + f"{percent(p.rebate_rate)} × {base}")
    if p.bet is not None:
        target, bonus = money(p.bet.gmv_target, lang), magnitude(p.bet.public_uv_bonus, lang)
        parts.append(
            f"对赌：当期 GMV ≥ {target} 则下期 +{bonus} 访客"
            if zh
            else f"bet: GMV ≥ {target} in a period → +{bonus} visitors next period"
        )
    if not parts:
        return "（不直接建模）" if zh else "(not modelled)"
    if p.periods == 1:
        parts.append("仅第1期" if zh else "period 1 only")
    elif p.periods is not None:
        parts.append(f"第1–{p.periods}期" if zh else f"periods 1–{p.periods}")
    return " · ".join(parts)


def _roles(p: Policy, lang: str) -> str:
    return ", ".join(label(f"role.{r}", lang) for r in p.roles) or "*"


def _name(p: Policy, lang: str) -> str:
    return p.zh if lang == "zh" else f"{p.en} ({p.zh})"


def policies_data(chosen: Sequence[Policy]) -> dict[str, Any]:
    return {
        "note": ILLUSTRATIVE,
        "policies": [
            {
                "id": p.id,
                "name": {"zh": p.zh, "en": p.en},
                "roles": list(p.roles),
                "group": p.group,
                "effects": {
                    k: v
                    for k, v in (
                        ("commission_rate", p.commission_rate),
                        ("commission_discount", p.commission_discount),
                        ("public_uv_bonus", p.public_uv_bonus),
                        ("rebate_rate", p.rebate_rate),
                        ("rebate_base", p.rebate_base if p.rebate_rate is not None else None),
                        (
                            "bet",
                            {
                                "gmv_target": p.bet.gmv_target,
                                "public_uv_bonus": p.bet.public_uv_bonus,
                            }
                            if p.bet
                            else None,
                        ),
                        ("periods", p.periods),
                    )
                    if v is not None
                },
                "note": p.note,
            }
            for p in chosen
        ],
    }


def render_csv(chosen: Sequence[Policy]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name_zh", "name_en", "roles", "group", "effects", "note"])
    for p in chosen:
        row = [p.id, p.zh, p.en, " ".join(p.roles), p.group, effects_text(p, "en"), p.note]
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def render_markdown(chosen: Sequence[Policy], lang: str) -> str:
    head = "| id | 名称 | 角色 | 效果 |" if lang == "zh" else "| id | name | roles | effects |"
    lines = [head, "|---|---|---|---|"]
    for p in chosen:
        lines.append(
            f"| `{p.id}` | {_name(p, lang)} | {_roles(p, lang)} | {effects_text(p, lang)} |"
        )
    note = ILLUSTRATIVE_ZH if lang == "zh" else ILLUSTRATIVE
    return "\n".join([*lines, "", f"_{note}_", ""])


def render_table(chosen: Sequence[Policy], lang: str, width: int, color: bool) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from gmvcli.render.table import _print

    zh = lang == "zh"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("名称" if zh else "name", overflow="fold")
    table.add_column("角色" if zh else "roles", overflow="fold")
    table.add_column("效果" if zh else "effects", overflow="fold")
    for p in chosen:
        table.add_row(p.id, _name(p, lang), _roles(p, lang), effects_text(p, lang))
    note = ILLUSTRATIVE_ZH if zh else ILLUSTRATIVE
    return _print([table, Text(note, style="italic")], width, color)
