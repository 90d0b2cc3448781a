"""Every word the user reads, in English and Chinese, and how numbers are written in each."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gmvcli.errors import Problem

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
    "sim.wins": (
        "content earns more contribution in {share}% of {runs} draws",
        "在 {runs} 次抽样中，内容+私域贡献利润更高的占 {share}%",
    ),
    "sim.histogram": (
        "advantage (content − shelf contribution):",
        "优势（内容利润 − 货架利润）分布：",
    ),
    "metric.advantage": ("advantage (content − shelf contribution)", "优势（内容利润 − 货架利润）"),
    "metric.gmv": ("content GMV", "内容+私域 GMV"),
    "metric.contribution": ("content contribution", "内容+私域贡献利润"),
    "sweep.shelf_gmv": ("Shelf\nGMV", "货架GMV"),
    "sweep.content_gmv": ("Content\nGMV", "内容GMV"),
    "sweep.shelf_contribution": ("Shelf\nprofit", "货架利润"),
    "sweep.content_contribution": ("Content\nprofit", "内容利润"),
    "sweep.advantage": ("advantage", "优势"),
    "sweep.more": (
        "… and {n} more rows: use --format csv or jsonl for all",
        "… 另有 {n} 行：用 --format csv 或 jsonl 查看全部",
    ),
    "solve.breakeven": (
        "content contribution equals shelf contribution",
        "内容+私域与货架的贡献利润相等",
    ),
    "solve.reaches": ("{metric} reaches {goal}", "{metric} 达到 {goal}"),
    "solve.check": ("engine check", "引擎复算"),
    "solve.target": ("target", "目标"),
    "solve.searched": ("searched", "搜索区间"),
    "sens.input": ("input", "输入"),
    "sens.low": ("low", "低值"),
    "sens.high": ("high", "高值"),
    "sens.metric_low": ("at low", "低值时"),
    "sens.metric_high": ("at high", "高值时"),
    "sens.swing": ("swing", "摆幅"),
    "sens.none": (
        "no uncertain inputs (write distributions, or use --all)",
        "没有不确定的输入（写成分布，或用 --all）",
    ),
    "diff.base": ("base", "基准"),
    "diff.variant": ("variant", "变体"),
    "diff.delta": ("Δ", "差额"),
    "diff.delta_pct": ("Δ%", "差额%"),
    "status.same": ("same", "无变化"),
    "status.changed": ("changed", "有变化"),
    "status.added": ("added", "新增"),
    "status.removed": ("removed", "删除"),
    "explain.inputs": ("inputs", "输入"),
    "explain.policies": ("policies in period 1", "第1期生效的政策"),
    "explain.rows": ("calculation", "计算过程"),
    "warning": ("warning", "警告"),
    "error": ("error", "错误"),
    # gmvcli test: kinds of value in a command's output ({0}: a count or the value)
    "kind.null": ("null", "null"),
    "kind.list": ("a list of {0} items", "含 {0} 项的列表"),
    "kind.object": ("an object", "对象"),
    "kind.value": ("a single value ({0})", "单个值（{0}）"),
    # charts (--plot); {placeholders} are filled with str.format
    "plot.advantage": (
        "Advantage: content − shelf contribution",
        "优势：内容+私域 − 货架电商 贡献利润",
    ),
    "plot.draws": ("Draws", "抽样次数"),
    "plot.shelf_ahead": ("Shelf ahead", "货架电商领先"),
    "plot.content_ahead": ("Content ahead", "内容+私域领先"),
    "plot.breakeven": ("Break-even", "盈亏平衡"),
    "plot.median": ("Median", "中位数"),
    "plot.content_wins": (
        "Content ahead in {share} of {runs} draws",
        "{runs} 次抽样中内容+私域领先的占 {share}",
    ),
    "plot.central": ("Central value", "中心值"),
    "plot.input_low": ("Input at its low value", "输入取低值"),
    "plot.input_high": ("Input at its high value", "输入取高值"),
    "plot.no_inputs": ("No inputs to vary", "没有可变动的输入"),
    "plot.cumulative": ("Cumulative contribution", "累计贡献利润"),
    "plot.period_axis": ("Period ({unit})", "期数（{unit}）"),
    "plot.crossover": ("Content overtakes in {unit} {t}", "内容+私域在第{t}{unit}追上货架"),
    "plot.no_crossover": (
        "Content does not overtake within {n} {unit}s",
        "{n}{unit}内内容+私域未追上货架",
    ),
}

#: every variable of the §4 rows: (en, zh, kind) — kind says how its value is written
VARIABLES: dict[str, tuple[str, str, str]] = {
    "uv": ("visitors", "访客数", "count"),
    "private_uv": ("private visitors", "私域确定UV", "count"),
    "public_uv": ("paid public visitors", "公域投放UV", "count"),
    "bonus_uv": ("bonus visitors", "政策赠送UV", "count"),
    "fans": ("fans", "粉丝数", "count"),
    "reach_rate": ("reach rate", "粉丝触达率", "percent"),
    "conversion_rate": ("conversion rate", "转化率", "percent"),
    "conversion": ("conversion", "转化率", "percent"),
    "watch_minutes": ("watch minutes", "内容消费时长", "plain"),
    "orders_per_minute": ("orders per minute", "单位时长订单转化率", "percent"),
    "repurchase_frequency": ("repurchase frequency", "复购频次", "plain"),
    "orders": ("orders", "订单数", "count"),
    "aov": ("average order value", "客单价", "money"),
    "gmv": ("GMV", "GMV", "money"),
    "refund_rate": ("refund rate", "退款率", "percent"),
    "refunds": ("refunds", "退款", "money"),
    "net_gmv": ("net GMV", "净GMV", "money"),
    "traffic_cost_per_uv": ("cost per bought visitor", "单个访客流量成本", "money"),
    "public_cost_per_uv": ("cost per paid public visitor", "公域访客成本", "money"),
    "traffic_cost": ("traffic cost", "流量成本", "money"),
    "commission_rate": ("commission rate", "佣金率", "percent"),
    "commission_cost": ("commission", "平台佣金", "money"),
    "discount_rate": ("promotion rate", "促销让利率", "percent"),
    "promotion_cost": ("promotions", "促销让利", "money"),
    "content_cost": ("content cost", "内容成本", "money"),
    "cogs_rate": ("cost-of-goods rate", "货品成本率", "percent"),
    "goods_cost": ("cost of goods", "货品成本", "money"),
    "total_cost": ("total costs", "成本合计", "money"),
    "rebate_traffic_rate": ("rebate rate on traffic", "流量返点率", "percent"),
    "rebate_gmv_rate": ("rebate rate on GMV", "GMV返点率", "percent"),
    "rebate": ("rebate", "返点", "money"),
    "contribution": ("contribution", "贡献利润", "money"),
    "roi": ("ROI", "投放ROI", "plain"),
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
    "init_exists": (
        "{file} exists; not overwritten (use --force to replace it)",
        "{file} 已存在，未覆盖（用 --force 替换）",
    ),
    "init_written": (
        "wrote {file}; next: gmvcli validate {file} && gmvcli compare {file}",
        "已写入 {file}；下一步：gmvcli validate {file} && gmvcli compare {file}",
    ),
    "bug": (
        "internal error (a bug in gmvcli, please report it): {error}",
        "内部错误（gmvcli 的缺陷，请报告）：{error}",
    ),
    # gmvcli test (SPEC §9); the English summary line is printed in every language: CI reads it
    "test.summary": ("{passed} passed, {failed} failed", "{passed} 个通过，{failed} 个失败"),
    "test.expected": ("expected {expected}, got {actual}", "应为 {expected}，实际为 {actual}"),
    "test.exactly": ("{value}", "{value}"),
    "test.about": ("{value} ± {margin}", "{value} ± {margin}"),
    "test.between": ("between {low} and {high}", "{low} 到 {high} 之间"),
    "test.at_least": ("at least {low}", "至少 {low}"),
    "test.at_most": ("at most {high}", "至多 {high}"),
    "test.unknown_merchant": (
        "no merchant '{id}' in the output (merchants: {keys})",
        "输出中没有商家 '{id}'（现有商家：{keys}）",
    ),
    "test.no_key": (
        "no key '{field}' in {at} (keys: {keys})",
        "{at} 中没有键 '{field}'（可用的键：{keys}）",
    ),
    "test.not_object": (
        "{at} is {kind}, so it has no key '{field}'",
        "{at} 是{kind}，没有键 '{field}'",
    ),
    "test.not_list": (
        "{at} is {kind}, not a list, so it has no item [{index}]",
        "{at} 是{kind}，不是列表，没有第 [{index}] 项",
    ),
    "test.index": (
        "{at} has {count} items, so it has no item [{index}] (the first is [0])",
        "{at} 只有 {count} 项，没有 [{index}]（第一项是 [0]）",
    ),
    "test.not_value_object": (
        "{path} is an object, not a single value; expect one of its keys: {keys}",
        "{path} 是对象，不是单个值；请期望它的某个键：{keys}",
    ),
    "test.not_value_list": (
        "{path} is {kind}, not a single value; expect one item, e.g. {path}[0]",
        "{path} 是{kind}，不是单个值；请期望其中一项，例如 {path}[0]",
    ),
    "test.did_you_mean": ("; did you mean '{word}'?", "；是否想写 '{word}'？"),
    "test.other_command": (
        " — it is in the output of `command: {command}`",
        " — 它在 `command: {command}` 的输出中",
    ),
    "test.not_run": ("not run: the test file has errors", "未运行：测试文件有错误"),
    "test.scenario_invalid": ("cannot run the scenario: {problem}", "无法运行场景：{problem}"),
    # charts (--plot)
    "plot.unavailable": (
        "charts need matplotlib: pip install 'gmvcli[plot]'",
        "绘图需要 matplotlib：pip install 'gmvcli[plot]'",
    ),
    "plot.format": (
        "{file}: unsupported chart format '{ext}'; use a .png or .svg file name",
        "{file}：不支持的图表格式 '{ext}'；请使用 .png 或 .svg 文件名",
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


# --- problems in Chinese -------------------------------------------------------------------------
# Problems are raised in English (JSON keeps them so); for `--lang zh` each message and hint is
# matched against these patterns, in order, and rewritten. A message without a pattern stays English.
_PROBLEMS_ZH: tuple[tuple[str, str], ...] = (
    (r"must be between 0 and 1", "必须在 0 到 1 之间"),
    (r"write (.+)% for a percentage", r"百分比请写成 \1%"),
    (r"must be between -100% and 100% per period", "每期增速必须在 -100% 到 100% 之间"),
    (r"write 4% for 4% a period", "每期 4% 请写成 4%"),
    (r"must be 0 or more", "不能为负数"),
    (r"must be more than 0", "必须大于 0"),
    (r"must be a finite number", "必须是有限的数字"),
    (r"must be a number", "必须是数字"),
    (r"is not a number", "不是数字"),
    (r"write a number such as (.+)", r"请写成数字，例如 \1"),
    (r"is too large \(at most 1e15\)", "数值过大（最大 1e15）"),
    (r"must be a whole number of periods from 1 to (\d+)", r"期数必须是 1 到 \1 之间的整数"),
    (r"must be text \(put it in quotes\)", "必须是文本（请加引号）"),
    (r"must not be empty", "不能为空"),
    (
        r"must be lowercase letters, digits, _ or - .*",
        "只能包含小写字母、数字、_ 或 -（[a-z0-9_-]+）",
    ),
    (r"must be one of (.+)", r"必须是以下之一：\1"),
    (r"did you mean '(.+)'\?", r"是否想写 '\1'？"),
    (
        r"unsupported format version; this gmvcli reads version 1",
        "不支持的格式版本；本 gmvcli 只读版本 1",
    ),
    (r"must be a mapping of keys", "必须是键值映射"),
    (r"must be a list of merchants", "必须是商家列表"),
    (r"needs at least one merchant", "至少需要一个商家"),
    (r"must be a list of policy ids", "必须是政策 id 列表"),
    (r"write policies: \[id, \.\.\.\]", "请写成 policies: [id, ...]"),
    (
        r"must be a policy id or \{use: ID, \.\.\.overrides\}",
        "必须是政策 id 或 {use: ID, ...覆盖项}",
    ),
    (r"must be text or \{zh: TEXT, en: TEXT\}", "必须是文本或 {zh: 文本, en: 文本}"),
    (r"must be a list of roles", "必须是角色列表"),
    (r"write roles: \[streamer, brand\]", "请写成 roles: [streamer, brand]"),
    (r"must be a mapping of policy id → definition", "必须是 政策id → 定义 的映射"),
    (r"policy ids must be \[a-z0-9_-\]\+", "政策 id 只能包含 [a-z0-9_-]"),
    (r"unknown key", "未知的键"),
    (r"known keys: (.+)", r"可用的键：\1"),
    (r"missing required key '(.+)'", r"缺少必填键 '\1'"),
    (r"duplicate key \(first written on line (\d+)\)", r"重复的键（第 \1 行已写过）"),
    (r"duplicate merchant id \(also (.+)\)", r"商家 id 重复（\1 也用了它）"),
    (
        r"a merchant needs a shelf: or a content: section \(or both\)",
        "商家至少需要 shelf: 或 content: 其中一段",
    ),
    (
        r"give private_uv or fans \(with reach_rate\), not both",
        "private_uv 与 fans（配合 reach_rate）只能二选一",
    ),
    (r"fans needs reach_rate .*", "给了 fans 就需要 reach_rate（每期观看的粉丝比例）"),
    (r"add reach_rate: 20% to the content section", "请在 content 段加上 reach_rate: 20%"),
    (r"add reach_rate: 20%", "请加上 reach_rate: 20%"),
    (
        r"cannot forecast private visitors without reach_rate .*",
        "没有 reach_rate（粉丝触达率）无法预测私域访客",
    ),
    (r"unknown policy", "未知的政策"),
    (r"see `gmvcli policies`", "见 `gmvcli policies`"),
    (
        r"a scenario file must be a mapping of keys .*",
        "场景文件必须是键值映射（name:、merchants: …）",
    ),
    (r"the file is not valid UTF-8", "文件不是有效的 UTF-8"),
    (r"save it as UTF-8", "请以 UTF-8 编码保存"),
    (r"invalid YAML: (.+)", r"YAML 格式错误：\1"),
    (r"unsupported YAML tag; only plain values are read", "不支持的 YAML 标签；只读取普通值"),
    (
        r"YAML merge keys \(<<\) are not supported; write keys out",
        "不支持 YAML 合并键（<<）；请把键写全",
    ),
    (r"keys must be plain text", "键必须是普通文本"),
    (r"aliases expand to over ([\d,]+) values .*", r"别名展开超过 \1 个值（疑似“十亿笑声”攻击）"),
    (r"nested more than (\d+) levels deep", r"嵌套超过 \1 层"),
    (r"no such file", "文件不存在"),
    (r"no \*\.yaml or \*\.yml files in this directory", "目录中没有 *.yaml 或 *.yml 文件"),
    (r"file too large .*", "文件过大（最多 64 MiB）"),
    (r"cannot read: (.+)", r"无法读取：\1"),
    # gmvcli test files
    (
        r"not a test file: its top level needs a `tests:` list",
        "不是测试文件：顶层需要 `tests:` 列表",
    ),
    (r"write tests: (.+)", r"请写成 tests: \1"),
    (r"must be a list of tests", "必须是测试列表"),
    (r"needs at least one test", "至少需要一个测试"),
    (r"must be a mapping \(name:, scenario:, expect:\)", "必须是映射（name:、scenario:、expect:）"),
    (r"must be a mapping of output paths to expected values", "必须是 输出路径 → 期望值 的映射"),
    (r"needs at least one expected value", "至少需要一个期望值"),
    (r"not an output path", "不是输出路径"),
    (
        r"write MERCHANT_ID\.key\.key, with \[i\] for list items, e\.g\. (.+)",
        r"请写成 商家ID.键.键，列表项用 [i]，例如 \1",
    ),
    (
        r"must be a number, text, null or \{min: X, max: Y\}",
        "必须是数字、文本、null 或 {min: X, max: Y}",
    ),
    (r"needs min:, max: or both", "需要 min:、max: 或两者"),
    (r"must not be less than min", "不能小于 min"),
    (r"must be a mapping of \[MERCHANT_ID:\]PATH to value", "必须是 [商家ID:]路径 → 值 的映射"),
    (r"write set: (.+)", r"请写成 set: \1"),
    (r"unknown field '(.+)'", r"未知的字段 '\1'"),
    (r"valid fields: (.+)", r"可用的字段：\1"),
    (
        r"must be the path of a scenario file .*",
        "必须是场景文件的路径（相对于本测试文件）或内联的场景映射",
    ),
    (r"is a directory, not a scenario file", "是目录，不是场景文件"),
    (r"looked for (.+)", r"查找的路径是 \1"),
    (r"no merchant '(.+)' in the scenario", r"场景中没有商家 '\1'"),
    (r"merchants: (.+)", r"现有商家：\1"),
    (
        r"changes nothing: no merchant in the scenario has a (.+) section",
        r"不起作用：场景中没有商家有 \1 段",
    ),
    (r"no \*\.test\.yaml files in this directory", "目录中没有 *.test.yaml 文件"),
)
_COMPILED_ZH: list[tuple[re.Pattern[str], str]] = []


def zh_problem(text: str) -> str:
    """The Chinese for a problem message or hint (English when no pattern knows it)."""
    if not _COMPILED_ZH:
        _COMPILED_ZH.extend((re.compile(p + r"\Z"), r) for p, r in _PROBLEMS_ZH)
    for pattern, replacement in _COMPILED_ZH:
        match = pattern.match(text)
        if match:
            return match.expand(replacement)
    return text


def problem_text(problem: Problem, lang: str) -> str:
    """`FILE:LINE:COL: path: message (got VALUE) — hint`, worded for `lang`."""
    if lang != "zh":
        return str(problem)
    from gmvcli.errors import safe_text

    where = problem.file
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    text = f"{where}: " + (f"{problem.path}: " if problem.path else "")
    text += zh_problem(problem.message)
    if problem.got is not None:
        text += f"（实际为 {problem.got}）"
    if problem.hint:
        text += f" — {zh_problem(problem.hint)}"
    return safe_text(text)
