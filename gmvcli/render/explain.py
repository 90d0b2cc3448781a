"""Worked calculations of `gmvcli explain` as text, markdown and JSON data."""

from __future__ import annotations

from typing import Any

from gmvcli.data import rounded
from gmvcli.errors import safe_text
from gmvcli.explain import MerchantExplanation, ModelExplanation, PolicyChange, Step
from gmvcli.i18n import PRICES, VARIABLES, label, magnitude, money, percent, plain, price
from gmvcli.render.words import title
from gmvcli.rows import BY_KEY

#: how precisely a worked step is written: the first level at which its numbers add up is used
LEVELS = 3


def value_text(key: str, value: float | None, lang: str, currency: str, level: int = 0) -> str:
    """A value as its kind is written: at level 0 as compare writes it (¥39.2万, 2.5%, 4.12),
    at higher levels with more digits (¥39.24万, then to the cent)."""
    if value is None:
        return "—"
    kind = VARIABLES.get(key, ("", "", "plain"))[2]
    if kind in ("count", "money"):
        if level == 0 and key in PRICES:
            return price(value, lang, currency)  # as typed: ¥189.9, not ¥190
        if level == 0:
            return magnitude(value, lang) if kind == "count" else money(value, lang, currency)
        text = _digits(value, lang, 2 if level == 1 else 6)
        if kind == "money":
            symbol = "¥" if currency == "CNY" else f"{currency} "
            text = f"-{symbol}{text[1:]}" if text.startswith("-") else symbol + text
        return text
    if kind == "percent":
        return _trim(f"{value * 100:.{2 + 2 * level}f}") + "%"
    return plain(value, 2 + 2 * level)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _digits(value: float, lang: str, wan_decimals: int) -> str:
    """zh: 万/亿 with more decimals (to the yuan or cent); en: to the cent."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    if lang == "zh":
        for unit, scale in (("亿", 1e8), ("万", 1e4)):
            if size >= scale:
                places = wan_decimals + (4 if unit == "亿" else 0)
                return f"{sign}{_trim(f'{size / scale:.{places}f}')}{unit}"
        return sign + _trim(f"{size:.2f}")
    return sign + _trim(f"{size:,.2f}")


def _shown(text: str) -> float | None:
    """The number a written value stands for (¥39.2万 → 392000)."""
    from gmvcli.numbers import NumberError, parse_number

    negative = text.startswith("-")
    try:
        number = parse_number(text.lstrip("-"))
    except NumberError:
        return None
    return -number if negative else number


def name(key: str, lang: str) -> str:
    en, zh, _ = VARIABLES.get(key, (key, key, "plain"))
    return zh if lang == "zh" else en


def _worked(step: Step, lang: str, currency: str) -> tuple[str, str, str]:
    """(numbers put into the formula, the result, '=' or '≈'): at the first level of precision at
    which the written numbers, worked through the formula, give the written result."""
    from gmvcli.engine import _python

    code = _python(step.formula)
    for level in range(LEVELS):
        texts = {var: value_text(var, value, lang, currency, level) for var, value in step.operands}
        result = value_text(step.key, step.value, lang, currency, level)
        numbers = step.formula
        for var, text in sorted(texts.items(), key=lambda kv: -len(kv[0])):
            numbers = _replace_word(numbers, var, text)
        values = {var: _shown(text) for var, text in texts.items()}
        if step.value is None or any(v is None for v in values.values()):
            return numbers, result, "="
        try:
            again = eval(code, {"__builtins__": {}}, values)  # our own formula text
        except ZeroDivisionError:
            return numbers, result, "="
        if value_text(step.key, again, lang, currency, level) == result:
            return numbers, result, "="
    return numbers, result, "≈"  # rounded even to the cent: say so


def step_text(step: Step, lang: str, currency: str) -> str:
    """订单数 orders = uv × conversion × repurchase_frequency = 20万 × 2.5% × 1 = 5000: the
    numbers written so that the step adds up as shown (else marked ≈)."""
    label_text = name(step.key, lang)
    # zh: 订单数 orders = …; en: orders = … (named after the result when the name says more)
    head, tail = f"{label_text} {step.key} = ", ""
    if lang != "zh":
        head = f"{step.key} = "
        if label_text.lower() != step.key.replace("_", " "):
            tail = f"  ({label_text})"
    if not step.formula:
        return head + value_text(step.key, step.value, lang, currency) + tail
    numbers, result, equals = _worked(step, lang, currency)
    if numbers == result:
        return f"{head}{step.formula} = {result}{tail}"
    return f"{head}{step.formula} = {numbers} {equals} {result}{tail}"


def _replace_word(text: str, word: str, new: str) -> str:
    import re

    return re.sub(rf"(?<![a-z_]){re.escape(word)}(?![a-z_])", new, text)


def change_text(change: PolicyChange, lang: str, currency: str) -> str:
    """新店冷启免佣金 (new_store_commission_free): commission_rate → 0%."""
    p = change.policy
    zh = lang == "zh"
    who = f"{p.zh if zh else p.en} ({p.id})"
    if change.effect == "commission_rate":
        what = f"commission_rate → {percent(change.value)}"
    elif change.effect == "commission_discount":
        what = f"commission_rate × (1 − {percent(change.value)})"
    elif change.effect == "public_uv_bonus":
        what = f"bonus_uv + {magnitude(change.value, lang)}"
    elif change.effect == "rebate_rate":
        base = "gmv" if p.effects.rebate_base == "gmv" else "traffic_cost"
        what = f"rebate + {percent(change.value)} × {base}"
    else:
        target = money(change.value, lang, currency)
        bonus = magnitude(p.effects.bet.public_uv_bonus if p.effects.bet else 0, lang)
        what = (
            f"对赌：gmv ≥ {target} 则下期 bonus_uv + {bonus}"
            if zh
            else f"bet: gmv ≥ {target} → next period bonus_uv + {bonus}"
        )
    return f"{who}: {what}"


def _model_lines(m: ModelExplanation, lang: str, currency: str) -> list[str]:
    lines = [f"  {label(m.model, lang)}"]
    lines.append("    " + label("explain.inputs", lang))
    lines += [f"      {step_text(s, lang, currency)}" for s in m.inputs]
    if m.policies:
        lines.append("    " + label("explain.policies", lang))
        lines += [f"      {change_text(c, lang, currency)}" for c in m.policies]
        if (
            m.terms is not None
            and m.base_commission_rate is not None
            and m.terms.commission_rate != m.base_commission_rate
        ):
            from gmvcli.messages import text

            rates = f"{percent(m.base_commission_rate)} → {percent(m.terms.commission_rate)}"
            lines.append("      " + text("explain.commission_after", lang, rates=rates))
    lines.append("    " + label("explain.rows", lang))
    lines += [f"      {step_text(s, lang, currency)}" for s in m.steps]
    return lines


def render_text(
    file_name: str, merchants: tuple[MerchantExplanation, ...], lang: str, currency: str
) -> str:
    lines = [safe_text(file_name)]
    for m in merchants:
        lines += ["", title(m.name, m.role, lang) + f" [{m.id}]"]
        for model in m.models:
            lines += _model_lines(model, lang, currency)
    return "\n".join(safe_text(line) for line in lines) + "\n"


def render_markdown(
    file_name: str, merchants: tuple[MerchantExplanation, ...], lang: str, currency: str
) -> str:
    from gmvcli.render.markdown import esc
    from gmvcli.textsafe import code_span

    lines = [f"## {esc(file_name)}"]
    for m in merchants:
        lines += ["", f"### {esc(title(m.name, m.role, lang))}"]
        for model in m.models:
            lines += ["", f"#### {label(model.model, lang)}", ""]
            if model.policies:
                lines += [f"- {esc(change_text(c, lang, currency))}" for c in model.policies]
                lines.append("")
            lines += [
                f"- `{code_span(step_text(s, lang, currency))}`"
                for s in (*model.inputs, *model.steps)
            ]
    return "\n".join(lines) + "\n"


def _rounded(key: str, value: float | None) -> float | None:
    quantity = BY_KEY.get(key)
    return rounded(value, 2 if quantity is None else quantity.decimals)


def explain_data(
    file: str, scenario_name: str, merchants: tuple[MerchantExplanation, ...]
) -> dict[str, Any]:
    return {
        "file": file,
        "name": scenario_name,
        "merchants": [
            {
                "id": m.id,
                "name": m.name,
                "role": m.role,
                "models": [
                    {
                        "model": model.model,
                        "inputs": {s.key: s.value for s in model.inputs},
                        "policies": [
                            {"id": c.policy.id, "effect": c.effect, "value": c.value}
                            for c in model.policies
                        ],
                        "rows": [
                            {
                                "key": s.key,
                                "path": s.path,
                                "name_en": VARIABLES[s.key][0],
                                "name_zh": VARIABLES[s.key][1],
                                "formula": s.formula,
                                "operands": dict(s.operands),
                                "value": _rounded(s.key, s.value),
                            }
                            for s in model.steps
                        ],
                    }
                    for model in m.models
                ],
            }
            for m in merchants
        ],
    }


def render_csv(file: str, merchants: tuple[MerchantExplanation, ...]) -> str:
    """Long CSV: one row per merchant, model and row (inputs included)."""
    import io

    from gmvcli.render.csv import cell
    from gmvcli.textsafe import CsvWriter

    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(["file", "merchant", "model", "kind", "key", "formula", "value"])
    for m in merchants:
        for model in m.models:
            for kind, steps in (("input", model.inputs), ("row", model.steps)):
                for s in steps:
                    value = _rounded(s.key, s.value) if kind == "row" else s.value
                    row = [file, m.id, model.model, kind, s.key, s.formula, value]
                    writer.writerow([cell(v) for v in row])
    return buffer.getvalue()
