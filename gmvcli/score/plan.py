"""What every batch of a `score` run shares: the template's defaults, the policy table, the
forecast settings, and which table columns are field paths (SPEC §11)."""

from __future__ import annotations

import difflib
from typing import NamedTuple

from gmvcli.errors import Problem, ScenarioError
from gmvcli.forecast import Settings, settings
from gmvcli.messages import did_you_mean, msg
from gmvcli.model import SECTIONS, Field, Merchant, Scenario
from gmvcli.policies import Policy, merchant_policies, policy_table
from gmvcli.rows import BUDGETS

#: pairs of fields that exclude each other (SPEC §3): a row's field drops the template's partner
EXCLUSIVE: tuple[tuple[str, str], ...] = tuple(
    (f"{section}.{a}", f"{section}.{b}")
    for section, a, b in (
        ("content", "private_uv", "fans"),
        *((model, budget.visitors, budget.budget) for model, budget in BUDGETS.items()),
    )
    if {a, b} <= {f.name for f in SECTIONS[section]}
)


def field_columns() -> dict[str, Field]:
    """Every column a table may have besides `id`: merchant fields and `--set` field paths."""
    out: dict[str, Field] = {}
    for f in SECTIONS["merchant"]:
        if f.name not in ("id", "shelf", "content", "forecast"):
            out[f.name] = f
    for section in ("shelf", "content", "forecast"):
        for f in SECTIONS[section]:
            out[f"{section}.{f.name}"] = f
    return out


class Plan(NamedTuple):
    """Everything a batch needs besides its rows; plain data, so it travels to Dask workers."""

    file: str
    columns: tuple[str, ...]  # the table's columns, in its order
    template: Merchant | None
    policies: dict[str, Policy]
    template_policies: tuple[Policy, ...]
    settings: Settings  # the template's forecast keys (file, then its first merchant)
    periods: int | None


def check_columns(file: str, names: list[str]) -> list[Problem]:
    """Table-level problems: no id column, unknown or repeated column names."""
    known = field_columns()
    problems = []
    if "id" not in names:
        problems.append(Problem(file, msg("score.no_id_column")))
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(Problem(file, msg("score.duplicate_column", column=name)))
        seen.add(name)
        if name != "id" and name not in known:
            match = difflib.get_close_matches(name, ["id", *known], n=1, cutoff=0.6)
            hint = (
                did_you_mean(match, [])
                if match
                else msg(
                    "score.known_columns",
                    examples="shelf.uv, content.aov, cogs_rate, policies, forecast.follow_rate",
                )
            )
            problems.append(Problem(file, msg("score.unknown_column", column=name), hint=hint))
    return problems


def make_plan(
    file: str,
    columns: list[str],
    template: Scenario | None,
    periods: int | None,
) -> Plan:
    """The plan of a run; `template` is a parsed scenario (its first merchant gives defaults)."""
    if template is None:
        scenario = Scenario(name="", merchants=(Merchant(id="template", name=""),))
    else:
        scenario = template
    first = scenario.merchants[0]
    table = policy_table(scenario)
    mine, _ = merchant_policies(first, table)
    return Plan(
        file=file,
        columns=tuple(columns),
        template=first if template is not None else None,
        policies=table,
        template_policies=mine,
        settings=settings(scenario, first, periods),
        periods=periods,
    )


def load_template(path: str) -> Scenario:
    """The --template scenario (ScenarioError with located problems when it is not valid)."""
    from gmvcli.inputs import expand
    from gmvcli.loader import load_bytes
    from gmvcli.model import parse_scenario

    source = next(iter(expand([path])))
    if source.problem is not None or source.data is None:
        raise ScenarioError([source.problem or Problem(path, msg("score.unreadable", reason=""))])
    return parse_scenario(load_bytes(source.data, source.name))
