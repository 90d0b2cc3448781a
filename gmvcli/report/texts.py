"""Every word of the report page and of `gmvcli report`'s messages: code → (en, zh).

One dict, so that moving it into the project's message catalogue is a paste.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # page furniture
    "title": ("Shelf vs content + private: {name}", "货架电商 vs 内容+私域：{name}"),
    "generated": ("Made {date} by gmvcli {version}", "{date} 由 gmvcli {version} 生成"),
    "input": ("Input", "输入文件"),
    "sha256": ("SHA-256", "SHA-256"),
    "period": ("Period", "周期"),
    "period_of_flows": ("Flows are per {unit}", "各项流量均为每{unit}"),
    "contents": ("Merchants", "商家一览"),
    "col.merchant": ("Merchant", "商家"),
    "col.advantage": ("Content − shelf contribution", "内容 − 货架 贡献利润"),
    "col.crossover": ("Content overtakes", "内容追上货架"),
    "crossover_at": ("{unit} {t}", "第{t}{unit}"),
    "never": ("not within {n} {unit}s", "{n}{unit}内未追上"),
    "only_one_model": ("one model only", "仅一种模式"),
    "cannot_forecast": ("cannot forecast", "无法预测"),
    "back_to_top": ("Back to the list", "返回商家一览"),
    # comparison
    "h.compare": ("Period 1: both models side by side", "第1期：两种模式并排对比"),
    "col.item": ("Item", "项目"),
    "warnings": ("Warnings", "提示"),
    "h.drivers": ("Why GMV differs: the drivers", "GMV 差在哪里：驱动因素"),
    "drivers.note": (
        "Content ÷ shelf for each factor of GMV; the factors multiply to the GMV ratio. "
        "Bars to the right favour content.",
        "每个 GMV 因子的 内容 ÷ 货架；各因子相乘即 GMV 倍数。向右的条对内容有利。",
    ),
    "drivers.total": ("GMV ratio", "GMV倍数"),
    "drivers.equal": ("1× (equal)", "1×（持平）"),
    "drivers.none": ("—", "—"),
    # forecast
    "h.forecast": ("Forecast over {n} {unit}s", "{n}{unit}预测"),
    "forecast.chart": ("Cumulative contribution", "累计贡献利润"),
    "forecast.overtakes": ("content overtakes: {unit} {t}", "第{t}{unit}内容追上货架"),
    "forecast.table": ("Per-period table ({n} {unit}s)", "逐期明细（{n}{unit}）"),
    "forecast.cannot": ("This merchant cannot be forecast: {problem}", "该商家无法预测：{problem}"),
    "col.period": ("Period", "期"),
    # uncertainty
    "h.uncertainty": ("Uncertainty: {runs} draws, period 1", "不确定性：{runs} 次抽样，第1期"),
    "uncertainty.note": (
        "The inputs written as distributions are drawn {runs} times (seed {seed}), as "
        "`gmvcli simulate` does; the others keep their value.",
        "按文件中写成分布的输入抽样 {runs} 次（随机种子 {seed}），与 `gmvcli simulate` 相同；"
        "其余输入保持原值。",
    ),
    "uncertainty.wins": ("P(content wins)", "内容+私域胜出概率"),
    "uncertainty.wins_text": (
        "Content earns more contribution in {share} of the draws.",
        "在 {share} 的抽样中，内容+私域的贡献利润更高。",
    ),
    "uncertainty.percentiles": (
        "Advantage (content − shelf contribution): 5th percentile {p5}, median {p50}, "
        "95th percentile {p95}.",
        "优势（内容利润 − 货架利润）：5% 分位 {p5}，中位数 {p50}，95% 分位 {p95}。",
    ),
    "uncertainty.histogram": ("Distribution of the advantage", "优势的分布"),
    "uncertainty.shelf_ahead": ("shelf ahead", "货架领先"),
    "uncertainty.content_ahead": ("content ahead", "内容领先"),
    "uncertainty.breakeven": ("break-even", "持平"),
    "uncertainty.median": ("median", "中位数"),
    "uncertainty.constant": (
        "None of this merchant's inputs is uncertain: every draw gives the same advantage.",
        "该商家没有不确定的输入：每次抽样的优势都相同。",
    ),
    "h.tornado": ("Which input moves the advantage most", "哪个输入对优势影响最大"),
    "tornado.note": (
        "Each uncertain input at its 10th and 90th percentile, the others central "
        "(`gmvcli sensitivity`).",
        "每个不确定输入分别取 10% 与 90% 分位，其余取中心值（`gmvcli sensitivity`）。",
    ),
    "tornado.central": ("central: {value}", "中心值：{value}"),
    "tornado.low": ("input low", "输入取低值"),
    "tornado.high": ("input high", "输入取高值"),
    "col.input": ("Input", "输入"),
    "col.low": ("Low", "低值"),
    "col.high": ("High", "高值"),
    "col.metric_low": ("Advantage at low", "低值时优势"),
    "col.metric_high": ("Advantage at high", "高值时优势"),
    "col.swing": ("Swing", "波动幅度"),
    # policies
    "h.policies": ("Policies applied and what they changed", "所用政策及其影响"),
    "policies.none": ("No policies.", "未使用政策。"),
    "policies.content_only": (
        "Policies act on the content model only, and this merchant has none.",
        "政策只作用于内容+私域模式，而该商家没有内容模式。",
    ),
    "policies.active_all": ("every period", "每期有效"),
    "policies.active_first": ("{unit} 1 only", "仅第1{unit}"),
    "policies.active_until": ("{unit}s 1–{n}", "第1–{n}{unit}"),
    "policies.effects": ("Effects", "作用"),
    "policies.no_effect": (
        "a tool: no direct effect in the model",
        "产品工具：在模型中没有直接作用",
    ),
    "policies.impact": ("What they changed (content model)", "政策带来的变化（内容+私域）"),
    "col.without": ("Without policies", "不用政策"),
    "col.with": ("With policies", "使用政策"),
    "col.change": ("Change", "变化"),
    "impact.gmv1": ("GMV, period 1", "第1期 GMV"),
    "impact.contribution1": ("Contribution, period 1", "第1期贡献利润"),
    "impact.contribution_total": ("Contribution over {n} {unit}s", "{n}{unit}累计贡献利润"),
    # inputs and explain
    "h.inputs": ("Every input, with where it is written", "全部输入及其出处"),
    "inputs.summary": ("{n} inputs of {name}", "{name} 的 {n} 项输入"),
    "inputs.scenario": ("Scenario-wide inputs", "场景级输入"),
    "col.field": ("Field", "字段"),
    "col.written": ("Written", "文件中写法"),
    "col.read": ("Read as", "读取为"),
    "col.where": ("Where", "位置"),
    "distribution": ("distribution; central value {value}", "分布；中心值 {value}"),
    "h.explain": ("The worked calculation", "逐步计算过程"),
    "explain.model": ("{model}: every row, worked", "{model}：逐行计算"),
    "explain.inputs": ("Inputs", "输入"),
    "explain.policies": ("Policies in period 1", "第1期政策"),
    "explain.rows": ("Rows", "计算过程"),
    "footer": (
        "Formulas: GMV = UV × conversion × AOV × repurchase (shelf); "
        "(private + public + bonus UV) × watch minutes × orders per minute × AOV × repurchase "
        "(content). Contribution = net GMV − costs + rebate.",
        "公式：货架 GMV = UV × 转化率 × 客单价 × 复购频次；"
        "内容 GMV = (私域UV + 公域UV + 政策赠送UV) × 内容消费时长 × 单位时长订单转化率 × 客单价 × 复购频次。"
        "贡献利润 = 净GMV − 成本 + 返点。",
    ),
    # command-line messages
    "cli.need_output": (
        "report writes an HTML page: give -o FILE.html (or redirect stdout to a file)",
        "report 输出 HTML 页面：请用 -o FILE.html 指定文件（或把标准输出重定向到文件）",
    ),
    "cli.over_input": (
        "{file}: cannot write: it is the report's input",
        "{file}：不能写入：它是报告的输入文件",
    ),
    "cli.unavailable": (
        "the report needs Jinja2: pip install 'gmvcli[report]'",
        "生成报告需要 Jinja2：pip install 'gmvcli[report]'",
    ),
    "cli.cannot_forecast": (
        "{problem} (the report has no forecast for {merchant})",
        "{problem}（报告中 {merchant} 没有预测）",
    ),
}


def text(code: str, lang: str, **params: object) -> str:
    """The report's text for `code` in `lang`, its {placeholders} filled."""
    en, zh = TEXTS[code]
    template = zh if lang == "zh" else en
    return template.format(**params) if params else template
