"""The merchant of each row of a batch (SPEC §11): its cells, else the template's, else the
defaults, checked across fields as the scenario validator checks a merchant; and the policies
each row lists, with the warnings `compare` gives for them."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.messages import did_you_mean, msg
from gmvcli.model import Content, Shelf
from gmvcli.rows import BUDGETS, CONTENT, SHELF
from gmvcli.score import forecast as columnar
from gmvcli.score.cells import Cells, text_array, to_numpy
from gmvcli.score.plan import EXCLUSIVE, Plan
from gmvcli.score.problems import BatchProblems, RowProblem

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


class Section(NamedTuple):
    has: np.ndarray  # rows that have this model
    record: Any  # Shelf/Content of arrays
    given: dict[str, np.ndarray]  # per field: the row or the template gives it


def _section(
    name: str, fields: Any, template: Any, cells: Cells, n: int, problems: BatchProblems
) -> Section:
    """One model's fields: the row's value, else the template's (unless excluded), else the default."""
    import numpy as np

    values, present = cells.values, cells.present
    none = np.zeros(n, bool)
    has = np.full(n, template is not None)
    for f in fields:
        has |= present.get(f"{name}.{f.name}", none)
    out: dict[str, Any] = {}
    given: dict[str, np.ndarray] = {}
    for f in fields:
        path = f"{name}.{f.name}"
        mine = present.get(path, none)
        dropped = none
        for a, b in EXCLUSIVE:
            if path == b:
                dropped = dropped | present.get(a, none)
            elif path == a:
                dropped = dropped | present.get(b, none)
        fallback = getattr(template, f.name) if template is not None else None
        if fallback is not None:
            from_template = ~mine & ~dropped
            default = f.default if f.default is not None else 0.0
            base = np.where(from_template, float(fallback), float(default))
        else:
            from_template = none
            base = np.full(n, float(f.default) if f.default is not None else 0.0)
        given[f.name] = mine | from_template
        column = values.get(path)
        out[f.name] = base if column is None else np.where(mine, column, base)
        if f.required:
            missing = has & ~given[f.name]
            if missing.any():
                problems.fail_rows(missing, path, msg("score.missing"))
                out[f.name] = np.where(missing, 1.0, out[f.name])  # a placeholder; masked later
    return Section(has, out, given)


def _budgets(
    shelf: Section, content: Section, present: dict[str, np.ndarray], problems: BatchProblems
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per budget field: (budget, given); a budget replaces the visitor count and needs a cost per
    visitor above 0. The budgets leave the section records (the engine reads them apart)."""
    import numpy as np

    none = np.zeros(len(shelf.has), bool)
    budgets = {}
    for sec, (visitors, budget, cost) in ((shelf, BUDGETS[SHELF]), (content, BUDGETS[CONTENT])):
        if budget not in sec.record:  # a model without budgets
            continue
        name = "shelf" if sec is shelf else "content"
        words = {"visitors": visitors, "budget": budget, "cost": cost}
        both = present.get(f"{name}.{visitors}", none) & present.get(f"{name}.{budget}", none)
        problems.fail_rows(both, f"{name}.{budget}", msg("budget.not_both", **words))
        given = sec.given[budget] & ~both
        problems.fail_rows(
            sec.has & given & ~(sec.record[cost] > 0), f"{name}.{cost}", msg("budget.cost", **words)
        )
        if name == "shelf":  # uv has no default: it, or the budget, is needed
            missing = sec.has & ~sec.given[visitors] & ~given
            problems.fail_rows(missing, "shelf.uv", msg("score.missing"))
        budgets[budget] = (np.where(given, sec.record[budget], 0.0), given)
        sec.record[budget] = None
    return budgets


def _policy_groups(
    arr: pa.Array | None, plan: Plan, n: int, problems: BatchProblems
) -> tuple[tuple[tuple[Any, ...], np.ndarray], ...]:
    """Rows grouped by the policies they list (comma-separated ids; empty: the template's)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if arr is None:
        return ((plan.template_policies, np.arange(n)),)
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(text_array(arr)))
    assert isinstance(encoded, pa.DictionaryArray)
    codes = to_numpy(pc.fill_null(encoded.indices, -1)).astype(np.int64)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    groups = []
    for rows in np.split(order, bounds):
        if not len(rows):
            continue
        code = int(codes[rows[0]])
        cell = None if code < 0 else encoded.dictionary[code].as_py()
        if not cell:
            groups.append((plan.template_policies, rows))
            continue
        ids = [] if cell.lower() == "none" else [p.strip() for p in cell.split(",") if p.strip()]
        unknown = [p for p in ids if p not in plan.policies]
        if unknown:
            match = difflib.get_close_matches(unknown[0], list(plan.policies), n=1, cutoff=0.5)
            hint = did_you_mean(match, []) if match else msg("score.unknown_policy_hint")
            for i in rows:
                problems.fail(int(i), "policies", cell, msg("score.unknown_policy"), hint)
            groups.append(((), rows))
            continue
        groups.append((tuple(plan.policies[p] for p in ids), rows))
    return tuple(groups)


def merchants(
    batch: pa.RecordBatch, cells: Cells, plan: Plan, problems: BatchProblems
) -> columnar.Merchants:
    """The merchant of each row, as columns: its cells, else the template's, else the defaults."""
    import numpy as np

    from gmvcli.model import CONTENT_FIELDS, SHELF_FIELDS

    n = batch.num_rows
    names = batch.schema.names
    values, present = cells.values, cells.present
    t = plan.template
    shelf = _section("shelf", SHELF_FIELDS, t and t.shelf, cells, n, problems)
    content = _section("content", CONTENT_FIELDS, t and t.content, cells, n, problems)
    none = np.zeros(n, bool)
    both_private = present.get("content.private_uv", none) & present.get("content.fans", none)
    problems.fail_rows(both_private, "content.fans", msg("score.private_and_fans"))
    fans_given = content.given["fans"] & ~both_private
    reach_given = content.given["reach_rate"]
    fans_without_reach = content.has & fans_given & ~reach_given
    problems.fail_rows(fans_without_reach, "content.fans", msg("score.fans_need_reach"))
    problems.fail_rows(~shelf.has & ~content.has, "id", msg("score.no_model"))
    cogs = values.get("cogs_rate")
    cogs_default = t.cogs_rate if t is not None else 0.0
    cogs_rate = (
        np.full(n, cogs_default)
        if cogs is None
        else np.where(present["cogs_rate"], cogs, cogs_default)
    )
    budgets = _budgets(shelf, content, present, problems)
    c = content.record
    fans = np.where(fans_given, c["fans"], 0.0)
    reach = np.where(reach_given, c["reach_rate"], 0.0)
    shelf_record = Shelf(**shelf.record)
    content_record = Content(**{**c, "private_uv": None, "fans": fans, "reach_rate": reach})
    private = np.where(
        content.given["private_uv"] & ~both_private,
        c["private_uv"],
        engine.private_uv(content_record),  # fans × reach_rate (0 × … where neither is given)
    )
    no_budget = (None, None)
    return columnar.Merchants(
        n=n,
        has_shelf=shelf.has,
        has_content=content.has,
        shelf=shelf_record,
        content=content_record,
        cogs_rate=cogs_rate,
        private_uv=private,
        fans=fans,
        fans_given=fans_given,
        reach_rate=reach,
        reach_given=reach_given,
        groups=_policy_groups(
            batch.column("policies") if "policies" in names else None, plan, n, problems
        ),
        traffic_budget=budgets.get("traffic_budget", no_budget)[0],
        traffic_budget_given=budgets.get("traffic_budget", no_budget)[1],
        public_budget=budgets.get("public_budget", no_budget)[0],
        public_budget_given=budgets.get("public_budget", no_budget)[1],
    )


def eligibility(
    m: columnar.Merchants, batch: pa.RecordBatch, plan: Plan, rows: np.ndarray
) -> list[RowProblem]:
    """Warnings, as `compare` gives them: a policy used by a role it is not for (applied anyway),
    and policies on a merchant without a content model."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    names = batch.schema.names
    default = plan.template.role if plan.template is not None else None
    if "role" in names:
        role = pc.utf8_trim_whitespace(text_array(batch.column(names.index("role"))))
        role = pc.if_else(pc.equal(role, ""), pa.scalar(None, pa.string()), role)
    else:
        role = pa.nulls(m.n, pa.string())
    if default is not None:
        role = pc.fill_null(role, default)
    out = []
    for policies, members in m.groups:
        if not policies:
            continue
        for i in members[~m.has_content[members]]:
            notice = msg("policies.without_content")
            out.append(RowProblem(int(rows[i]), "policies", None, notice, warning=True))
        mine = role.take(pa.array(members))
        for p in policies:
            if not p.roles:
                continue
            allowed = pc.is_in(mine, value_set=pa.array(list(p.roles), pa.string()))
            wrong = to_numpy(pc.fill_null(pc.invert(allowed), False)) & to_numpy(mine.is_valid())
            for k in np.flatnonzero(wrong):
                params = {"policy": p.id, "roles": ", ".join(p.roles), "role": mine[int(k)].as_py()}
                notice = msg("policy.ineligible", **params)
                out.append(
                    RowProblem(int(rows[members[k]]), "policies", None, notice, warning=True)
                )
    return out
