"""Every text `score` shows, by code: (English, Chinese) templates with named parameters.

Kept in one place so that moving them into the project's message catalogue is a paste.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "score.needs_extra": (
        "score needs pyarrow and dask: pip install 'gmvcli[scale]' (missing: {module})",
        "score 需要 pyarrow 和 dask：pip install 'gmvcli[scale]'（缺少 {module}）",
    ),
    "score.table_format": (
        "cannot tell the table's format from its name: use .csv, .jsonl or .parquet",
        "无法从文件名判断表格格式：请使用 .csv、.jsonl 或 .parquet",
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
    "score.did_you_mean": ("did you mean '{match}'?", "是否想写 '{match}'？"),
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
    "score.got": (" (got {value})", "（实际为 {value}）"),
    "score.more_errors": (
        "{file}: {count:,} bad rows in all ({shown} shown){hint}",
        "{file}：共 {count:,} 行有错误（显示了 {shown} 条）{hint}",
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
}


def text(code: str, lang: str, **params: object) -> str:
    en, zh = MESSAGES[code]
    return (zh if lang == "zh" else en).format(**params)
