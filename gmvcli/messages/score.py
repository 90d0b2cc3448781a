"""The texts of `gmvcli score` (SPEC §11): its problems, its summary lines and its help
(code → (en, zh))."""

_EX = "Examples:"
_EX_ZH = "示例："

TEXTS: dict[str, tuple[str, str]] = {
    "score.needs_scale": (
        "score needs pyarrow and dask: pip install 'gmvcli[scale]' (missing: {module})",
        "score 需要 pyarrow 和 dask：pip install 'gmvcli[scale]'（缺少 {module}）",
    ),
    "score.needs_xlsx": (
        "--format xlsx needs XlsxWriter: pip install 'gmvcli[xlsx]' (missing: {module})",
        "--format xlsx 需要 XlsxWriter：pip install 'gmvcli[xlsx]'（缺少 {module}）",
    ),
    "score.table_format": (
        "{file}: cannot tell the table's format from its name: use .csv, .jsonl or .parquet",
        "{file}：无法从文件名判断表格格式：请使用 .csv、.jsonl 或 .parquet",
    ),
    "score.output_format": (
        "cannot tell the output format from {file}: give --format csv|jsonl|parquet|xlsx",
        "无法从 {file} 判断输出格式：请指定 --format csv|jsonl|parquet|xlsx",
    ),
    "score.parquet_stdout": (
        "--format {format} writes a binary file: give -o FILE",
        "--format {format} 输出二进制文件：请用 -o FILE 指定",
    ),
    "score.no_id_column": ("the table has no id column", "表格缺少 id 列"),
    "score.unknown_column": ("unknown column '{column}'", "未知列 '{column}'"),
    "score.known_columns": (
        "columns are id and field paths such as {examples}",
        "列名为 id 和字段路径，例如 {examples}",
    ),
    "score.duplicate_column": ("column '{column}' appears twice", "列 '{column}' 出现了两次"),
    "score.unreadable": ("cannot read the table: {reason}", "无法读取表格：{reason}"),
    "score.missing": (
        "is required: neither the row nor the template gives it",
        "必填：本行和模板都没有给出",
    ),
    "score.missing_id": ("every row needs an id", "每一行都需要 id"),
    "score.repeated_id": (
        "repeated id (first on row {first})",
        "id 重复（首次出现在第 {first} 行）",
    ),
    "score.no_model": (
        "needs shelf.* or content.* values (or a --template merchant that has them)",
        "需要 shelf.* 或 content.* 的值（或在 --template 的商家中给出）",
    ),
    "score.private_and_fans": (
        "give private_uv or fans (with reach_rate), not both",
        "private_uv 和 fans（配合 reach_rate）只能给一个",
    ),
    "score.fans_need_reach": (
        "fans needs reach_rate (the share of fans who watch in a period)",
        "给了 fans 就需要 reach_rate（每期来看直播的粉丝比例）",
    ),
    "score.unknown_policy": ("unknown policy", "未知政策"),
    "score.cannot_forecast": (
        "cannot forecast private visitors without reach_rate (share of fans who watch)",
        "没有 reach_rate（粉丝触达率）就无法预测私域访客",
    ),
    "score.row_error": (
        "row {row}, column {column}: {message}",
        "第 {row} 行，{column} 列：{message}",
    ),
    "score.more_errors": (
        "{file}: rows with errors: {count:,} ({shown} shown){hint}; their results are empty",
        "{file}：出错的行共 {count:,} 行（显示了 {shown} 条）{hint}；这些行的结果为空",
    ),
    "score.no_scheduler": (
        "cannot reach the Dask scheduler at {address}: {reason}",
        "无法连接 {address} 的 Dask 调度器：{reason}",
    ),
    "score.col.error": ("Error", "错误"),
    "score.col.total": (" (total)", "（合计）"),
    "score.sheet": ("Scores", "评分"),
    "score.xlsx_too_many": (
        "{file}: a workbook holds at most 1,048,575 rows: write parquet or csv for larger tables",
        "{file}：一个工作表最多 1,048,575 行：更大的表格请输出 parquet 或 csv",
    ),
    "score.row_warning": ("row {row}: warning: {message}", "第 {row} 行：注意：{message}"),
    "score.more_warnings": (
        "{file}: {count:,} warnings in all ({shown} shown)",
        "{file}：共 {count:,} 条提醒（显示了 {shown} 条）",
    ),
    "score.errors_hint": ("; --errors FILE lists every one", "；用 --errors FILE 可列出全部"),
    "score.summary_written": (
        "{file}: {rows:,} rows scored, {bad:,} with errors (their results are empty)",
        "{file}：共评分 {rows:,} 行，其中 {bad:,} 行有错误（结果为空）",
    ),
    "score.scheduler_without_dask": (
        "--scheduler needs --engine dask",
        "--scheduler 需要配合 --engine dask",
    ),
    "score.template_invalid": (
        "--template {file} is not a valid scenario",
        "--template {file} 不是有效的场景文件",
    ),
    "score.same_file": (
        "{file}: refusing to write over the input table",
        "{file}：不能覆盖输入的表格",
    ),
    "score.bad_json_line": ("not valid JSON", "不是有效的 JSON"),
    "score.not_an_object": ("must be a JSON object of columns", "必须是一个由列组成的 JSON 对象"),
    "score.unknown_policy_hint": ("see `gmvcli policies`", "见 `gmvcli policies`"),
    # help
    "help.score": (
        "Score every merchant of a table at once: one row per merchant in; the numbers of "
        "compare (both models, comparison, drivers) out, and forecast totals with --periods. "
        "Works in batches, so memory does not grow with the table; bad rows are kept, with an "
        "error. Needs pip install 'gmvcli[scale]'.",
        "一次为表格中的每个商家打分：每行一个商家；输出与 compare 相同的数字（两种模式、对比、"
        "驱动因素），加 --periods 时还有预测合计。分批处理，内存不随行数增长；出错的行会保留并"
        "给出错误。需要 pip install 'gmvcli[scale]'。",
    ),
    "help.score.short": (
        "Score a table of merchants (CSV, JSONL, Parquet).",
        "为商家表格批量打分（CSV、JSONL、Parquet）。",
    ),
    "help.score.table": (
        "CSV, JSONL or Parquet: one merchant per row; columns id, name, role, cogs_rate, "
        "policies and field paths such as shelf.uv, content.aov, forecast.follow_rate.",
        "CSV、JSONL 或 Parquet：每行一个商家；列为 id、name、role、cogs_rate、policies，"
        "以及 shelf.uv、content.aov、forecast.follow_rate 这样的字段路径。",
    ),
    "help.score.table.metavar": ("TABLE", "表格"),
    "help.score.template": (
        "A scenario whose first merchant gives every field a row leaves empty, and whose "
        "policies and forecast settings apply.",
        "模板场景：行中留空的字段取其第一个商家的值，并沿用其自定义政策和预测参数。",
    ),
    "help.score.template.metavar": ("FILE", "文件"),
    "help.score.fmt": (
        "Output format (default: from the -o name, else csv).",
        "输出格式（默认按 -o 的扩展名，否则为 csv）。",
    ),
    "help.score.fmt.metavar": ("csv|jsonl|parquet|xlsx", "csv|jsonl|parquet|xlsx"),
    "help.score.errors": (
        "Also write every bad row to FILE as CSV: row,column,value,message.",
        "把所有出错的行另写到文件（CSV：row,column,value,message）。",
    ),
    "help.score.errors.metavar": ("FILE", "文件"),
    "help.score.engine": (
        "local (this process), or dask (a local cluster, or the one at --scheduler).",
        "local（本进程），或 dask（本机集群，或 --scheduler 指定的集群）。",
    ),
    "help.score.engine.metavar": ("local|dask", "local|dask"),
    "help.score.scheduler": (
        "The address of a running Dask scheduler (with --engine dask).",
        "正在运行的 Dask 调度器地址（配合 --engine dask）。",
    ),
    "help.score.scheduler.metavar": ("tcp://HOST:PORT", "tcp://主机:端口"),
    "help.score.examples": (
        f"{_EX}\n\n  gmvcli score merchants.parquet --template shop.yaml -o scores.parquet\n\n"
        "  gmvcli score merchants.csv --periods 12 --errors bad.csv -o scores.csv\n\n"
        "  gmvcli score merchants.parquet --engine dask --scheduler tcp://10.0.0.5:8786 -o s.parquet",
        f"{_EX_ZH}\n\n  gmvcli score merchants.parquet --template shop.yaml -o scores.parquet\n\n"
        "  gmvcli score merchants.csv --periods 12 --errors bad.csv -o scores.csv\n\n"
        "  gmvcli score merchants.parquet --engine dask --scheduler tcp://10.0.0.5:8786 -o s.parquet",
    ),
}
