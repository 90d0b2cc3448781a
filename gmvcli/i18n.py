"""Every word the user reads, in English and Chinese, and how numbers are written in each."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping

LANGS = ("en", "zh")

# key → (en, zh)
LABELS: dict[str, tuple[str, str]] = {
    "shelf": ("Shelf", "货架电商"),
    "content": ("Content + private", "内容+私域"),
    "delta": ("Δ content − shelf", "差额 内容−货架"),
    "metric": ("", ""),
    "uv": ("Visitors (UV)", "访客 UV"),
    "private_uv": ("  private (followers)", "  私域确定UV"),
    "public_uv": ("  public (paid)", "  公域投放UV"),
    "bonus_uv": ("  bonus (policies)", "  政策赠送UV"),
    "conversion": ("Conversion", "转化率"),
    "orders": ("Orders", "订单数"),
    "aov": ("Avg order value", "客单价"),
    "repurchase": ("Repurchase frequency", "复购频次"),
    "gmv": ("GMV", "GMV"),
    "refunds": ("Refunds", "退款"),
    "net_gmv": ("Net GMV", "净GMV"),
    "costs.traffic": ("Traffic cost", "流量成本"),
    "costs.commission": ("Commission", "平台佣金"),
    "costs.promotion": ("Promotions", "促销让利"),
    "costs.content": ("Content cost", "内容成本"),
    "costs.goods": ("Cost of goods", "货品成本"),
    "costs.total": ("Total costs", "成本合计"),
    "rebate": ("Rebate", "返点"),
    "contribution": ("Contribution", "贡献利润"),
    "roi": ("ROI (GMV ÷ traffic)", "投放ROI"),
    "fans": ("Fans", "粉丝"),
    "col.shelf_gmv": ("Shelf\nGMV", "货架GMV"),
    "col.content_gmv": ("Content\nGMV", "内容GMV"),
    "col.shelf_contribution": ("Shelf\nprofit", "货架利润"),
    "col.content_contribution": ("Content\nprofit", "内容利润"),
    "col.cumulative": ("Cumulative\nΔ profit", "累计利润差"),
    "period": ("Period", "期"),
    "cumulative": ("Cumulative advantage", "累计优势"),
    "drivers": ("GMV ratio", "GMV倍数"),
    "driver.uv": ("visitors", "访客"),
    "driver.conversion": ("conversion", "转化"),
    "driver.aov": ("order value", "客单价"),
    "driver.repurchase": ("repurchase", "复购"),
    "role.factory": ("factory", "工厂"),
    "role.brand": ("brand", "品牌"),
    "role.streamer": ("streamer", "主播"),
    "role.service_provider": ("service provider", "服务商"),
    "per.day": ("per day", "每天"),
    "per.week": ("per week", "每周"),
    "per.month": ("per month", "每月"),
    "per.quarter": ("per quarter", "每季度"),
    "per.year": ("per year", "每年"),
    "unit.day": ("day", "天"),
    "unit.week": ("week", "周"),
    "unit.month": ("month", "个月"),
    "unit.quarter": ("quarter", "季度"),
    "unit.year": ("year", "年"),
    "policies": ("Policies", "政策"),
    "warning": ("warning", "警告"),
    "error": ("error", "错误"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "verdict.content": (
        "Content earns {money} more contribution {per}, {ratio} the GMV{why}.",
        "内容+私域{per}多赚 {money} 贡献利润，GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.shelf": (
        "Shelf earns {money} more contribution {per}; content makes {ratio} the GMV{why}.",
        "货架电商{per}多赚 {money} 贡献利润；内容+私域的 GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.even": (
        "Both models earn the same contribution {per}; content makes {ratio} the GMV{why}.",
        "两种模式{per}贡献利润相同；内容+私域的 GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.why.up": (", mostly from {driver}", "，主要来自{driver}"),
    "verdict.why.down": (", held back by {driver}", "，主要拖累是{driver}"),
    "verdict.only": (
        "Only the {model} model is given: nothing to compare.",
        "只给出了{model}模式，无从比较。",
    ),
    "forecast.overtakes": (
        "Content overtakes shelf in {unit} {t}; after {n} {unit}s it has earned {money} more.",
        "内容+私域在第{t}{unit}追上货架；{n}{unit}后累计多赚 {money}。",
    ),
    "forecast.first": (
        "Content is ahead from {unit} 1; after {n} {unit}s it has earned {money} more.",
        "内容+私域从第1{unit}起领先；{n}{unit}后累计多赚 {money}。",
    ),
    "forecast.falls_back": (
        "Content draws level in {unit} {t} but falls back; after {n} {unit}s shelf has earned "
        "{money} more.",
        "内容+私域在第{t}{unit}追平，但之后落后；{n}{unit}后货架累计多赚 {money}。",
    ),
    "forecast.never": (
        "Content does not overtake shelf within {n} {unit}s; shelf earns {money} more in all.",
        "{n}{unit}内内容+私域未能追上货架；货架累计多赚 {money}。",
    ),
    "ineligible_policy": (
        "policy '{policy}' is for {roles}, not {role}; applied anyway",
        "政策 '{policy}' 面向 {roles}，不适用于 {role}；仍按其计算",
    ),
    "policies_without_content": (
        "policies apply to the content model only, and this merchant has none",
        "政策只作用于内容+私域模式，而该商家没有该模式",
    ),
    "not_written": (
        "{file} was not written: {count} input(s) failed",
        "未写入 {file}：{count} 个输入失败",
    ),
    "bug": (
        "internal error (a bug in gmvcli, please report it): {error}",
        "内部错误（gmvcli 的缺陷，请报告）：{error}",
    ),
}


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """zh when LC_ALL (or else LANG) starts with zh, otherwise en."""
    env = os.environ if environ is None else environ
    value = env.get("LC_ALL") or env.get("LANG") or ""
    return "zh" if value.lower().startswith("zh") else "en"


def label(key: str, lang: str) -> str:
    en, zh = LABELS.get(key, (key, key))
    return zh if lang == "zh" else en


def message(key: str, lang: str, **params: object) -> str:
    en, zh = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**params)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def magnitude(value: float, lang: str) -> str:
    """A count: 888,165 in en; 88.8万 / 1.23亿 in zh (three significant digits)."""
    if not math.isfinite(value):
        return str(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    if lang == "zh":
        for unit, scale in (("亿", 1e8), ("万", 1e4)):
            if size >= scale:
                scaled = size / scale
                digits = len(str(int(scaled)))
                text = _trim(f"{scaled:.{max(0, 3 - digits)}f}")
                if text == "10000" and unit == "万":
                    text, unit = "1", "亿"
                return f"{sign}{text}{unit}"
        return sign + (_trim(f"{size:.2f}") if size < 100 else f"{size:.0f}")
    if size < 100 and size != int(size):
        return sign + _trim(f"{size:,.2f}")
    return f"{sign}{size:,.0f}"


def money(value: float, lang: str, currency: str = "CNY") -> str:
    """¥888,165 (en) or ¥88.8万 (zh); negative amounts as -¥4,200."""
    symbol = "¥" if currency == "CNY" else f"{currency} "
    text = magnitude(value, lang)
    if text.startswith("-"):
        return f"-{symbol}{text[1:]}"
    return f"{symbol}{text}"


def percent(value: float) -> str:
    """0.025 → 2.5%."""
    return _trim(f"{value * 100:.2f}") + "%"


def times(value: float | None) -> str:
    """A ratio as 2.1× (two decimals, trimmed)."""
    if value is None:
        return "—"
    return _trim(f"{value:.2f}") + "×"


def plain(value: float, decimals: int = 2) -> str:
    return _trim(f"{value:,.{decimals}f}")
