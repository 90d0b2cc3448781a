"""Every word `review` and `fit` say to a user: code → (English, Chinese), with named parameters.

One dict, so that moving it into the project's message catalogue is a paste.
"""

from __future__ import annotations

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
    "fit.written": ("{file}: {count} field(s) written", "{file}：已写入 {count} 个字段"),
    "fit.no_change": ("no changes", "无变化"),
    "fit.cannot_edit": (
        "cannot edit {file} in place: {reason}",
        "无法就地修改 {file}：{reason}",
    ),
}


def text(code: str, lang: str, **params: object) -> str:
    en, zh = TEXTS[code]
    return (zh if lang == "zh" else en).format(**params)
