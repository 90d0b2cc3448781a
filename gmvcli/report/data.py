"""What the report shows, gathered from the core's own results and worded for one language.

Every figure comes from the engine, forecast, explain, policies and uncertainty modules; this
module only picks, rounds as the JSON output does (so the page and `compare --format json` agree
to the cent) and formats with the same i18n functions as the tables. The template lays it out.

How a JSON figure of `compare` is shown on the page (the mapping the browser test checks):

| JSON key | shown as | example (en / zh) |
| --- | --- | --- |
| uv, private_uv, public_uv, bonus_uv, orders | `magnitude` | 200,000 / 20万 |
| gmv, refunds, net_gmv, costs.*, rebate, contribution | `money` | ¥445,000 / ¥44.5万 |
| conversion | `percent` | 2.5% |
| roi | `plain` (2 decimals), "—" for null | 4.45 |
| comparison.gmv_delta, net_gmv_delta, contribution_delta | `money`, "+" when > 0 | -¥52,600 / -¥5.26万 |
| comparison.gmv_ratio, comparison.drivers.* | `times`, "—" for null | 0.88× |

each applied to the JSON value (already rounded: money and counts to 2 decimals, ratios to 6).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import __version__
from gmvcli.compare import MerchantResult, compare_merchant, compare_scenario
from gmvcli.errors import Problem
from gmvcli.explain import MerchantExplanation, explain_scenario
from gmvcli.forecast import MerchantForecast, forecast_merchant, forecast_scenario, settings
from gmvcli.i18n import label, magnitude, money, percent, plain, times
from gmvcli.loader import Document, PathPart, format_path
from gmvcli.model import SECTIONS, Distribution, Field, Scenario
from gmvcli.policies import Notice, Policy, merchant_policies, policy_table
from gmvcli.render.data import r2, r6
from gmvcli.render.words import LINES, fmt, notice_text, title, verdict
from gmvcli.report import charts
from gmvcli.report.charts import Chart
from gmvcli.report.texts import text

if TYPE_CHECKING:
    from gmvcli.uncertainty import MerchantSimulation, Swing

#: the §4 rows whose JSON value is a ratio (6 decimals); the others are money or counts (2)
RATIO_ROWS = frozenset({"conversion", "roi"})
#: the comparison fields that JSON gives as deltas: the page shows these, not a recomputed Δ
JSON_DELTAS = {
    "gmv": "gmv_delta",
    "net_gmv": "net_gmv_delta",
    "contribution": "contribution_delta",
}
DRIVERS = ("uv", "conversion", "aov", "repurchase")


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


# --- numbers as the page shows them --------------------------------------------------------------


def _rounded(key: str, value: float | None) -> float | None:
    """As the JSON of `compare` rounds it (SPEC §7)."""
    if value is None:
        return None
    return r6(value) if key in RATIO_ROWS else r2(value)


def _compare_table(m: MerchantResult, lang: str, currency: str) -> Table:
    """Label, shelf, content and Δ for every line of the §4 comparison."""
    rows: list[tuple[str, str, str, str]] = []
    strong = set()
    for line in LINES:
        if line.content_only and m.content is None:
            continue
        s = None if m.shelf is None or line.content_only else _rounded(line.key, line.get(m.shelf))
        c = None if m.content is None else _rounded(line.key, line.get(m.content))
        delta: float | None = None
        if m.comparison is not None and line.key in JSON_DELTAS:
            delta = r2(getattr(m.comparison, JSON_DELTAS[line.key]))
        elif s is not None and c is not None:
            delta = c - s
        if line.key in ("gmv", "net_gmv", "contribution"):
            strong.add(len(rows))
        rows.append(
            (
                label(line.key, lang).strip(),
                "" if line.content_only else fmt(s, line.kind, lang, currency),
                fmt(c, line.kind, lang, currency),
                "" if delta is None else fmt(delta, line.kind, lang, currency, signed=True),
            )
        )
    head = (
        text("col.item", lang),
        label("shelf", lang),
        label("content", lang),
        label("delta", lang),
    )
    return Table(head, tuple(rows), (False, True, True, True), False, frozenset(strong))


def _drivers(m: MerchantResult, lang: str) -> tuple[str | None, Chart | None]:
    """The drivers line (GMV ratio 0.88× = visitors 0.8× · ...) and its chart, from the values
    JSON gives (6 decimals)."""
    if m.comparison is None:
        return None, None
    ratio = r6(m.comparison.gmv_ratio)
    values = {k: r6(getattr(m.comparison.drivers, k)) for k in DRIVERS}
    parts = [f"{label('driver.' + k, lang)} {times(values[k])}" for k in DRIVERS]
    line = f"{label('drivers', lang)} {times(ratio)} = " + " · ".join(parts)
    rows = [(text("drivers.total", lang), ratio, times(ratio))]
    rows += [(label("driver." + k, lang), values[k], times(values[k])) for k in DRIVERS]
    chart = charts.drivers(rows, text("h.drivers", lang), line, text("drivers.equal", lang))
    return line, chart


def _unit(period: str, lang: str) -> str:
    return label(f"unit.{period}", lang)


def _money(lang: str, currency: str) -> Any:
    return lambda v: money(v, lang, currency)


# --- forecast ------------------------------------------------------------------------------------


def _forecast(
    f: MerchantForecast, lang: str, currency: str, period: str, lang_problem: Any
) -> ForecastView:
    unit = _unit(period, lang)
    n = len(f.periods)
    if f.error is not None:
        return ForecastView(
            text("h.forecast", lang, n="", unit=unit).strip(),
            None,
            "",
            None,
            "",
            text("forecast.cannot", lang, problem=lang_problem(f.error)),
        )
    from gmvcli.render.words import forecast_verdict

    shelf_cum: list[float] = []
    content_cum: list[float] = []
    rows = []
    s_sum = c_sum = 0.0
    for p in f.periods:
        s = r2(p.shelf.contribution) if p.shelf else None
        c = r2(p.content.contribution) if p.content else None
        s_sum += s or 0.0
        c_sum += c or 0.0
        shelf_cum.append(s_sum)
        content_cum.append(c_sum)
        both = p.shelf is not None and p.content is not None
        rows.append(
            (
                str(p.period),
                fmt(r2(p.shelf.gmv) if p.shelf else None, "money", lang, currency),
                fmt(r2(p.content.gmv) if p.content else None, "money", lang, currency),
                fmt(s, "money", lang, currency),
                fmt(c, "money", lang, currency),
                fmt(r2(p.fans_end) if p.fans_end is not None else None, "count", lang, currency),
                fmt(c_sum - s_sum if both else None, "money", lang, currency),
            )
        )
    head = (
        text("col.period", lang),
        label("col.shelf_gmv", lang).replace("\n", " "),
        label("col.content_gmv", lang).replace("\n", " "),
        label("col.shelf_contribution", lang).replace("\n", " "),
        label("col.content_contribution", lang).replace("\n", " "),
        label("fans", lang),
        label("col.cumulative", lang).replace("\n", " "),
    )
    table = Table(head, tuple(rows), (False, *([True] * 6)), True)
    series = []
    if f.shelf_totals is not None:
        series.append((label("shelf", lang), "shelf", shelf_cum))
    if f.content_totals is not None:
        series.append((label("content", lang), "content", content_cum))
    crossover_label = (
        text("forecast.overtakes", lang, unit=unit, t=f.crossover) if f.crossover else ""
    )
    chart_verdict = forecast_verdict(f, lang, currency, period)
    chart = charts.cumulative(
        [p.period for p in f.periods],
        series,
        f.crossover,
        crossover_label,
        _money(lang, currency),
        text("forecast.chart", lang),
        chart_verdict,
    )
    return ForecastView(
        text("h.forecast", lang, n=n, unit=unit),
        chart,
        chart_verdict,
        table,
        text("forecast.table", lang, n=n, unit=unit),
        None,
    )


# --- uncertainty ------------------------------------------------------------------------------


def _field(path: str) -> Field | None:
    parts = path.split(".")
    section = parts[0] if parts[0] in ("shelf", "content", "forecast") else "merchant"
    return next((f for f in SECTIONS[section] if f.name == parts[-1]), None)


def _field_label(path: str, lang: str) -> str:
    field = _field(path)
    if lang == "zh" and field is not None:
        return f"{field.zh} {path}"
    return path


def _uncertainty(
    sim: MerchantSimulation,
    swings: Sequence[Swing],
    base: float,
    runs: int,
    seed: int,
    lang: str,
    currency: str,
    data: dict[str, Any],
) -> UncertaintyView | None:
    import numpy as np

    from gmvcli.render.uncertain import input_text

    if sim.advantage is None:
        return None
    adv = np.asarray(sim.advantage, dtype=float)
    share = data["p_content_wins"]
    points = {
        k: money(r2(float(v)), lang, currency)
        for k, v in zip(("p5", "p50", "p95"), np.percentile(adv, [5, 50, 95]), strict=True)
    }
    cash = _money(lang, currency)
    histogram = None
    if float(adv.max() - adv.min()) > 0.005:
        words = {
            k: text(f"uncertainty.{k}", lang)
            for k in ("shelf_ahead", "content_ahead", "breakeven", "median")
        }
        histogram = charts.histogram(
            adv,
            cash,
            words,
            text("uncertainty.histogram", lang),
            text("uncertainty.wins_text", lang, share=percent(share)),
        )
    tornado = table = None
    if swings:
        rows = [(_field_label(s.path, lang), s.metric_low, s.metric_high) for s in swings]
        tornado = charts.tornado(
            rows,
            base,
            cash,
            text("tornado.central", lang, value=money(r2(base), lang, currency)),
            text("h.tornado", lang),
            text("tornado.note", lang),
        )
        table = Table(
            tuple(
                text(k, lang)
                for k in (
                    "col.input",
                    "col.low",
                    "col.high",
                    "col.metric_low",
                    "col.metric_high",
                    "col.swing",
                )
            ),
            tuple(
                (
                    _field_label(s.path, lang),
                    input_text(s.path, s.low, lang, currency),
                    input_text(s.path, s.high, lang, currency),
                    money(r2(s.metric_low), lang, currency),
                    money(r2(s.metric_high), lang, currency),
                    money(r2(s.swing), lang, currency),
                )
                for s in swings
            ),
            (False, True, True, True, True, True),
            True,
        )
    return UncertaintyView(
        text("h.uncertainty", lang, runs=magnitude(runs, lang)),
        text("uncertainty.note", lang, runs=magnitude(runs, lang), seed=seed),
        percent(share),
        text("uncertainty.wins_text", lang, share=percent(share))
        if histogram is not None
        else text("uncertainty.constant", lang),
        Table(
            (text("col.item", lang), *(text(f"col.{k}", lang) for k in points)),
            ((text("uncertainty.advantage", lang), *points.values()),),
            (False, True, True, True),
        ),
        histogram,
        tornado,
        table,
    )


# --- policies ----------------------------------------------------------------------------------


def _effects(p: Policy, lang: str) -> tuple[str, ...]:
    """What a policy does, worded as `gmvcli policies` words it (its periods are shown apart)."""
    from gmvcli.render.policies import effects_text

    return tuple(effects_text(p._replace(periods=None), lang).split(" · "))


def _policies(
    scenario: Scenario,
    index: int,
    m: MerchantResult,
    f: MerchantForecast,
    table: dict[str, Policy],
    lang: str,
    currency: str,
) -> PoliciesView:
    merchant = scenario.merchants[index]
    policies, _ = merchant_policies(merchant, table)
    unit = _unit(scenario.period, lang)
    items = tuple(
        PolicyItem(
            p.zh if lang == "zh" else p.en,
            p.id,
            text("policies.active_all", lang)
            if p.periods is None
            else text("policies.active_first", lang, unit=unit)
            if p.periods == 1
            else text("policies.active_until", lang, unit=unit, n=p.periods),
            _effects(p, lang),
        )
        for p in policies
    )
    if not policies:
        return PoliciesView((), text("policies.none", lang), None)
    if merchant.content is None or m.content is None:
        return PoliciesView(items, text("policies.content_only", lang), None)
    bare = merchant._replace(policies=())
    without = compare_merchant(bare, table).content
    assert without is not None
    rows = [
        ("impact.gmv1", without.gmv, m.content.gmv),
        ("impact.contribution1", without.contribution, m.content.contribution),
    ]
    params: dict[str, Any] = {}
    if f.error is None and f.content_totals is not None:
        cfg = settings(scenario, merchant, len(f.periods))
        bare_periods = forecast_merchant(bare, (), cfg)
        total = sum(p.content.contribution for p in bare_periods if p.content is not None)
        rows.append(("impact.contribution_total", total, f.content_totals.contribution))
        params = {"n": len(f.periods), "unit": unit}
    impact = Table(
        (
            text("col.item", lang),
            text("col.without", lang),
            text("col.with", lang),
            text("col.change", lang),
        ),
        tuple(
            (
                text(code, lang, **params)
                if code == "impact.contribution_total"
                else text(code, lang),
                money(r2(a), lang, currency),
                money(r2(b), lang, currency),
                fmt(r2(b) - r2(a), "money", lang, currency, signed=True),
            )
            for code, a, b in rows
        ),
        (False, True, True, True),
    )
    return PoliciesView(items, None, impact)


# --- inputs and where they are written -----------------------------------------------------------


def _section_of(path: Sequence[PathPart]) -> str:
    """The section whose Field describes the key at the end of `path`."""
    keys = [p for p in path if isinstance(p, str)]
    if keys[0] == "policies":
        return "bet" if "bet" in keys[1:-1] else "policy"
    if keys[0] == "forecast":
        return "forecast"
    # merchants, i, ...
    inner = keys[1:-1]
    if not inner:
        return "merchant"
    if inner[0] == "policies":
        return "bet" if "bet" in inner[1:] else "policy_use"
    return inner[0] if inner[0] in SECTIONS else "merchant"


def _read_value(scenario: Scenario, path: Sequence[PathPart]) -> Any:
    """The value the model holds for a path of the file (its central value for a distribution),
    or ... when it has none there."""
    obj: Any = scenario
    for part in path:
        if isinstance(part, int):
            obj = obj[part] if isinstance(obj, tuple) and 0 <= part < len(obj) else ...
        elif hasattr(obj, "_fields") and part in obj._fields:  # a record
            obj = getattr(obj, part)
        elif hasattr(obj, "effects") and part in obj.effects._fields:  # a policy's effect
            obj = getattr(obj.effects, part)
        elif isinstance(obj, tuple) and all(
            isinstance(x, tuple) and len(x) == 2 and hasattr(x[1], "_fields") for x in obj
        ):  # the file's policies: ((id, definition), ...)
            obj = next((d for k, d in obj if k == part), ...)
        else:
            return ...
        if obj is ...:
            return ...
    return obj


def _value_text(value: Any, field: Field | None, lang: str, currency: str) -> str:
    if value is ... or value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float) and field is not None:
        if field.kind in ("rate", "growth"):
            return percent(value)
        if field.unit == "CNY":
            return money(value, lang, currency)
        if field.kind == "count":
            return magnitude(value, lang)
        if field.kind == "periods":
            return str(int(value))
        return plain(value, 4)
    if isinstance(value, int | float):
        return plain(value, 4)
    if field is not None and field.kind == "role" and isinstance(value, str):
        return label("role." + value, lang)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _written(doc: Document, path: Sequence[PathPart]) -> str:
    """The value as written in the file: a scalar's text, a flow of a small mapping."""
    import yaml

    node = doc.node_at(path)
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.MappingNode):
        return (
            "{"
            + ", ".join(
                f"{k.value}: {v.value}" for k, v in node.value if isinstance(v, yaml.ScalarNode)
            )
            + "}"
        )
    return ""


def _line(doc: Document, path: Sequence[PathPart]) -> int:
    node = doc.node_at(path)
    return 1 if node is None else node.start_mark.line + 1


def _leaves(value: Any, path: tuple[PathPart, ...], stop: Container[tuple[PathPart, ...]]) -> Any:
    """Every leaf of the file's data under `path` (a distribution counts as one leaf)."""
    if isinstance(value, dict) and path not in stop:
        for k, v in value.items():
            yield from _leaves(v, (*path, k), stop)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i), stop)
    else:
        yield path


def _inputs_table(
    scenario: Scenario,
    source: Source,
    roots: Sequence[tuple[PathPart, ...]],
    skip: frozenset[str],
    lang: str,
    policies: dict[str, Policy],
    uncertain: dict[tuple[PathPart, ...], Distribution],
) -> Table:
    doc = source.doc
    rows = []
    for root in roots:
        data = doc.value_at(root)
        if data is ...:
            continue
        for path in _leaves(data, root, uncertain):
            if path[-1] in skip and len(path) == len(root) + 1:
                continue
            section = _section_of(path)
            key = path[-1]
            field = None
            if isinstance(key, str):
                field = next((f for f in SECTIONS[section] if f.name == key), None)
            distribution: Distribution | None = uncertain.get(path)
            value = _read_value(scenario, path)
            read = _value_text(value, field, lang, scenario.currency)
            if distribution is not None:
                read = text(
                    "distribution",
                    lang,
                    value=_value_text(distribution.central(), field, lang, scenario.currency),
                )
            elif hasattr(value, "use") and value.use in policies:  # a policy listed by id
                policy = policies[value.use]
                read = policy.zh if lang == "zh" else policy.en
            shown = format_path(path[2:]) if path[0] == "merchants" else format_path(path)
            name = shown
            if lang == "zh" and field is not None:
                name = f"{field.zh} {shown}"
            rows.append((name, _written(doc, path), read, f"{source.name}:{_line(doc, path)}"))
    head = tuple(text(k, lang) for k in ("col.field", "col.written", "col.read", "col.where"))
    return Table(head, tuple(rows), (False, False, False, False), True)


# --- explain -----------------------------------------------------------------------------------


def _explain(e: MerchantExplanation, lang: str, currency: str) -> tuple[ExplainModel, ...]:
    from gmvcli.render.explain import change_text, step_text

    out = []
    for model in e.models:
        policies = [change_text(c, lang, currency) for c in model.policies]
        if (
            model.terms is not None
            and model.base_commission_rate is not None
            and model.terms.commission_rate != model.base_commission_rate
        ):
            policies.append(
                f"commission_rate {percent(model.base_commission_rate)} → "
                f"{percent(model.terms.commission_rate)}"
            )
        out.append(
            ExplainModel(
                text("explain.model", lang, model=label(model.model, lang)),
                tuple(step_text(s, lang, currency) for s in model.inputs),
                tuple(policies),
                tuple(step_text(s, lang, currency) for s in model.steps),
            )
        )
    return tuple(out)


# --- the whole page ----------------------------------------------------------------------------


def generated_date(environ: dict[str, str] | None = None) -> str:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH when set (reproducible output)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.datetime.now(dt.UTC).date().isoformat()


class Gathered(NamedTuple):
    """The page's view, and what to tell on stderr: each shown merchant's warnings, and the
    merchants whose forecast cannot be made (their section says so too)."""

    view: ReportView
    warnings: tuple[tuple[str, tuple[Notice, ...]], ...]
    problems: tuple[tuple[str, Problem], ...]


def gather(
    scenario: Scenario,
    source: Source,
    lang: str,
    periods: int | None = None,
    runs: int = 10_000,
    seed: int = 0,
    only: Sequence[str] = (),
) -> Gathered:
    """Everything the page shows for the merchants of `only` (default: all), in file order.

    Everything runs on the whole file (each merchant's error lines and distributions are found
    through its index in the file); only the merchants shown are worded."""
    currency = scenario.currency
    file = source.name
    keep = [i for i, m in enumerate(scenario.merchants) if not only or m.id in only]
    compared = compare_scenario(scenario, file)
    forecasts = forecast_scenario(scenario, source.doc, periods)
    explained = explain_scenario(scenario)
    table = policy_table(scenario)
    uncertain_paths = {tuple(p): d for p, d in scenario.uncertain}
    sims: dict[str, Any] = {}
    sim_data: dict[str, Any] = {}
    swings: dict[str, list[Swing]] = {}
    if scenario.uncertain:
        from gmvcli import uncertainty
        from gmvcli.render.uncertain import simulate_data

        # every merchant is drawn, as `gmvcli simulate FILE` does, so that --merchant shows the
        # same figures as the whole file (draws are made input by input in file order)
        simulated = uncertainty.simulate(scenario, runs, seed)
        data = simulate_data(file, scenario.name, runs, seed, simulated, [])
        sims = {s.id: s for s in simulated}
        sim_data = {d["id"]: d for d in data["merchants"]}
        swings = {
            scenario.merchants[i].id: uncertainty.sensitivity(scenario, i, "advantage")
            for i in keep
        }

    def lang_problem(p: Problem) -> str:
        return p.text(lang)

    problems: list[tuple[str, Problem]] = []
    warnings = []
    views = []
    for index in keep:
        m, f, e = compared.merchants[index], forecasts.merchants[index], explained[index]
        warnings.append((m.id, m.warnings))
        if f.error is not None:
            problems.append((m.id, f.error))
        forecast = _forecast(f, lang, currency, scenario.period, lang_problem)
        drivers_text, drivers_chart = _drivers(m, lang)
        uncertain_view = None
        if (
            m.id in sims
            and m.comparison is not None
            and (swings.get(m.id) or _spread(sims[m.id].advantage) > 0.005)
        ):
            uncertain_view = _uncertainty(
                sims[m.id],
                swings.get(m.id, []),
                m.comparison.contribution_delta,
                runs,
                seed,
                lang,
                currency,
                sim_data[m.id],
            )
        inputs = _inputs_table(
            scenario,
            source,
            [("merchants", index)],
            frozenset({"id", "name"}),
            lang,
            table,
            uncertain_paths,
        )
        unit = _unit(scenario.period, lang)
        if f.error is not None:
            toc_crossover = text("cannot_forecast", lang)
        elif f.shelf_totals is None or f.content_totals is None:
            toc_crossover = text("only_one_model", lang)
        elif f.crossover is None:
            toc_crossover = text("never", lang, n=len(f.periods), unit=unit)
        else:
            toc_crossover = text("crossover_at", lang, unit=unit, t=f.crossover)
        advantage = (
            fmt(r2(m.comparison.contribution_delta), "money", lang, currency, signed=True)
            if m.comparison is not None
            else text("only_one_model", lang)
        )
        views.append(
            MerchantView(
                id=m.id,
                anchor=f"m-{m.id}",
                name=m.name,
                heading=f"{title('', m.role, lang)} [{m.id}]",
                compare=_compare_table(m, lang, currency),
                verdict=verdict(m, lang, currency, scenario.period),
                drivers_text=drivers_text,
                drivers_chart=drivers_chart,
                warnings=tuple(notice_text(n, lang) for n in m.warnings),
                forecast=forecast,
                uncertainty=uncertain_view,
                policies=_policies(scenario, index, m, f, table, lang, currency),
                inputs=inputs,
                inputs_summary=text("inputs.summary", lang, n=len(inputs.rows), name=m.name),
                explain=_explain(e, lang, currency),
                toc_name=m.name,
                toc_advantage=advantage,
                toc_crossover=toc_crossover,
            )
        )
    scenario_inputs = _inputs_table(
        scenario,
        source,
        [("currency",), ("period",), ("forecast",), ("policies",)],
        frozenset(),
        lang,
        table,
        uncertain_paths,
    )
    view = ReportView(
        lang=lang,
        html_lang="zh-CN" if lang == "zh" else "en",
        title=text("title", lang, name=scenario.name),
        title_head=text("title", lang, name=""),
        name=scenario.name,
        generated=text("generated", lang, date=generated_date(), version=__version__),
        file=file,
        sha256=_sha256(source.data),
        flows=text("period_of_flows", lang, unit=_unit(scenario.period, lang).removeprefix("个")),
        merchants=tuple(views),
        scenario_inputs=scenario_inputs if scenario_inputs.rows else None,
        footer=text("footer", lang),
    )
    return Gathered(view, tuple(warnings), tuple(problems))


def _spread(values: Any) -> float:
    import numpy as np

    return float(np.ptp(values)) if values is not None else 0.0


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
