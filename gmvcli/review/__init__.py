"""SPEC §10: plan vs actual (复盘) from a shop's session export, and fitting the plan to it.

actuals  reads the export (CSV in UTF-8/BOM/GB18030, or XLSX) into typed session rows
periods  the calendar periods of the scenario (day, ISO week, month, quarter, year)
lmdi     the additive LMDI-I decomposition of a change in a product of factors
review   actual per period set against the §5 forecast of the same merchant
fit      scenario inputs estimated from the rows, with bootstrap intervals
edit     the fitted values spliced into the scenario text (every other byte kept)
messages every word these modules say to a user, in English and Chinese
"""
