"""SPEC §10: plan vs actual (复盘) from a shop's session export, and fitting the plan to it.

actuals     reads the export into typed session columns, putting together:
  records     the file's bytes → rows (CSV in UTF-8/BOM/GB18030, or XLSX)
  headers     the header row → which column each header names (zh/en aliases, --columns)
  cells       cells → dates, numbers, minutes
  consistency rows whose cells contradict each other
  issues      Issue (FILE:ROW:HEADER) and ReadError
periods     the calendar periods of the scenario (day, ISO week, month, quarter, year)
selection   each merchant's rows in the periods of its plan (the §5 forecast)
sides       plan and actual of one model in one period (the actual through the §4 engine)
lmdi        the additive LMDI-I decomposition of a change in a product of factors
review      actual per period set against the plan: effects and totals (records in `results`)
fit         scenario inputs estimated from the rows, with bootstrap intervals
edit        the fitted values spliced into the scenario text (every other byte kept)
messages    every word these modules say to a user, in English and Chinese
"""
