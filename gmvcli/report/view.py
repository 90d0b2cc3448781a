"""The page as plain data: the records the template lays out (tables as text, charts as
geometry), and the input the page is made from."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli.loader import Document
from gmvcli.report.charts import Chart


class Table(NamedTuple):
    """A table as text: a header, rows of cells, which columns are numbers; `stack` tables turn
    into one card per row on a narrow screen (each cell labelled by its column)."""

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    stack: bool = False
    strong: frozenset[int] = frozenset()  # rows drawn in bold


class ForecastView(NamedTuple):
    heading: str
    chart: Chart | None
    verdict: str
    table: Table | None
    table_summary: str
    error: str | None


class UncertaintyView(NamedTuple):
    heading: str
    note: str
    wins: str  # "36.18%"
    wins_text: str
    percentiles: Table  # the advantage's 5th, 50th and 95th percentiles
    histogram: Chart | None
    tornado: Chart | None
    tornado_table: Table | None


class PolicyItem(NamedTuple):
    name: str
    id: str
    active: str
    effects: tuple[str, ...]


class PoliciesView(NamedTuple):
    items: tuple[PolicyItem, ...]
    note: str | None
    impact: Table | None


class ExplainModel(NamedTuple):
    summary: str
    inputs: tuple[str, ...]
    policies: tuple[str, ...]
    rows: tuple[str, ...]


class ActualsView(NamedTuple):
    """Plan vs actual of one model (SPEC §10): the periods, the waterfall of the effects on GMV,
    the verdict, the effects per period (on GMV and on profit) and the review's notes."""

    heading: str
    source: str  # "91 sessions from sessions.csv, 2024-11-01..2025-01-31"
    periods: Table  # GMV per period, then the total
    profit: Table  # profit (contribution) per period, then the total
    chart: Chart
    verdict: str
    effects_summary: str
    gmv_effects: Table
    profit_effects: Table
    notes: tuple[str, ...]


class MerchantView(NamedTuple):
    id: str
    anchor: str
    name: str  # from the file: shown isolated (<bdi>) so that its direction cannot leak
    heading: str  # " · role [id]"
    compare: Table
    verdict: str
    drivers_text: str | None
    drivers_chart: Chart | None
    warnings: tuple[str, ...]
    forecast: ForecastView | None
    uncertainty: UncertaintyView | None
    policies: PoliciesView
    inputs: Table
    inputs_summary: str
    explain: tuple[ExplainModel, ...]
    # the line of the table of contents
    toc_name: str
    toc_advantage: str
    toc_crossover: str
    actuals: tuple[ActualsView, ...] = ()  # with --actuals, one per model reviewed


class ReportView(NamedTuple):
    lang: str
    html_lang: str
    title: str  # the <title>: the heading as plain text
    title_head: str  # the heading before the scenario's name
    name: str
    generated: str
    file: str
    sha256: str
    flows: str
    merchants: tuple[MerchantView, ...]
    scenario_inputs: Table | None
    footer: str


class Source(NamedTuple):
    """The input as read: its name (as given; `-` for stdin), bytes and parsed document."""

    name: str
    data: bytes
    doc: Document
