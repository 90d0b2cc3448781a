"""Words of tables, verdicts, diffs, what-if output and Excel workbooks (code → (en, zh))."""

TEXTS: dict[str, tuple[str, str]] = {
    "xlsx.unavailable": (
        "--format xlsx needs XlsxWriter: pip install 'gmvcli[xlsx]'",
        "--format xlsx 需要 XlsxWriter：pip install 'gmvcli[xlsx]'",
    ),
    "xlsx.too_many_rows": (
        "{rows} rows do not fit in one Excel sheet (at most {most}); "
        "use --format csv or jsonl, or a smaller grid",
        "{rows} 行超出 Excel 单个工作表的上限（最多 {most} 行）；请用 --format csv 或 jsonl，或缩小网格",
    ),
    "xlsx.sheet.results": ("results", "结果"),
    "xlsx.sheet.comparison": ("comparison", "对比"),
    "xlsx.sheet.periods": ("periods", "各期"),
    "xlsx.sheet.totals": ("totals", "合计"),
    "xlsx.sheet.diff": ("diff", "差异"),
    "xlsx.sheet.sweep": ("sweep", "扫描"),
    "xlsx.sheet.simulate": ("simulate", "模拟"),
    "xlsx.col.file": ("File", "文件"),
    "xlsx.col.scenario": ("Scenario", "场景"),
    "xlsx.col.merchant": ("Merchant id", "商家ID"),
    "xlsx.col.merchant_name": ("Merchant", "商家"),
    "xlsx.col.role": ("Role", "角色"),
    "xlsx.col.model": ("Model", "模式"),
    "xlsx.col.period": ("Period", "期"),
    "xlsx.col.status": ("Status", "状态"),
    "xlsx.col.row": ("Row", "项目"),
    "xlsx.col.metric": ("Metric", "指标"),
    "xlsx.col.fans_start": ("Fans at start", "期初粉丝"),
    "xlsx.col.fans_end": ("Fans at end", "期末粉丝"),
    "xlsx.col.crossover": ("Content overtakes in period", "内容+私域追上货架的期数"),
    "xlsx.col.gmv_delta": ("GMV Δ", "GMV 差额"),
    "xlsx.col.gmv_ratio": ("GMV ratio", "GMV 倍数"),
    "xlsx.col.net_gmv_delta": ("Net GMV Δ", "净GMV 差额"),
    "xlsx.col.contribution_delta": ("Contribution Δ", "贡献利润差额"),
    "xlsx.col.driver.uv": ("Ratio: visitors", "倍数：访客"),
    "xlsx.col.driver.conversion": ("Ratio: conversion", "倍数：转化"),
    "xlsx.col.driver.aov": ("Ratio: order value", "倍数：客单价"),
    "xlsx.col.driver.repurchase": ("Ratio: repurchase", "倍数：复购"),
    "xlsx.col.verdict": ("Verdict", "结论"),
    "xlsx.col.base": ("Base", "基准"),
    "xlsx.col.variant": ("Variant", "变体"),
    "xlsx.col.delta": ("Δ", "差额"),
    "xlsx.col.delta_pct": ("Δ%", "差额%"),
    "xlsx.col.p_content_wins": ("P(content wins)", "内容+私域胜出概率"),
    "xlsx.col.shelf_gmv": ("Shelf GMV", "货架GMV"),
    "xlsx.col.content_gmv": ("Content GMV", "内容GMV"),
    "xlsx.col.shelf_contribution": ("Shelf contribution", "货架贡献利润"),
    "xlsx.col.content_contribution": ("Content contribution", "内容贡献利润"),
    "xlsx.col.advantage": ("Advantage (content − shelf)", "优势（内容−货架）"),
    "verdict.content": (
        "In period 1 ({first}), content earns {money} more contribution than shelf, with {ratio} "
        "the GMV{why}.",
        "{first}，内容+私域比货架多赚 {money} 贡献利润，GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.shelf": (
        "In period 1 ({first}), shelf earns {money} more contribution than content, which makes "
        "{ratio} the GMV{why}.",
        "{first}，货架电商比内容+私域多赚 {money} 贡献利润；内容+私域的 GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.even": (
        "In period 1 ({first}), both models earn the same contribution; content makes {ratio} "
        "the GMV{why}.",
        "{first}，两种模式的贡献利润相同；内容+私域的 GMV 是货架的 {ratio}{why}。",
    ),
    "verdict.limited": (
        " In {first}, time-limited policies apply: {policies}; `gmvcli forecast` shows the "
        "{later} after.",
        "{first}含限时政策：{policies}；之后各{later}见 `gmvcli forecast`。",
    ),
    "verdict.only_first": ("{name} ({unit} 1 only)", "{name}（仅第1{unit}）"),
    "verdict.first_n": ("{name} ({units} 1–{n})", "{name}（前{n}{units}）"),
    "verdict.list_sep": (", ", "、"),
    "first.day": ("the first day", "第1天"),
    "first.week": ("the first week", "第1周"),
    "first.month": ("the first month", "第1个月"),
    "first.quarter": ("the first quarter", "第1季度"),
    "first.year": ("the first year", "第1年"),
    "units.day": ("days", "天"),
    "units.week": ("weeks", "周"),
    "units.month": ("months", "个月"),
    "units.quarter": ("quarters", "个季度"),
    "units.year": ("years", "年"),
    "sim.one_period": (
        "one period: {first} (use --periods N for totals over a forecast)",
        "单期：{first}（用 --periods N 查看预测期内合计）",
    ),
    "sim.totals": ("totals over {n} {units}", "{n}{units}合计"),
    "sens.still": (
        "{n} more inputs move nothing (swing ¥0): not shown",
        "另有 {n} 个输入不影响结果（摆幅 ¥0），未列出",
    ),
    "sens.all_still": (
        "no input moves the result (every swing is ¥0)",
        "没有输入影响结果（摆幅都是 ¥0）",
    ),
    "solve.parity": (
        "content contribution equals shelf contribution (content = shelf)",
        "内容+私域与货架的贡献利润相等（与货架持平）",
    ),
    "solve.breakeven": (
        "{model} contribution is ¥0 (break-even)",
        "{model}贡献利润为 ¥0（保本）",
    ),
    "solve.in_first": ("in period 1 ({first})", "按第1期（{first}）计算"),
    "solve.over": ("over {n} {units} in all", "按 {n}{units}合计计算"),
    "solve.check": ("; engine check {check}", "；引擎复算 {check}"),
    "sim.no_distribution": (
        "{file}: warning: no input is written as a distribution, so every draw is the same; "
        'write one as e.g. aov: {{low: 80, high: 100}} or "80 to 100"',
        "{file}：警告：没有任何输入写成分布，每次抽样结果都相同；可写成例如 "
        'aov: {{low: 80, high: 100}} 或 "80 to 100"',
    ),
    "diff.none": ("no differences", "无差异"),
    "diff.merchant_added": (
        "merchant added (only in the variant)",
        "新增的商家（只在变体中）",
    ),
    "diff.merchant_removed": (
        "merchant removed (only in the base)",
        "删除的商家（只在基准中）",
    ),
    "diff.model.shelf": ("shelf", "货架电商"),
    "diff.model.content": ("content", "内容+私域"),
    "diff.model_added": ("{model} model added", "新增{model}模式"),
    "diff.model_removed": ("{model} model removed", "删除了{model}模式"),
    "diff.pct": (" ({pct})", "（{pct}）"),
    "diff.sep": (", ", "，"),
    "diff.contribution": ("contribution change: {changes}", "贡献利润变化：{changes}"),
    "diff.other_rows": ("; changed rows: {rows}", "；有变化的项目：{rows}"),
    "sweep.gap": (
        "{file}: {id}: warning: cannot vary {field} ({why}); its rows leave {field} empty",
        "{file}：{id}：警告：无法改变 {field}（{why}），其各行的 {field} 留空",
    ),
    "file.tests_skipped": (
        "{dir}: note: skipped {count} scenario test file(s) (*.test.yaml); run them with `gmvcli test {dir}`",
        "{dir}：提示：跳过了 {count} 个场景测试文件（*.test.yaml）；请用 `gmvcli test {dir}` 运行",
    ),
    "scenario.is_test": (
        "this is a scenario test file (it has tests:), not a scenario: run it with `gmvcli test {file}`",
        "这是场景测试文件（含 tests:），不是场景：请用 `gmvcli test {file}` 运行",
    ),
    "policies.none": (
        "No built-in policy is for the role {role}; any policy can still be listed in a merchant's "
        "policies: (with a warning), or defined under the file's policies:.",
        "没有面向角色 {role} 的内置政策；仍可在商家的 policies: 中使用任一政策（会有警告），"
        "或在文件的 policies: 下自定义。",
    ),
    "explain.commission_after": (
        "commission rate after these policies (commission_rate): {rates}",
        "政策生效后的佣金率 commission_rate：{rates}",
    ),
}
