"""Scenario texts and page builders shared by the report tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

EN = {"LANG": "C.UTF-8", "LC_ALL": "", "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
UNCERTAIN = SCENARIOS / "weiwei-uncertain.yaml"
FACTORY = SCENARIOS / "weiwei-factory.yaml"
SERVICE = SCENARIOS / "service-provider.yaml"
SESSIONS = SCENARIOS / "actuals" / "weiwei-sessions.csv"

#: text from a file that tries to become markup, hide itself or change direction
HOSTILE_NAME = (
    "\"><script>alert('x')</script><img src=x onerror=alert(1)> \u202egnp.exe \x07 & </style> "
    + "W" * 160  # one long word: it must wrap, not widen the page
)
HOSTILE = """\
name: "{name}"
policies:
  evil:
    name: {{zh: "<b onmouseover=alert(2)>免佣</b>", en: "</title><script>alert(3)</script>"}}
    commission_rate: 0%
merchants:
  - id: evil
    name: "{name}"
    role: streamer
    policies: [evil]
    shelf: {{uv: 1000, conversion_rate: 2%, aov: 50}}
    content: {{private_uv: 500, reach_rate: 10%, watch_minutes: 3, orders_per_minute: 1%, aov: 60}}
""".format(
    name=HOSTILE_NAME.replace("\\", "\\\\")
    .replace('"', '\\"')
    .replace("\x07", "\\a")
    .replace("\u202e", "\\u202e")
)


def hundred(tmp: Path, n: int = 100) -> Path:
    """The uncertain example with its merchant repeated n times (ids m000…)."""
    text = UNCERTAIN.read_text(encoding="utf-8")
    head, block = text.split("merchants:\n", 1)
    parts = [head, "merchants:\n"]
    for i in range(n):
        parts.append(
            block.replace("id: weiwei", f"id: m{i:03d}").replace(
                "大进针织工厂（主播薇薇）", f"大进针织工厂 {i:03d}"
            )
        )
    path = tmp / "hundred.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def run(*args: str | Path, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env=env or EN, **kwargs)


def report(path: Path, out: Path, *args: str) -> Path:
    r = run("report", path, "-o", out, *args)
    assert r.exit_code == 0, r.stderr
    return out


# --- how a figure of `compare --format json` is shown on the page (gmvcli/report/comparison.py) ---

COUNTS = frozenset({"uv", "private_uv", "public_uv", "bonus_uv", "orders"})


def shown(key: str, value: float | None, lang: str, signed: bool = False) -> str:
    """A JSON figure as the page writes it: counts with magnitude, money with ¥, conversion as
    a percentage, roi plain, ratios with ×; "—" for null; "+" before a positive delta."""
    from gmvcli.i18n import magnitude, money, percent, plain, times

    if value is None:
        return "—"
    if key in ("gmv_ratio", "drivers"):
        return times(value)
    if key in COUNTS:
        text = magnitude(value, lang)
    elif key == "conversion":
        text = percent(value)
    elif key == "roi":
        text = plain(value)
    else:
        text = money(value, lang)
    return "+" + text if signed and value > 0 else text


def figures(merchant: dict[str, Any], lang: str) -> dict[str, str]:
    """Every number of one merchant of `compare --format json` (path → text on the page)."""
    out: dict[str, str] = {}
    for model in ("shelf", "content"):
        rows = merchant[model]
        if rows is None:
            continue
        for key, value in rows.items():
            if key == "costs":
                for cost, amount in value.items():
                    out[f"{model}.costs.{cost}"] = shown("money", amount, lang)
            else:
                out[f"{model}.{key}"] = shown(key, value, lang)
    comparison = merchant["comparison"]
    if comparison is not None:
        for key in ("gmv_delta", "net_gmv_delta", "contribution_delta"):
            out[f"comparison.{key}"] = shown("money", comparison[key], lang, signed=True)
        out["comparison.gmv_ratio"] = shown("gmv_ratio", comparison["gmv_ratio"], lang)
        for key, value in comparison["drivers"].items():
            out[f"comparison.drivers.{key}"] = shown("drivers", value, lang)
    return out


def review_figures(merchant: dict[str, Any], lang: str) -> dict[str, str]:
    """The figures of one merchant of `review --format json` that the plan-vs-actual section
    shows (path → text): GMV and profit per period and in total, and each effect on GMV over
    the periods (money as the tables write it, deltas and effects signed with a real minus)."""
    from gmvcli.i18n import money

    def signed(value: float) -> str:
        sign = "±" if round(value, 2) == 0 else "+" if value > 0 else "\u2212"
        return sign + money(abs(value), lang)

    out: dict[str, str] = {}
    for model in ("content", "shelf"):
        total = merchant["total"][model]
        if total is None:
            continue
        for p in merchant["periods"]:
            x = p[model]
            for side in ("plan", "actual"):
                for key in ("gmv", "contribution"):
                    out[f"{p['period']}.{model}.{side}.{key}"] = money(x[side][key], lang)
            out[f"{p['period']}.{model}.gmv_delta"] = signed(x["gmv_delta"])
        for key in ("plan_gmv", "actual_gmv", "plan_contribution", "actual_contribution"):
            out[f"total.{model}.{key}"] = money(total[key], lang)
        out[f"total.{model}.gmv_delta"] = signed(total["gmv_delta"])
        for factor, value in total["gmv_effects"].items():
            out[f"total.{model}.effect.{factor}"] = signed(value)
    return out
