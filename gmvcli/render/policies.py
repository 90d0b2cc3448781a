"""`gmvcli policies`: the built-in bonus-plan table as text, markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gmvcli.i18n import label, magnitude, message, money, percent
from gmvcli.policies import Policy
from gmvcli.render.csv import cell


def effects_text(p: Policy, lang: str) -> str:
    """What a policy does, e.g. "commission rate → 0% · periods 1–3"."""
    parts = []
    if p.effects.commission_rate is not None:
        parts.append(
            message("effect.commission_rate", lang, rate=percent(p.effects.commission_rate))
        )
    if p.effects.commission_discount is not None:
        discount = percent(p.effects.commission_discount)
        parts.append(message("effect.commission_discount", lang, discount=discount))
    if p.effects.public_uv_bonus is not None:
        visitors = magnitude(p.effects.public_uv_bonus, lang)
        parts.append(message("effect.public_uv_bonus", lang, visitors=visitors))
    if p.effects.rebate_rate is not None:
        base = label(f"effect.rebate_base.{p.effects.rebate_base}", lang)
        parts.append(
            message("effect.rebate_rate", lang, rate=percent(p.effects.rebate_rate), base=base)
        )
    if p.effects.bet is not None:
        target, bonus = (
            money(p.effects.bet.gmv_target, lang),
            magnitude(p.effects.bet.public_uv_bonus, lang),
        )
        parts.append(message("effect.bet", lang, target=target, visitors=bonus))
    if not parts:
        return label("effect.none", lang)
    if p.effects.periods == 1:
        parts.append(label("effect.period_1", lang))
    elif p.effects.periods is not None:
        parts.append(message("effect.periods", lang, n=p.effects.periods))
    return " · ".join(parts)


def _roles(p: Policy, lang: str) -> str:
    return ", ".join(label(f"role.{r}", lang) for r in p.roles) or "*"


def _name(p: Policy, lang: str) -> str:
    return p.zh if lang == "zh" else f"{p.en} ({p.zh})"


def policies_data(chosen: Sequence[Policy]) -> dict[str, Any]:
    return {
        "note": label("plan.illustrative", "en"),
        "policies": [
            {
                "id": p.id,
                "name": {"zh": p.zh, "en": p.en},
                "roles": list(p.roles),
                "group": p.group,
                "effects": {
                    k: v
                    for k, v in (
                        ("commission_rate", p.effects.commission_rate),
                        ("commission_discount", p.effects.commission_discount),
                        ("public_uv_bonus", p.effects.public_uv_bonus),
                        ("rebate_rate", p.effects.rebate_rate),
                        (
                            "rebate_base",
                            p.effects.rebate_base if p.effects.rebate_rate is not None else None,
                        ),
                        (
                            "bet",
                            {
                                "gmv_target": p.effects.bet.gmv_target,
                                "public_uv_bonus": p.effects.bet.public_uv_bonus,
                            }
                            if p.effects.bet
                            else None,
                        ),
                        ("periods", p.effects.periods),
                    )
                    if v is not None
                },
                "note": p.note,
            }
            for p in chosen
        ],
    }


def render_csv(chosen: Sequence[Policy]) -> str:
    import io

    from gmvcli.textsafe import CsvWriter

    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(["id", "name_zh", "name_en", "roles", "group", "effects", "note"])
    for p in chosen:
        row = [p.id, p.zh, p.en, " ".join(p.roles), p.group, effects_text(p, "en"), p.note]
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def render_markdown(chosen: Sequence[Policy], lang: str) -> str:
    words = [label(f"policies.{c}", lang) for c in ("name", "roles", "effects")]
    head = "| id | " + " | ".join(words) + " |"
    lines = [head, "|---|---|---|---|"]
    for p in chosen:
        lines.append(
            f"| `{p.id}` | {_name(p, lang)} | {_roles(p, lang)} | {effects_text(p, lang)} |"
        )
    note = label("plan.illustrative", lang)
    return "\n".join([*lines, "", f"_{note}_", ""])


def render_table(
    chosen: Sequence[Policy], lang: str, width: int, color: bool, role: str | None = None
) -> str:
    from gmvcli.render.grid import Column, Grid, Line, cell_width, print_blocks

    rows = [(p.id, _name(p, lang), _roles(p, lang), effects_text(p, lang)) for p in chosen]
    note = label("plan.illustrative", lang)
    # the table needs its id column whole and room for names and effects to wrap between words;
    # narrower than that it stacks: one block per policy, so no figure is cut (SPEC §7)
    ids = max((cell_width(r[0]) for r in rows), default=0)
    words = [max((cell_width(w) for r in rows for w in r[i].split()), default=0) for i in (1, 2, 3)]
    if rows and ids + sum(words) + 3 * 4 > width:
        blocks: list[Line] = []
        for policy_id, name, roles, effects in rows:
            blocks += [
                Line(f"{policy_id} · {roles}", "bold"),
                Line(f"  {name}"),
                Line(f"  {effects}"),
            ]
        return print_blocks([*blocks, Line(""), Line(note, "italic")], width, color)
    columns = (
        Column("id", no_wrap=True),
        *(
            Column(label(f"policies.{column}", lang), overflow="fold")
            for column in ("name", "roles", "effects")
        ),
    )
    if not chosen:
        from gmvcli.messages import text

        who = label(f"role.{role}", lang) if role else ""
        return print_blocks([Line(text("policies.none", lang, role=who))], width, color)
    return print_blocks([Grid(columns, rows), Line(note, "italic")], width, color)
