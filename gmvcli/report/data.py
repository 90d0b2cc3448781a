"""What the report shows, gathered from the core's own results and worded for one language.

Every figure comes from the engine, forecast, explain, policies and uncertainty modules; the
report only picks, rounds as the JSON output does (so the page and `compare --format json` agree
to the cent) and formats with the same i18n functions as the tables. Each section of a merchant
is worded by its own module (`comparison`, `forecast`, `uncertainty`, `policies`, `inputs`,
`explain`); this one runs the core on the whole file and puts the page together (`view`). The
template lays it out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import __version__
from gmvcli.compare import compare_scenario
from gmvcli.errors import Problem
from gmvcli.explain import explain_scenario
from gmvcli.forecast import forecast_scenario
from gmvcli.model import Scenario
from gmvcli.policies import Notice, policy_table
from gmvcli.render.data import r2
from gmvcli.render.words import fmt, notice_text, policy_names, title, verdict
from gmvcli.report.actuals import actuals_views
from gmvcli.report.comparison import compare_table, drivers
from gmvcli.report.explain import explain_models
from gmvcli.report.forecast import forecast_view
from gmvcli.report.inputs import inputs_table
from gmvcli.report.policies import policies_view
from gmvcli.report.texts import period_unit, text
from gmvcli.report.uncertainty import uncertainty_view
from gmvcli.report.view import MerchantView, ReportView, Source

if TYPE_CHECKING:
    from gmvcli.review.results import Review
    from gmvcli.uncertainty import Swing


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

    @property
    def html(self) -> str:
        """The page (Jinja2, imported here only)."""
        from gmvcli.report.html import render

        return render(self.view)


def gather(
    scenario: Scenario,
    source: Source,
    lang: str,
    periods: int | None = None,
    runs: int = 10_000,
    seed: int = 0,
    only: Sequence[str] = (),
    review: Review | None = None,
) -> Gathered:
    """Everything the page shows for the merchants of `only` (default: all), in file order.

    Everything runs on the whole file (each merchant's error lines and distributions are found
    through its index in the file); only the merchants shown are worded. `review` (SPEC §10, made
    by gmvcli.review) adds plan vs actual to the merchants it holds."""
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
        from gmvcli.uncertainty.summary import simulate_data

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

    reviewed = {r.id: r for r in review.merchants} if review is not None else {}
    problems: list[tuple[str, Problem]] = []
    warnings = []
    views = []
    for index in keep:
        m, f, e = compared.merchants[index], forecasts.merchants[index], explained[index]
        warnings.append((m.id, m.warnings))
        if f.error is not None:
            problems.append((m.id, f.error))
        forecast = forecast_view(f, lang, currency, scenario.period, lang_problem)
        drivers_text, drivers_chart = drivers(m, lang)
        uncertain_view = None
        if (
            m.id in sims
            and m.comparison is not None
            and (swings.get(m.id) or _spread(sims[m.id].advantage) > 0.005)
        ):
            uncertain_view = uncertainty_view(
                sims[m.id],
                swings.get(m.id, []),
                m.comparison.contribution_delta,
                runs,
                seed,
                lang,
                currency,
                sim_data[m.id],
                policy_names(scenario, scenario.merchants[index]),
            )
        inputs = inputs_table(
            scenario,
            source,
            [("merchants", index)],
            frozenset({"id", "name"}),
            lang,
            table,
            uncertain_paths,
        )
        unit = period_unit(scenario.period, lang)
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
                compare=compare_table(m, lang, currency),
                verdict=verdict(m, lang, currency, scenario.period),
                drivers_text=drivers_text,
                drivers_chart=drivers_chart,
                warnings=tuple(notice_text(n, lang) for n in m.warnings),
                forecast=forecast,
                uncertainty=uncertain_view,
                policies=policies_view(scenario, index, m, f, table, lang, currency),
                inputs=inputs,
                inputs_summary=text("inputs.summary", lang, n=len(inputs.rows), name=m.name),
                explain=explain_models(e, lang, currency),
                toc_name=m.name,
                toc_advantage=advantage,
                toc_crossover=toc_crossover,
                actuals=(
                    actuals_views(reviewed[m.id], review, lang)
                    if review is not None and m.id in reviewed
                    else ()
                ),
            )
        )
    scenario_inputs = inputs_table(
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
        flows=text(
            "period_of_flows", lang, unit=period_unit(scenario.period, lang).removeprefix("个")
        ),
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
