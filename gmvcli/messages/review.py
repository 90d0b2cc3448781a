"""Messages of `review` and `fit` (SPEC §10): reading exports, warnings, verdicts, help
(code → (en, zh))."""

TEXTS: dict[str, tuple[str, str]] = {
    # reading the export
    "review.encoding": (
        "cannot read the text: neither UTF-8 nor GB18030/GBK (bad byte on line {line})",
        "无法读取文本：既不是 UTF-8 也不是 GB18030/GBK（第 {line} 行有无效字节）",
    ),
    "review.encoding_hint": (
        "save the export as CSV UTF-8 or as an Excel .xlsx file",
        "请把导出文件另存为 CSV UTF-8 或 Excel .xlsx",
    ),
    "review.empty": ("the file is empty", "文件是空的"),
    "review.header_only": (
        "no data rows under the header",
        "表头下面没有数据行",
    ),
    "review.too_large": ("file too large (at most 64 MiB)", "文件过大（最多 64 MiB）"),
    "review.no_file": ("no such file", "文件不存在"),
    "review.unreadable": ("cannot read: {error}", "无法读取：{error}"),
    "review.xlsx_bad": (
        "not a readable .xlsx workbook: {error}",
        "不是可读取的 .xlsx 工作簿：{error}",
    ),
    "review.no_sheet": (
        "no sheet named '{sheet}'; sheets: {sheets}",
        "没有名为 '{sheet}' 的工作表；现有：{sheets}",
    ),
    "review.missing_column": (
        "missing column '{column}': no header matches {aliases}",
        "缺少列 '{column}'：没有表头匹配 {aliases}",
    ),
    "review.missing_column_hint": (
        "headers found: {headers}; map yours with --columns MAP.yaml (header: {column})",
        "现有表头：{headers}；可用 --columns MAP.yaml 指定（表头: {column}）",
    ),
    "review.merchant_column_hint": (
        "the scenario has several merchants ({ids}): add a merchant column or pass --merchant ID",
        "场景中有多个商家（{ids}）：请加一列商家，或用 --merchant ID 指定",
    ),
    "review.duplicate_column": (
        "two columns mean '{column}': '{first}' and '{second}'",
        "两列都表示 '{column}'：'{first}' 和 '{second}'",
    ),
    "review.empty_cell": ("empty cell", "单元格为空"),
    "review.not_number": ("is not a number", "不是数字"),
    "review.not_minutes": (
        "is not a duration (minutes, m:ss or h:mm:ss)",
        "不是时长（分钟数、m:ss 或 h:mm:ss）",
    ),
    "review.negative": ("a count or amount cannot be negative", "数量或金额不能为负数"),
    "review.not_date": (
        "is not a date (2024-11-05, 2024/11/05 or 2024年11月5日)",
        "不是日期（2024-11-05、2024/11/05 或 2024年11月5日）",
    ),
    "review.bad_channel": (
        "unknown channel; use 直播/内容/content or 货架/商品卡/shelf",
        "未知渠道；请写 直播/内容/content 或 货架/商品卡/shelf",
    ),
    "review.unknown_merchant": (
        "no merchant with this id or name in the scenario (merchants: {ids})",
        "场景中没有这个 id 或名称的商家（现有：{ids}）",
    ),
    "review.no_model": (
        "merchant '{merchant}' has no {model} model in the scenario",
        "商家 '{merchant}' 在场景中没有{model}模型",
    ),
    "review.buyers_over_orders": (
        "more buyers ({buyers}) than orders ({orders})",
        "成交人数（{buyers}）多于订单数（{orders}）",
    ),
    "review.gmv_without_orders": (
        "GMV {gmv} with no orders",
        "有成交金额 {gmv} 却没有订单",
    ),
    "review.orders_without_uv": (
        "{orders} orders with no visitors or no watch time",
        "有 {orders} 笔订单却没有访客或观看时长",
    ),
    "review.split_over_uv": (
        "followers + paid visitors ({split}) exceed all visitors ({uv})",
        "粉丝观看 + 付费观看（{split}）超过了观看人数（{uv}）",
    ),
    "review.refunds_without_gmv": (
        "refunds {refunds} in period {period} with no GMV: the refund rate is undefined",
        "第 {period} 期有退款 {refunds} 却没有成交金额：退款率无法计算",
    ),
    "review.cost_without_paid": (
        "traffic cost {cost} in period {period} with no paid visitors: cannot turn it into a cost "
        "per paid visitor",
        "第 {period} 期有投放消耗 {cost} 却没有付费观看人数：无法换算为单个付费访客成本",
    ),
    "review.cost_without_paid_hint": (
        "add the paid-visitor column (付费观看人数 / public_uv)",
        "请加上付费观看人数（public_uv）一列",
    ),
    "review.no_rows_for": (
        "no rows for merchant '{merchant}' in the export",
        "导出文件中没有商家 '{merchant}' 的数据行",
    ),
    "review.nothing_in_plan": (
        "no row falls in the plan's {periods} periods from {start}",
        "没有数据行落在计划自 {start} 起的 {periods} 期之内",
    ),
    "review.bad_start": (
        "--start {value}: not a date (2024-11-01)",
        "--start {value}：不是日期（2024-11-01）",
    ),
    "review.columns_bad": (
        "must map export headers to column names (header: column)",
        "必须是 导出表头 → 列名 的映射（表头: 列名）",
    ),
    "review.columns_unknown": (
        "unknown column name '{column}'; columns: {columns}",
        "未知列名 '{column}'；可用列名：{columns}",
    ),
    # warnings (reported, never silent)
    "review.warn_duplicate": (
        "repeats row {first} cell for cell: counted once",
        "与第 {first} 行完全相同：只计一次",
    ),
    "review.warn_outside": (
        "{count} row(s) outside the plan's periods ({first}..{last}) left out: rows {rows}",
        "{count} 行不在计划期内（{first}..{last}），未计入：第 {rows} 行",
    ),
    "review.warn_total_row": (
        "a total row ({text}): left out",
        "合计行（{text}），未计入",
    ),
    "review.warn_orders_no_gmv": (
        "{orders} orders with GMV 0 (free orders?)",
        "{orders} 笔订单但成交金额为 0（0元单？）",
    ),
    "review.warn_refunds_over_gmv": (
        "refunds {refunds} exceed GMV {gmv}",
        "退款 {refunds} 超过成交金额 {gmv}",
    ),
    # assumptions, shown under the table and kept in JSON "notes"
    "review.note_refunds": (
        "no refunds column: refunds are GMV × the plan's refund rate",
        "无退款列：退款按 GMV × 计划退款率计算",
    ),
    "review.note_buyers": (
        "no buyers column: repurchase frequency is the plan's",
        "无成交人数列：复购频次取计划值",
    ),
    "review.note_traffic": (
        "no traffic cost column: the plan's cost per paid visitor × actual paid visitors",
        "无投放消耗列：按计划的单个付费访客成本 × 实际付费访客计算",
    ),
    "review.note_split": (
        "no follower/paid visitor columns: split as planned",
        "无粉丝/付费观看人数列：按计划比例拆分",
    ),
    "review.note_empty_period": (
        "period {period} has no sessions: factors without data take the plan's value",
        "第 {period} 期没有场次：无数据的因素取计划值",
    ),
    # the verdict
    "review.verdict_below": (
        "GMV {amount} below plan ({pct}) over {span}: {effects}.",
        "{span}内 GMV 比计划低 {amount}（{pct}）：{effects}。",
    ),
    "review.verdict_above": (
        "GMV {amount} above plan ({pct}) over {span}: {effects}.",
        "{span}内 GMV 比计划高 {amount}（{pct}）：{effects}。",
    ),
    "review.verdict_on_plan": ("GMV on plan over {span}.", "{span}内 GMV 与计划持平。"),
    "review.verdict_contribution": (
        "Contribution {amount} {direction} plan.",
        "贡献利润比计划{direction} {amount}。",
    ),
    "review.above": ("above", "高"),
    "review.below": ("below", "低"),
    # fit
    "fit.note": (
        "fitted from {file}, {rows} rows, {first}..{last}",
        "由 {file} 拟合，{rows} 行，{first}..{last}",
    ),
    "fit.no_fields": (
        "nothing to fit: the export measures none of these fields",
        "没有可拟合的字段",
    ),
    "fit.one_merchant": (
        "fit writes one merchant: pass --merchant ID (merchants: {ids})",
        "fit 一次只拟合一个商家：请用 --merchant ID 指定（现有：{ids}）",
    ),
    "review.note_line": ("Note: {text}", "说明：{text}"),
    "review.over_input": (
        "{file}: refusing to write over one of this run's inputs",
        "{file}：拒绝覆盖本次运行的输入文件",
    ),
    "fit.needs_file": (
        "fit edits a scenario file: give its path, not - (standard input)",
        "fit 修改的是场景文件：请给出文件路径，而不是 -（标准输入）",
    ),
    "fit.written": ("{file}: {count} field(s) written", "{file}：已写入 {count} 个字段"),
    "fit.no_change": ("no changes", "无变化"),
    "fit.cannot_edit": (
        "cannot edit {file} in place: {reason}",
        "无法就地修改 {file}：{reason}",
    ),
    # help of the commands (see gmvcli/messages/helptext.py for the scheme)
    "help.review": (
        "复盘: the sessions exported from the shop's back office against the plan, period by "
        "period, and why GMV moved (LMDI by driver) and profit moved (by line).",
        "复盘：把店铺后台导出的直播场次数据与计划逐期对比，并拆解 GMV 差额来自哪个因素（LMDI）、"
        "利润差额来自哪一项。",
    ),
    "help.review.short": (
        "Plan vs actual from the session export (复盘).",
        "计划 vs 实际：用场次导出数据复盘。",
    ),
    "help.review.path": ("The scenario: the plan.", "场景文件：计划。"),
    "help.review.path.metavar": ("FILE", "文件"),
    "help.review.actuals": (
        "The sessions exported from the back office: .csv (UTF-8 or GBK) or .xlsx.",
        "店铺后台导出的场次数据：.csv（UTF-8 或 GBK）或 .xlsx。",
    ),
    "help.review.actuals.metavar": ("ACTUALS", "场次数据"),
    "help.review.start": (
        "A day in period 1 (default: the first session).",
        "第 1 期中的某一天（默认：最早的场次）。",
    ),
    "help.review.start.metavar": ("DATE", "日期"),
    "help.review.columns": (
        "A YAML map from other headers to columns (header: column).",
        "把其他表头对应到列名的 YAML 映射（表头: 列名）。",
    ),
    "help.review.columns.metavar": ("MAP.yaml", "映射.yaml"),
    "help.review.sheet": (
        "The sheet of an .xlsx file (default: the first).",
        "读取 .xlsx 的哪个工作表（默认：第一个）。",
    ),
    "help.review.sheet.metavar": ("NAME", "名称"),
    "help.review.plot": (
        "Also draw plan vs actual GMV and the driver effects as a waterfall (needs gmvcli[plot]).",
        "同时画出计划与实际 GMV 以及各因素影响的瀑布图（需要安装 gmvcli[plot]）。",
    ),
    "help.review.plot.metavar": ("FILE.png|FILE.svg", "文件.png|文件.svg"),
    "help.review.examples": (
        "Examples:\n\n  gmvcli review scenarios/weiwei-factory.yaml "
        "scenarios/actuals/weiwei-sessions.csv\n\n"
        "  gmvcli review plan.yaml sessions.xlsx --sheet 直播 --format csv -o review.csv",
        "示例：\n\n  gmvcli review scenarios/weiwei-factory.yaml "
        "scenarios/actuals/weiwei-sessions.csv\n\n"
        "  gmvcli review plan.yaml sessions.xlsx --sheet 直播 --format csv -o review.csv",
    ),
    "help.fit": (
        "Fit the plan to the sessions: each input the export measures, with its 90% bootstrap "
        "interval written as a distribution; a diff of FILE, or --write to edit it in place.",
        "用场次数据校准计划：导出数据能测得的每个输入及其 90% 自助法区间（写成分布）；"
        "默认输出对 FILE 的 diff，--write 则就地修改。",
    ),
    "help.fit.short": ("Fit the plan's inputs to the sessions.", "用场次数据校准计划的输入。"),
    "help.fit.path": ("The scenario to fit: the plan.", "要校准的场景文件：计划。"),
    "help.fit.path.metavar": ("FILE", "文件"),
    "help.fit.actuals": (
        "The sessions exported from the back office: .csv (UTF-8 or GBK) or .xlsx.",
        "店铺后台导出的场次数据：.csv（UTF-8 或 GBK）或 .xlsx。",
    ),
    "help.fit.actuals.metavar": ("ACTUALS", "场次数据"),
    "help.fit.merchant": ("The merchant to fit.", "要校准的商家。"),
    "help.fit.merchant.metavar": ("ID", "商家ID"),
    "help.fit.start": (
        "A day in period 1 (default: the first session).",
        "第 1 期中的某一天（默认：最早的场次）。",
    ),
    "help.fit.start.metavar": ("DATE", "日期"),
    "help.fit.columns": (
        "A YAML map from other headers to columns (header: column).",
        "把其他表头对应到列名的 YAML 映射（表头: 列名）。",
    ),
    "help.fit.columns.metavar": ("MAP.yaml", "映射.yaml"),
    "help.fit.sheet": (
        "The sheet of an .xlsx file (default: the first).",
        "读取 .xlsx 的哪个工作表（默认：第一个）。",
    ),
    "help.fit.sheet.metavar": ("NAME", "名称"),
    "help.fit.write_file": (
        "Edit FILE in place: only the fitted values change; comments and key order stay.",
        "就地修改 FILE：只改拟合的值，注释与键的顺序保持不变。",
    ),
    "help.fit.examples": (
        "Examples:\n\n  gmvcli fit scenarios/weiwei-factory.yaml "
        "scenarios/actuals/weiwei-sessions.csv\n\n"
        "  gmvcli fit plan.yaml sessions.xlsx --write",
        "示例：\n\n  gmvcli fit scenarios/weiwei-factory.yaml "
        "scenarios/actuals/weiwei-sessions.csv\n\n"
        "  gmvcli fit plan.yaml sessions.xlsx --write",
    ),
    # usage errors of review and fit
    "review.no_merchant": (
        "no merchant '{id}' in {file} (merchants: {ids})",
        "{file} 中没有商家 '{id}'（现有：{ids}）",
    ),
    "review.more_problems": ("… and {count} more problems", "… 另有 {count} 个问题未显示"),
    "review.warning": ("{where}: warning: {text}", "{where}：警告：{text}"),
    "review.rows": ("{count} rows", "{count} 行"),
    "review.to": ("{low} to {high}", "{low} 至 {high}"),
    # words of the review table and chart
    "review.word.uv": ("visitors", "访客"),
    "review.word.watch_minutes": ("watch minutes", "观看时长"),
    "review.word.orders_per_minute": ("orders per minute", "单位时长转化"),
    "review.word.conversion_rate": ("conversion", "转化率"),
    "review.word.aov": ("AOV", "客单价"),
    "review.word.repurchase_frequency": ("repurchase", "复购频次"),
    "review.word.net_gmv": ("net GMV", "净GMV"),
    "review.word.traffic": ("traffic cost", "流量成本"),
    "review.word.commission": ("commission", "平台佣金"),
    "review.word.promotion": ("promotions", "促销让利"),
    "review.word.content": ("content cost", "内容成本"),
    "review.word.goods": ("cost of goods", "货品成本"),
    "review.word.rebate": ("rebate", "返点"),
    "review.word.col.period": ("Period", "期"),
    "review.word.col.dates": ("Dates", "日期"),
    "review.word.col.rows": ("Sessions", "场次"),
    "review.word.col.plan_gmv": ("Plan GMV", "计划GMV"),
    "review.word.col.actual_gmv": ("Actual GMV", "实际GMV"),
    "review.word.col.gmv_delta": ("Δ GMV", "GMV差额"),
    "review.word.col.pct": ("Δ %", "差额%"),
    "review.word.col.plan_contribution": ("Plan profit", "计划利润"),
    "review.word.col.actual_contribution": ("Actual profit", "实际利润"),
    "review.word.col.contribution_delta": ("Δ profit", "利润差额"),
    "review.word.col.factor": ("Why GMV moved", "GMV 变动原因"),
    "review.word.col.plan": ("Plan", "计划"),
    "review.word.col.actual": ("Actual", "实际"),
    "review.word.col.effect": ("Effect on GMV", "对GMV影响"),
    "review.word.col.line": ("Why profit moved", "利润变动原因"),
    "review.word.col.effect_profit": ("Effect on profit", "对利润影响"),
    "review.word.total": ("Total", "合计"),
    "review.word.title": ("Plan vs actual", "计划 vs 实际（复盘）"),
    "review.word.sessions_from": ("sessions from", "场次数据来自"),
    "review.word.note": ("Note", "说明"),
    "review.word.warning": ("warning", "警告"),
    "review.word.fit.field": ("Field", "字段"),
    "review.word.fit.value": ("Estimate", "估计值"),
    "review.word.fit.interval": ("90% interval", "90% 区间"),
    "review.word.fit.rows": ("Rows", "行数"),
    "review.word.fit.written_as": ("Written as", "写入为"),
    "review.span.day.one": ("{n} day", "{n}天"),
    "review.span.day.many": ("{n} days", "{n}天"),
    "review.span.week.one": ("{n} week", "{n}周"),
    "review.span.week.many": ("{n} weeks", "{n}周"),
    "review.span.month.one": ("{n} month", "{n}个月"),
    "review.span.month.many": ("{n} months", "{n}个月"),
    "review.span.quarter.one": ("{n} quarter", "{n}个季度"),
    "review.span.quarter.many": ("{n} quarters", "{n}个季度"),
    "review.span.year.one": ("{n} year", "{n}年"),
    "review.span.year.many": ("{n} years", "{n}年"),
    "review.chart.plan": ("Plan", "计划"),
    "review.chart.actual": ("Actual", "实际"),
    "review.chart.period": ("Period", "期"),
    "review.chart.gmv": ("GMV per period", "每期 GMV"),
    "review.chart.waterfall": ("Why GMV moved (all periods)", "GMV 变动原因（全部期）"),
}
