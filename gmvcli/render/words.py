"""What tables and markdown share: the rows people read, worded and formatted for a language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from gmvcli.compare import MerchantResult
from gmvcli.engine import ModelResult, main_driver
from gmvcli.errors import safe_text
from gmvcli.i18n import PRICES, label, magnitude, message, money, percent, plain, price, times
from gmvcli.policies import Notice
from gmvcli.rows import CONTENT, DRIVERS, EFFECT_BY_KEY, TABLE_LINES, TOTALS

if TYPE_CHECKING:  # forecast's verdict only: compare's tables never load the forecast
    from gmvcli.forecast import MerchantForecast
    from gmvcli.model import Merchant, Scenario

Getter = Callable[[ModelResult], float | None]


def say(code: str, lang: str, **params: object) -> str:
    """A text of the catalogue (gmvcli.messages.tables) in `lang`, filled in."""
    from gmvcli.messages import text

    return text(code, lang, **params)


class Line(NamedTuple):
    key: str
    get: Getter
    kind: str  # count | money | percent | plain | ratio
    content_only: bool = False
    decimals: int = 2  # as JSON rounds it (SPEC §7)


LINES: tuple[Line, ...] = tuple(
    Line(path, attrgetter(path), q.written, q.models == (CONTENT,), q.decimals)
    for path, q in TABLE_LINES
)
#: Rows drawn in bold: the answer people came for (the rows a forecast totals).
KEY_ROWS = frozenset(TOTALS)


def fmt(value: float | None, kind: str, lang: str, currency: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    if kind == "price":
        text = price(value, lang, currency)
    elif kind == "count":
        text = magnitude(value, lang)
    elif kind == "money":
        text = money(value, lang, currency)
    elif kind == "percent":
        text = percent(value)
    elif kind == "minutes":
        text = plain(value) + (" 分钟" if lang == "zh" else " min")
    else:
        text = plain(value)
    if signed and value > 0:
        text = "+" + text
    return text


def precise(value: float, kind: str, lang: str, currency: str) -> str:
    """A solved value as its field is written, with the digits that matter: ¥112.97, 3.806%."""
    from gmvcli.i18n import _trim

    if kind == "money" and abs(value) < 10_000:
        symbol = "¥" if currency == "CNY" else f"{currency} "
        return ("-" if value < 0 else "") + symbol + f"{abs(value):,.2f}"
    if kind == "percent":
        return _trim(f"{value * 100:.3f}") + "%"
    if kind in ("plain", "minutes"):
        text = _trim(f"{value:,.4f}")
        return text + (" 分钟" if lang == "zh" else " min") if kind == "minutes" else text
    return fmt(value, kind, lang, currency)


def model_rows(
    m: MerchantResult | tuple[ModelResult | None, ModelResult | None],
    lang: str,
    currency: str,
) -> list[tuple[str, str, str, str]]:
    """(label, shelf, content, Δ) for every line of the table."""
    shelf, content = (m.shelf, m.content) if isinstance(m, MerchantResult) else m
    rows = []
    for line in LINES:
        if line.content_only and content is None:
            continue
        s = None if shelf is None or line.content_only else line.get(shelf)
        c = None if content is None else line.get(content)
        delta = None if (s is None or c is None) else c - s
        kind = "price" if line.key in PRICES else line.kind
        rows.append(
            (
                label(line.key, lang),
                "" if line.content_only else fmt(s, kind, lang, currency),
                fmt(c, kind, lang, currency),
                fmt(delta, kind, lang, currency, signed=True) if delta is not None else "",
            )
        )
    return rows


def drivers_line(m: MerchantResult, lang: str) -> str | None:
    """GMV ratio 2.1× = visitors 0.9× · conversion 1.5× · order value 1× · repurchase 1.6×."""
    if m.comparison is None:
        return None
    d = m.comparison.drivers
    parts = [f"{label('driver.' + name, lang)} {times(getattr(d, name))}" for name, _ in DRIVERS]
    return f"{label('drivers', lang)} {times(m.comparison.gmv_ratio)} = " + " · ".join(parts)


def verdict(m: MerchantResult, lang: str, currency: str, period: str) -> str:
    """One sentence about period 1 (compare computes one period): who earns more contribution, by
    how much, and why GMV differs; then the time-limited policies that shape period 1, if any."""
    if m.comparison is None:
        only = "shelf" if m.shelf is not None else "content"
        return message("verdict.only", lang, model=label(only, lang))
    comparison = m.comparison
    delta = comparison.contribution_delta
    driver = main_driver(comparison.drivers, comparison.gmv_ratio)
    why = ""
    if driver is not None and comparison.gmv_ratio is not None:
        direction = "up" if comparison.gmv_ratio > 1 else "down"
        why = message(f"verdict.why.{direction}", lang, driver=label("driver." + driver, lang))
    key = (
        "verdict.content"
        if delta > 0.005
        else "verdict.shelf"
        if delta < -0.005
        else "verdict.even"
    )
    text = say(
        key,
        lang,
        money=money(abs(delta), lang, currency),
        first=say(f"first.{period}", lang),
        ratio=times(comparison.gmv_ratio),
        why=why,
    )
    return text + limited_policies(m, lang, period)


def limited_policies(m: MerchantResult, lang: str, period: str) -> str:
    """` Period 1 includes time-limited policies: …` — the policies active in period 1 for a
    limited time, whose effect the one-period verdict would otherwise pass off as lasting."""
    limited = [
        p for p in m.policies if p.effects.periods is not None and p.has_effect() and p.active(1)
    ]
    if not limited or m.content is None:
        return ""
    unit = label(f"unit.{period}", lang)
    names = []
    for p in limited:
        name = safe_text(p.zh if lang == "zh" else p.en)
        if p.effects.periods == 1:
            names.append(say("verdict.only_first", lang, name=name, unit=unit))
        else:
            units = say(f"units.{period}", lang)
            names.append(say("verdict.first_n", lang, name=name, n=p.effects.periods, units=units))
    return say(
        "verdict.limited",
        lang,
        policies=say("verdict.list_sep", lang).join(names),
        first=say(f"first.{period}", lang),
        later=unit.removeprefix("个") if lang == "zh" else say(f"units.{period}", lang),
    )


def title(name: str, role: str | None, lang: str) -> str:
    text = safe_text(name)
    if role:
        text += f" · {label('role.' + role, lang)}"
    return text


def notice_text(n: Notice, lang: str) -> str:
    """A warning in `lang`; roles are worded too (面向主播，不适用于工厂), JSON keeps the ids."""
    params = dict(n.params)
    if n.key == "policy.ineligible":
        roles = [r for r in str(params.get("roles", "")).split(", ") if r]
        params["roles"] = say("verdict.list_sep", lang).join(
            label(f"role.{r}", lang) for r in roles
        )
        role = str(params.get("role", ""))
        params["role"] = label(f"role.{role}", lang) if role else params.get("role", "")
    return message(n.key, lang, **params)


def forecast_verdict(m: MerchantForecast, lang: str, currency: str, period: str) -> str:
    """When content overtakes shelf, and how far ahead (or behind) it is at the end."""
    if m.shelf_totals is None or m.content_totals is None:
        only = "shelf" if m.shelf_totals is not None else "content"
        return message("verdict.only", lang, model=label(only, lang))
    n = len(m.periods)
    gap = m.content_totals.contribution - m.shelf_totals.contribution
    unit = label(f"unit.{period}", lang)
    params = {"unit": unit, "n": n, "money": money(abs(gap), lang, currency)}
    if m.crossover is None:
        return message("forecast.never", lang, **params)
    key = "forecast.first" if m.crossover == 1 else "forecast.overtakes"
    if gap < 0:
        key = "forecast.falls_back"
    return message(key, lang, t=m.crossover, **params)


def field_kind(path: str) -> str:
    """The kind of a scenario field's values: money (¥), percent, count, minutes or plain."""
    from gmvcli.model import SECTIONS

    parts = path.rsplit(":", 1)[-1].split(".")
    effect = (
        EFFECT_BY_KEY.get(parts[-1]) if _POLICY_PATH.fullmatch(path.rsplit(":", 1)[-1]) else None
    )
    if effect is not None:  # a policy's effect: a rate (percent) or a count of visitors
        return {"rate": "percent", "count": "count", "money": "money"}.get(effect.kind, "plain")
    section = parts[0] if parts[0] in ("shelf", "content", "forecast") else "merchant"
    field = {f.name: f for f in SECTIONS[section]}.get(parts[-1])
    if field is None:
        return "plain"
    if field.unit == "CNY":
        return "money"
    if field.kind in ("rate", "growth"):
        return "percent"
    if field.kind == "count":
        return "count"
    if parts[-1] == "watch_minutes":
        return "minutes"
    return "plain"


#: a shown path's policy (`policies.ID`, a file's own; `policies[N]`, a merchant's N-th `use:`) →
#: its (zh, en) name
PolicyNames = Mapping[str, tuple[str, str]]
_POLICY_PATH = re.compile(r"(policies(?:\.([^.\[]+)|\[\d+\]))\.(.+)")


def policy_names(
    scenario: Scenario, merchant: Merchant | None = None
) -> dict[str, tuple[str, str]]:
    """The names `field_label` gives the policies of paths in `scenario` (and `merchant`)."""
    from gmvcli.policies import policy_table

    table = policy_table(scenario)
    names = {f"policies.{pid}": (table[pid].zh, table[pid].en) for pid, _ in scenario.policies}
    for k, use in enumerate(merchant.policies if merchant is not None else ()):
        policy = table.get(use.use)
        names[f"policies[{k}]"] = (policy.zh, policy.en) if policy else (use.use, use.use)
    return names


def _policy_label(path: str, lang: str, names: PolicyNames | None) -> str | None:
    """`policies.mascot_video.public_uv_bonus` → `引力大会吉祥物同框视频：赠送公域访客` (zh) /
    `free public visitors (Conference-day video …)` (en): the policy's name and the effect's."""
    from gmvcli.plan import BUILTIN_BY_ID
    from gmvcli.rows import EFFECT_BY_KEY

    found = _POLICY_PATH.fullmatch(path)
    if found is None:
        return None
    prefix, policy_id, effect = found.groups()
    if effect == "bet.public_uv_bonus":
        word = label("effect.bet_bonus", lang)
    elif effect.split(".")[0] in EFFECT_BY_KEY:
        kind = EFFECT_BY_KEY[effect.split(".")[0]]
        word = kind.zh if lang == "zh" else kind.en
    else:
        return None
    builtin = BUILTIN_BY_ID.get(policy_id or "")
    name = (names or {}).get(prefix) or ((builtin.zh, builtin.en) if builtin else None)
    shown = safe_text(name[0] if lang == "zh" else name[1]) if name else policy_id or prefix
    return f"{shown}：{word}" if lang == "zh" else f"{word} ({shown})"


def field_label(path: str, lang: str, policies: PolicyNames | None = None) -> str:
    """`content.aov` → `内容+私域 客单价` (zh) / `average order value (content)` (en); a policy's
    effect by the policy's name (`policies`, from `policy_names`, else the built-in's) and the
    effect's."""
    from gmvcli.i18n import VARIABLES
    from gmvcli.model import SECTIONS

    policy = _policy_label(path.rsplit(":", 1)[-1], lang, policies)
    if policy is not None:
        return policy
    parts = path.rsplit(":", 1)[-1].split(".")
    section = parts[0] if parts[0] in ("shelf", "content", "forecast") else "merchant"
    name = parts[-1]
    known = VARIABLES.get(name)
    field = {f.name: f for f in SECTIONS[section]}.get(name)
    if known is not None:
        word = known[1] if lang == "zh" else known[0]
    elif field is not None:
        word = field.zh if lang == "zh" else name.replace("_", " ")
    else:
        return path
    if section in ("shelf", "content"):
        return f"{label(section, lang)} {word}" if lang == "zh" else f"{word} ({section})"
    return word
