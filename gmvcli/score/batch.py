"""The batch function of `score` (SPEC §11): one Arrow record batch of merchants in, one record
batch of results out, plus the problems of its bad rows.

It is a pure function of (batch, row numbers, repeated ids, plan), so the local engine, Dask's
`map_partitions` and Spark's `mapInArrow` can all call it on their own slices of a table.
Cells are parsed by `numbers.parse_number` (plain decimal text and numeric columns take a vectorised
path that gives the same floats); ranges and messages are `model.KINDS`'; the formulas are the
engine's, run on arrays (see `score.forecast`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.errors import Problem, shown
from gmvcli.messages import Msg, did_you_mean, msg, text
from gmvcli.model import BOUNDS, KINDS, ROLES, Content, Invalid, Shelf, parse_distribution
from gmvcli.score import forecast as columnar
from gmvcli.score.columns import FORECAST_COLUMNS, RESULT_COLUMNS, output_names
from gmvcli.score.plan import EXCLUSIVE, Plan, field_columns
from gmvcli.score.rounding import round_exact

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

PLAIN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"
_ID = r"^[a-z0-9_-]{1,64}$"
_NUMERIC_KINDS = (*BOUNDS, "periods")


class RowProblem(NamedTuple):
    """One bad cell: the row number R of SPEC §11, the column, the cell as written (None when
    empty), what is wrong and how to fix it (catalogue messages, worded when shown)."""

    row: int
    column: str
    value: str | None
    message: Msg
    hint: Msg | None = None
    #: a warning leaves the row's results in place (a policy its role is not eligible for)
    warning: bool = False

    def what(self, lang: str = "en", with_value: bool = True) -> str:
        """What is wrong, with the value and the hint: `message (got V) — hint`."""
        got = self.value if with_value else None
        return Problem("", self.message, got=got, hint=self.hint).detail(lang)

    def describe(self, lang: str = "en") -> str:
        """`row R, column C: what is wrong (got V) — hint`."""
        return text(
            "score.row_error", lang, row=self.row, column=self.column, message=self.what(lang)
        )


def _scalar(raw: object, kind: str) -> float:
    """One cell as the scenario validator reads a value of `kind` (distributions: central value)."""
    convert = KINDS[kind][0]
    if isinstance(raw, str) and kind in BOUNDS:
        distribution = parse_distribution(raw, kind)
        if distribution is not None:
            return float(convert(distribution.central()))
    return float(convert(raw))


def _in_range(values: np.ndarray, kind: str) -> np.ndarray:
    """Where a parsed number is valid for `kind` (the vectorised form of `model.KINDS`)."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        ok = np.isfinite(values) & (np.abs(values) <= 1e15)
        if kind == "rate":
            ok &= (values >= 0) & (values <= 1)
        elif kind in ("count", "money"):
            ok &= values >= 0
        elif kind == "positive":
            ok &= values > 0
        elif kind == "growth":
            ok &= (values >= -1) & (values <= 1)
        elif kind == "periods":
            ok &= (values == np.floor(values)) & (values >= 1) & (values <= 600)
    return ok  # type: ignore[no-any-return]


def _to_numpy(arr: pa.Array) -> np.ndarray:
    return arr.to_numpy(zero_copy_only=False)  # type: ignore[no-any-return]


def _text_array(arr: pa.Array) -> pa.Array:
    """A column as text (numbers as they print: an id column of integers reads 123 as "123")."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_string(arr.type):
        return arr
    if pa.types.is_large_string(arr.type):
        return pc.cast(arr, pa.string())
    try:
        return pc.cast(arr, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in arr.to_pylist()], pa.string())


Fail = Callable[[int, str, object, Msg, "Msg | None"], None]


def _numeric(arr: pa.Array, kind: str, path: str, fail: Fail) -> tuple[np.ndarray, np.ndarray]:
    """(values, present) of a numeric column; a bad cell is reported and left out."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    n = len(arr)
    values = np.full(n, np.nan)
    t = arr.type
    if pa.types.is_null(t):
        return values, np.zeros(n, bool)
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        present = _to_numpy(arr.is_valid())
        values = np.array(_to_numpy(pc.cast(arr, pa.float64(), safe=False)), dtype=float)
        slow = np.zeros(n, bool)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        trimmed = pc.utf8_trim_whitespace(arr)
        present = _to_numpy(pc.fill_null(pc.not_equal(trimmed, ""), False))
        fast = _to_numpy(pc.fill_null(pc.match_substring_regex(trimmed, PLAIN), False))
        if fast.any():
            chosen = pc.filter(trimmed, pa.array(fast))
            values[fast] = _to_numpy(pc.cast(chosen, pa.float64()))
        slow = present & ~fast
    else:  # booleans, lists, structs: each cell goes to the validator, which says what is wrong
        present = _to_numpy(arr.is_valid())
        slow = present.copy()
    values = np.where(present, values, np.nan) + 0.0
    parsed = present & ~slow  # read by the vectorised path: the validator sees the number
    slow |= parsed & ~_in_range(values, kind)
    for i in np.flatnonzero(slow):
        raw = arr[int(i)].as_py()
        cell = float(values[i]) if parsed[i] else raw.strip() if isinstance(raw, str) else raw
        try:
            values[i] = _scalar(cell, kind) + 0.0
        except Invalid as exc:
            values[i] = np.nan
            fail(int(i), path, raw, exc.message, exc.hint)
    return values, present


class _Section(NamedTuple):
    has: np.ndarray  # rows that have this model
    record: Any  # Shelf/Content of arrays
    given: dict[str, np.ndarray]  # per field: the row or the template gives it


def _section(
    name: str,
    fields: Any,
    template: Any,
    values: dict[str, np.ndarray],
    present: dict[str, np.ndarray],
    n: int,
    fail_rows: Callable[[np.ndarray, str, Msg], None],
) -> _Section:
    """One model's fields: the row's value, else the template's (unless excluded), else the default."""
    import numpy as np

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
                fail_rows(missing, path, msg("score.missing"))
                out[f.name] = np.where(missing, 1.0, out[f.name])  # a placeholder; masked later
    return _Section(has, out, given)


def _policy_groups(
    arr: pa.Array | None, plan: Plan, n: int, fail: Fail
) -> tuple[tuple[tuple[Any, ...], np.ndarray], ...]:
    """Rows grouped by the policies they list (comma-separated ids; empty: the template's)."""
    import difflib

    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    if arr is None:
        return ((plan.template_policies, np.arange(n)),)
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(_text_array(arr)))
    assert isinstance(encoded, pa.DictionaryArray)
    codes = _to_numpy(pc.fill_null(encoded.indices, -1)).astype(np.int64)
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
                fail(int(i), "policies", cell, msg("score.unknown_policy"), hint)
            groups.append(((), rows))
            continue
        groups.append((tuple(plan.policies[p] for p in ids), rows))
    return tuple(groups)


def score_batch(
    batch: pa.RecordBatch, rows: np.ndarray, first_seen: np.ndarray, plan: Plan
) -> tuple[pa.RecordBatch, list[RowProblem]]:
    """Score one batch. `rows[i]` is row i's number R for messages; `first_seen[i]` > 0 marks a
    repeated id (the R of its first row). Returns the output batch and the problems found."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    n = batch.num_rows
    names = batch.schema.names
    problems: list[RowProblem] = []
    where: list[int] = []  # the batch index of each problem's row
    bad = np.zeros(n, bool)

    def fail(i: int, column: str, raw: object, message: Msg, hint: Msg | None = None) -> None:
        bad[i] = True
        where.append(i)
        value = None if raw is None else shown(raw)
        problems.append(RowProblem(int(rows[i]), column, value, message, hint))

    def fail_rows(mask: np.ndarray, column: str, message: Msg) -> None:
        for i in np.flatnonzero(mask):
            fail(int(i), column, None, message)

    # id: required, [a-z0-9_-]+, not seen before
    ids = _text_array(batch.column(names.index("id")))
    id_ok = _to_numpy(pc.fill_null(pc.match_substring_regex(ids, _ID), False))
    for i in np.flatnonzero(~id_ok):
        raw = ids[int(i)].as_py()
        if raw is None or not raw.strip():
            fail(int(i), "id", None, msg("score.missing_id"))
            continue
        try:
            KINDS["id"][0](raw)
        except Invalid as exc:
            fail(int(i), "id", raw, exc.message, exc.hint)
    for i in np.flatnonzero(first_seen > 0):
        fail(int(i), "id", ids[int(i)].as_py(), msg("score.repeated_id", first=int(first_seen[i])))

    # cells
    known = field_columns()
    for path in names:
        if path == "id" or path in known:
            continue
        column = batch.column(names.index(path))
        for i in np.flatnonzero(_to_numpy(column.is_valid())):
            if path == "__bad__":  # a JSONL line that is not an object of columns
                fail(int(i), "-", None, msg(column[int(i)].as_py()))
                continue
            match = difflib.get_close_matches(path, ["id", *known], n=1, cutoff=0.6)
            hint = did_you_mean(match, []) if match else None
            fail(
                int(i), path, column[int(i)].as_py(), msg("score.unknown_column", column=path), hint
            )
    values: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    for path in names:
        field = known.get(path)
        if field is None or field.kind not in _NUMERIC_KINDS:
            continue
        values[path], present[path] = _numeric(batch.column(path), field.kind, path, fail)
    for path, kind in (("role", "role"), ("name", "text")):
        if path in names:
            column = _text_array(batch.column(path))
            for i in np.flatnonzero(_to_numpy(column.is_valid())):
                raw = column[int(i)].as_py()
                if kind == "role" and raw in ROLES:
                    continue
                try:
                    KINDS[kind][0](raw)
                except Invalid as exc:
                    fail(int(i), path, raw, exc.message, exc.hint)

    # the merchant of each row: its cells, else the template's, else the defaults
    from gmvcli.model import CONTENT_FIELDS, SHELF_FIELDS

    t = plan.template
    shelf = _section("shelf", SHELF_FIELDS, t and t.shelf, values, present, n, fail_rows)
    content = _section("content", CONTENT_FIELDS, t and t.content, values, present, n, fail_rows)
    none = np.zeros(n, bool)
    both_private = present.get("content.private_uv", none) & present.get("content.fans", none)
    fail_rows(both_private, "content.fans", msg("score.private_and_fans"))
    fans_given = content.given["fans"] & ~both_private
    reach_given = content.given["reach_rate"]
    fail_rows(content.has & fans_given & ~reach_given, "content.fans", msg("score.fans_need_reach"))
    fail_rows(~shelf.has & ~content.has, "id", msg("score.no_model"))
    cogs = values.get("cogs_rate")
    cogs_default = t.cogs_rate if t is not None else 0.0
    cogs_rate = (
        np.full(n, cogs_default)
        if cogs is None
        else np.where(present["cogs_rate"], cogs, cogs_default)
    )

    budgets = {}
    for sec, visitors, budget, cost in (
        (shelf, "uv", "traffic_budget", "traffic_cost_per_uv"),
        (content, "public_uv", "public_budget", "public_cost_per_uv"),
    ):
        if budget not in sec.record:  # a model without budgets
            continue
        name = "shelf" if sec is shelf else "content"
        words = {"visitors": visitors, "budget": budget, "cost": cost}
        both = present.get(f"{name}.{visitors}", none) & present.get(f"{name}.{budget}", none)
        fail_rows(both, f"{name}.{budget}", msg("budget.not_both", **words))
        given = sec.given[budget] & ~both
        fail_rows(
            sec.has & given & ~(sec.record[cost] > 0), f"{name}.{cost}", msg("budget.cost", **words)
        )
        if name == "shelf":  # uv has no default: it, or the budget, is needed
            fail_rows(sec.has & ~sec.given[visitors] & ~given, "shelf.uv", msg("score.missing"))
        budgets[budget] = (np.where(given, sec.record[budget], 0.0), given)
        sec.record[budget] = None
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
    merchants = columnar.Merchants(
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
            batch.column("policies") if "policies" in names else None, plan, n, fail
        ),
        traffic_budget=budgets.get("traffic_budget", (None, None))[0],
        traffic_budget_given=budgets.get("traffic_budget", (None, None))[1],
        public_budget=budgets.get("public_budget", (None, None))[0],
        public_budget_given=budgets.get("public_budget", (None, None))[1],
    )
    warnings = _eligibility(merchants, batch, plan, rows)
    if plan.periods is not None:
        fail_rows(
            columnar.cannot_forecast(merchants) & ~bad,
            "content.reach_rate",
            msg("score.cannot_forecast"),
        )

    with np.errstate(all="ignore"):
        shelf_result, content_result, comparison = columnar.one_period(merchants)
        results: dict[str, Any] = {
            "shelf": shelf_result,
            "content": content_result,
            "comparison": comparison,
        }
        totals = None
        if plan.periods is not None:
            cfg = columnar.Settings(
                periods=plan.periods,
                **{
                    key: np.where(
                        present.get(f"forecast.{key}", none),
                        values.get(f"forecast.{key}", 0.0),
                        getattr(plan.settings, key),
                    )
                    for key in (
                        "follow_rate",
                        "fan_churn_rate",
                        "shelf_traffic_cost_growth",
                        "public_cost_growth",
                    )
                },
            )
            totals = columnar.totals(merchants, cfg)

    good = ~bad
    valid = {
        "shelf": good & shelf.has,
        "content": good & content.has,
        "comparison": good & shelf.has & content.has,
        "forecast": good,
    }
    arrays: list[pa.Array] = [ids]
    for col in RESULT_COLUMNS:
        value: Any = results[col.model]
        for part in col.name.split(".")[1:]:
            value = getattr(value, part)
        arrays.append(_rounded(value, col.digits, valid[col.model], n))
    if totals is not None:
        both = valid["comparison"]
        crossover = totals.crossover
        arrays.append(pa.array(crossover, pa.int64(), mask=~(both & (crossover > 0))))
        arrays.append(_rounded(totals.shelf_contribution, 2, valid["shelf"], n))
        arrays.append(_rounded(totals.content_contribution, 2, valid["content"], n))
        assert len(FORECAST_COLUMNS) == 3
    errors: list[str | None] = [None] * n
    for k, p in zip(where, problems, strict=True):
        line = p.describe()
        errors[k] = line if errors[k] is None else f"{errors[k]}; {line}"
    arrays.append(pa.array(errors, pa.string()))
    problems += [w for w in warnings if not bad[int(np.searchsorted(rows, w.row))]]
    order = sorted(range(len(problems)), key=lambda k: problems[k].row)
    return pa.RecordBatch.from_arrays(arrays, output_names(plan.periods)), [
        problems[k] for k in order
    ]


def _eligibility(
    m: columnar.Merchants, batch: pa.RecordBatch, plan: Plan, rows: np.ndarray
) -> list[RowProblem]:
    """Warnings, as `compare` gives them: a policy used by a role it is not for (applied anyway),
    and policies on a merchant without a content model."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    names = batch.schema.names
    default = plan.template.role if plan.template is not None else None
    if "role" in names:
        role = pc.utf8_trim_whitespace(_text_array(batch.column(names.index("role"))))
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
            notice = msg("policies_without_content")
            out.append(RowProblem(int(rows[i]), "policies", None, notice, warning=True))
        mine = role.take(pa.array(members))
        for p in policies:
            if not p.roles:
                continue
            allowed = pc.is_in(mine, value_set=pa.array(list(p.roles), pa.string()))
            wrong = _to_numpy(pc.fill_null(pc.invert(allowed), False)) & _to_numpy(mine.is_valid())
            for k in np.flatnonzero(wrong):
                params = {"policy": p.id, "roles": ", ".join(p.roles), "role": mine[int(k)].as_py()}
                notice = msg("ineligible_policy", **params)
                out.append(
                    RowProblem(int(rows[members[k]]), "policies", None, notice, warning=True)
                )
    return out


def _rounded(value: Any, digits: int, valid: np.ndarray, n: int) -> pa.Array:
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    column = np.broadcast_to(np.asarray(value, dtype=float), (n,))
    rounded = round_exact(np.array(column), digits)
    return pa.array(rounded, pa.float64(), mask=~valid | np.isnan(rounded))
