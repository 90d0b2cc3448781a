"""Excel workbooks (`--format xlsx`, SPEC §7): `writer` writes sheets of typed cells (¥/% number
formats, frozen header, constant memory); `tables` says what the sheets of each command hold,
`review` those of review and fit."""

from gmvcli.render.xlsx.tables import (
    compare_sheets,
    diff_sheets,
    forecast_sheets,
    row_header,
    simulate_sheets,
    sweep_sheets,
)
from gmvcli.render.xlsx.writer import (
    MAX_ROWS,
    Column,
    Sheet,
    TooManyRows,
    Typed,
    column_width,
    number_format,
    sheet_name,
    workbook,
)

__all__ = [
    "MAX_ROWS",
    "Column",
    "Sheet",
    "TooManyRows",
    "Typed",
    "column_width",
    "compare_sheets",
    "diff_sheets",
    "forecast_sheets",
    "number_format",
    "row_header",
    "sheet_name",
    "simulate_sheets",
    "sweep_sheets",
    "workbook",
]
