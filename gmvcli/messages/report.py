"""Words of `gmvcli report` (SPEC §12): the page (`report.*`) and the command's help
(`help.report*`). Code → (en, zh), as every module of the catalogue."""

_EX = "Examples:"
_EX_ZH = "示例："

TEXTS: dict[str, tuple[str, str]] = {
    # page furniture
    "report.title": ("Shelf vs content + private: {name}", "货架电商 vs 内容+私域：{name}"),
    "report.generated": ("Made {date} by gmvcli {version}", "{date} 由 gmvcli {version} 生成"),
    "report.input": ("Input", "输入文件"),
    "report.sha256": ("SHA-256", "SHA-256 校验值"),
    "report.period": ("Period", "周期"),
    "report.period_of_flows": ("Flows are per {unit}", "各项流量均为每{unit}"),
    "report.contents": ("Merchants", "商家一览"),
    "report.col.merchant": ("Merchant", "商家"),
    "report.col.advantage": ("Content − shelf contribution", "内容 − 货架 贡献利润"),
    "report.col.crossover": ("Content overtakes", "内容追上货架"),
    "report.crossover_at": ("{unit} {t}", "第{t}{unit}"),
    "report.never": ("not within {n} {unit}s", "{n}{unit}内未追上"),
    "report.only_one_model": ("one model only", "仅一种模式"),
    "report.cannot_forecast": ("cannot forecast", "无法预测"),
    "report.back_to_top": ("Back to the list", "返回商家一览"),
    # comparison
    "report.h.compare": ("Period 1: both models side by side", "第1期：两种模式并排对比"),
    "report.col.item": ("Item", "项目"),
    "report.warnings": ("Warnings", "提示"),
    "report.h.drivers": ("Why GMV differs: the drivers", "GMV 差在哪里：驱动因素"),
    "report.drivers.note": (
        "Content ÷ shelf for each factor of GMV; the factors multiply to the GMV ratio. "
        "Bars to the right favour content.",
        "每个 GMV 因子的 内容 ÷ 货架；各因子相乘即 GMV 倍数。向右的条对内容有利。",
    ),
    "report.drivers.total": ("GMV ratio", "GMV倍数"),
    "report.drivers.equal": ("1× (equal)", "1×（持平）"),
    # forecast
    "report.h.forecast": ("Forecast over {n} {unit}s", "{n}{unit}预测"),
    "report.forecast.chart": ("Cumulative contribution", "累计贡献利润"),
    "report.forecast.overtakes": ("content overtakes: {unit} {t}", "第{t}{unit}内容追上货架"),
    "report.forecast.table": ("Per-period table ({n} {unit}s)", "逐期明细（{n}{unit}）"),
    "report.forecast.cannot": (
        "This merchant cannot be forecast: {problem}",
        "该商家无法预测：{problem}",
    ),
    "report.col.period": ("Period", "期"),
    # uncertainty
    "report.h.uncertainty": (
        "Uncertainty: {runs} draws, period 1",
        "不确定性：{runs} 次抽样，第1期",
    ),
    "report.uncertainty.note": (
        "The inputs written as distributions are drawn {runs} times (seed {seed}), as "
        "`gmvcli simulate` does; the others keep their value.",
        "按文件中写成分布的输入抽样 {runs} 次（随机种子 {seed}），与 `gmvcli simulate` 相同；"
        "其余输入保持原值。",
    ),
    "report.uncertainty.wins": ("P(content wins)", "内容+私域胜出概率"),
    "report.uncertainty.wins_text": (
        "Content earns more contribution in {share} of the draws.",
        "在 {share} 的抽样中，内容+私域的贡献利润更高。",
    ),
    "report.uncertainty.advantage": (
        "Advantage (content − shelf contribution)",
        "优势（内容利润 − 货架利润）",
    ),
    "report.col.p5": ("5th percentile", "5% 分位"),
    "report.col.p50": ("Median", "中位数"),
    "report.col.p95": ("95th percentile", "95% 分位"),
    "report.uncertainty.histogram": ("Distribution of the advantage", "优势的分布"),
    "report.uncertainty.shelf_ahead": ("shelf ahead", "货架领先"),
    "report.uncertainty.content_ahead": ("content ahead", "内容领先"),
    "report.uncertainty.breakeven": ("break-even", "持平"),
    "report.uncertainty.median": ("median", "中位数"),
    "report.uncertainty.constant": (
        "None of this merchant's inputs is uncertain: every draw gives the same advantage.",
        "该商家没有不确定的输入：每次抽样的优势都相同。",
    ),
    "report.h.tornado": ("Which input moves the advantage most", "哪个输入对优势影响最大"),
    "report.tornado.note": (
        "Each uncertain input at its 10th and 90th percentile, the others central "
        "(`gmvcli sensitivity`).",
        "每个不确定输入分别取 10% 与 90% 分位，其余取中心值（`gmvcli sensitivity`）。",
    ),
    "report.tornado.central": ("central: {value}", "中心值：{value}"),
    "report.tornado.low": ("input low", "输入取低值"),
    "report.tornado.high": ("input high", "输入取高值"),
    "report.col.input": ("Input", "输入"),
    "report.col.low": ("Low", "低值"),
    "report.col.high": ("High", "高值"),
    "report.col.metric_low": ("Advantage at low", "低值时优势"),
    "report.col.metric_high": ("Advantage at high", "高值时优势"),
    "report.col.swing": ("Swing", "波动幅度"),
    # policies
    "report.h.policies": ("Policies applied and what they changed", "所用政策及其影响"),
    "report.policies.none": ("No policies.", "未使用政策。"),
    "report.policies.content_only": (
        "Policies act on the content model only, and this merchant has none.",
        "政策只作用于内容+私域模式，而该商家没有内容模式。",
    ),
    "report.policies.active_all": ("every period", "每期有效"),
    "report.policies.active_first": ("{unit} 1 only", "仅第1{unit}"),
    "report.policies.active_until": ("{unit}s 1–{n}", "第1–{n}{unit}"),
    "report.policies.impact": ("What they changed (content model)", "政策带来的变化（内容+私域）"),
    "report.col.without": ("Without policies", "不用政策"),
    "report.col.with": ("With policies", "使用政策"),
    "report.col.change": ("Change", "变化"),
    "report.impact.gmv1": ("GMV, period 1", "第1期 GMV"),
    "report.impact.contribution1": ("Contribution, period 1", "第1期贡献利润"),
    "report.impact.contribution_total": ("Contribution over {n} {unit}s", "{n}{unit}累计贡献利润"),
    # inputs and explain
    "report.h.inputs": ("Every input, with where it is written", "全部输入及其出处"),
    "report.inputs.summary": ("{n} inputs of {name}", "{name} 的 {n} 项输入"),
    "report.inputs.scenario": ("Scenario-wide inputs", "场景级输入"),
    "report.col.field": ("Field", "字段"),
    "report.col.written": ("Written", "文件中写法"),
    "report.col.read": ("Read as", "读取为"),
    "report.col.where": ("Where", "位置"),
    "report.distribution": ("distribution; central value {value}", "分布；中心值 {value}"),
    "report.h.explain": ("The worked calculation", "逐步计算过程"),
    "report.explain.model": ("{model}: every row, worked", "{model}：逐行计算"),
    "report.explain.inputs": ("Inputs", "输入"),
    "report.explain.policies": ("Policies in period 1", "第1期政策"),
    "report.explain.rows": ("Rows", "计算过程"),
    "report.footer": (
        "Formulas: GMV = UV × conversion × AOV × repurchase (shelf); "
        "(private + public + bonus UV) × watch minutes × orders per minute × AOV × repurchase "
        "(content). Contribution = net GMV − costs + rebate.",
        "公式：货架 GMV = UV × 转化率 × 客单价 × 复购频次；"
        "内容 GMV = (私域UV + 公域UV + 政策赠送UV) × 内容消费时长 × 单位时长订单转化率 × 客单价 × 复购频次。"
        "贡献利润 = 净GMV − 成本 + 返点。",
    ),
    # command-line messages
    "report.cli.need_output": (
        "report writes an HTML page: give -o FILE.html (or redirect stdout to a file)",
        "report 输出 HTML 页面：请用 -o FILE.html 指定文件（或把标准输出重定向到文件）",
    ),
    "report.cli.over_input": (
        "{file}: cannot write: it is the report's input",
        "{file}：不能写入：它是报告的输入文件",
    ),
    "report.cli.unavailable": (
        "the report needs Jinja2: pip install 'gmvcli[report]'",
        "生成报告需要 Jinja2：pip install 'gmvcli[report]'",
    ),
    "report.cli.cannot_forecast": (
        "{problem} (the report has no forecast for {merchant})",
        "{problem}（报告中 {merchant} 没有预测）",
    ),
    # help of `gmvcli report` (read by gmvcli.cli.language like every command's)
    "help.report": (
        "One self-contained HTML page to send to a client: the comparison with its verdict, the "
        "drivers, the forecast with its crossover, the uncertainty when the file has distributions, "
        "the policies, every input with FILE:LINE and the worked calculation. No script, no "
        "network: it opens offline, on a phone, and prints on A4 (needs gmvcli[report]).",
        "生成一个可直接发给客户的独立 HTML 页面：两种模式对比与结论、驱动因素、预测与追平点、"
        "（文件含分布时的）不确定性、政策、每项输入的 文件:行号 以及逐步计算过程。"
        "不含脚本、不联网：离线、手机上都能打开，可按 A4 打印（需要安装 gmvcli[report]）。",
    ),
    "help.report.short": (
        "One HTML page to send: comparison, forecast, uncertainty, inputs.",
        "生成可发送的 HTML 报告：对比、预测、不确定性与输入出处。",
    ),
    "help.report.periods": (
        "Forecast length (overrides the file).",
        "预测期数（覆盖文件中的设置）。",
    ),
    "help.report.periods.metavar": ("N", "N"),
    "help.report.runs": (
        "Draws for the uncertainty section (files with distributions).",
        "不确定性部分的抽样次数（文件含分布时）。",
    ),
    "help.report.runs.metavar": ("N", "N"),
    "help.report.examples": (
        f"{_EX}\n\n  gmvcli report scenarios/weiwei-uncertain.yaml --lang zh -o weiwei.html\n\n"
        "  gmvcli report shop.yaml --merchant weiwei --periods 24 > shop.html",
        f"{_EX_ZH}\n\n  gmvcli report scenarios/weiwei-uncertain.yaml --lang zh -o weiwei.html\n\n"
        "  gmvcli report shop.yaml --merchant weiwei --periods 24 > shop.html",
    ),
}
