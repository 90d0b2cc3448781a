"""SPEC §10 `fit`: scenario inputs estimated from the sessions, with 90% bootstrap intervals, and
written back into the scenario text without touching anything else.

Each field is a ratio of sums over the rows (the same sums `review` uses): watch_minutes =
Σ(uv·watch_minutes) ÷ Σuv, aov = Σgmv ÷ Σorders, … With 5 rows or more its 90% interval is the 5th–95th
percentile over 1,000 bootstrap resamples of the rows (numpy, seed 0), written as `"low to high"`.

The edit: ruamel.yaml composes the file (its round-trip parser) to find where each fitted value is
written; only those value spans are replaced (or a line added), so every comment, key order, quote
and blank line of the rest of the file stays byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, NamedTuple

from gmvcli.model import Scenario
from gmvcli.review.actuals import Actuals
from gmvcli.review.issues import Issue
from gmvcli.review.messages import text
from gmvcli.review.selection import Selection, assign_merchants, select

RUNS = 1000
SEED = 0
MIN_ROWS = 5
PERCENT_FIELDS = frozenset(
    {"orders_per_minute", "conversion_rate", "refund_rate", "follow_rate", "reach_rate"}
)


class NeedMerchant(Exception):
    def __init__(self, ids: list[str]) -> None:
        super().__init__(ids)
        self.ids = ids


class EditError(Exception):
    """The scenario text cannot be edited in place (its structure is not what we can splice)."""


class FieldFit(NamedTuple):
    path: str  # within the merchant: content.watch_minutes, forecast.follow_rate
    value: float
    low: float | None
    high: float | None
    rows: int
    written: str  # the YAML value written to the file


class Fit(NamedTuple):
    file: str
    actuals: str
    merchant: str
    position: int  # of the merchant in the scenario
    rows: int
    first: dt.date
    last: dt.date
    fields: tuple[FieldFit, ...]
    warnings: tuple[Issue, ...]


# an estimator: sums (column → array over resamples, or floats) → value
Estimator = Callable[[dict[str, Any]], Any]


def _estimators(
    model: str, sel: Selection, have: frozenset[str], periods: int
) -> list[tuple[str, Estimator]]:
    """The fields the columns measure, each as a function of the sums."""
    m = sel.merchant
    out: list[tuple[str, Estimator]] = []
    has_buyers = "buyers" in have
    if model == "content":
        c = m.content
        assert c is not None
        rf_plan = c.repurchase_frequency
        if "private_uv" in have:
            if c.fans is not None:
                fans = sum(p.fans_start or 0.0 for p in sel.plan[:periods])
                if fans > 0:
                    out.append(("content.reach_rate", lambda s: s["private_uv"] / fans))
            else:
                out.append(("content.private_uv", lambda s: s["private_uv"] / periods))
        if "public_uv" in have and _public_is_count(sel):
            out.append(("content.public_uv", lambda s: s["public_uv"] / periods))
        out.append(("content.watch_minutes", lambda s: s["uv_minutes"] / s["uv"]))
        if has_buyers:
            out.append(("content.orders_per_minute", lambda s: s["buyers"] / s["uv_minutes"]))
        else:
            out.append(
                ("content.orders_per_minute", lambda s: s["orders"] / (s["uv_minutes"] * rf_plan))
            )
        out.append(("content.aov", lambda s: s["gmv"] / s["orders"]))
        if has_buyers:
            out.append(("content.repurchase_frequency", lambda s: s["orders"] / s["buyers"]))
        if "refunds" in have:
            out.append(("content.refund_rate", lambda s: s["refunds"] / s["gmv"]))
        if "traffic_cost" in have and "public_uv" in have:
            out.append(
                ("content.public_cost_per_uv", lambda s: s["traffic_cost"] / s["paid_grown"])
            )
        if "new_fans" in have and "public_uv" in have:
            out.append(("forecast.follow_rate", lambda s: s["new_fans"] / s["public_uv"]))
    else:
        sh = m.shelf
        assert sh is not None
        rf_plan = sh.repurchase_frequency
        if _shelf_uv_is_count(sel):
            out.append(("shelf.uv", lambda s: s["uv"] / periods))
        if has_buyers:
            out.append(("shelf.conversion_rate", lambda s: s["buyers"] / s["uv"]))
        else:
            out.append(("shelf.conversion_rate", lambda s: s["orders"] / (s["uv"] * rf_plan)))
        out.append(("shelf.aov", lambda s: s["gmv"] / s["orders"]))
        if has_buyers:
            out.append(("shelf.repurchase_frequency", lambda s: s["orders"] / s["buyers"]))
        if "refunds" in have:
            out.append(("shelf.refund_rate", lambda s: s["refunds"] / s["gmv"]))
        if "traffic_cost" in have:
            out.append(("shelf.traffic_cost_per_uv", lambda s: s["traffic_cost"] / s["uv_grown"]))
    return out


def _public_is_count(sel: Selection) -> bool:
    """False when the plan buys its paid visitors with a budget (public_budget): the budget is a
    decision, not a measurement, so it is kept (and public_cost_per_uv is fitted)."""
    return getattr(sel.merchant.content, "public_budget", None) is None


def _shelf_uv_is_count(sel: Selection) -> bool:
    return getattr(sel.merchant.shelf, "traffic_budget", None) is None


def fit(
    scenario: Scenario,
    file: str,
    actuals: Actuals,
    *,
    merchant: str | None = None,
    start: dt.date | None = None,
) -> Fit:
    """Estimates and intervals for one merchant. Raises ReadError, or NeedMerchant when it is not
    clear which merchant to fit."""
    import numpy as np

    ids = [m.id for m in scenario.merchants]
    if merchant is None and len(ids) > 1:
        if actuals.merchants is None:
            raise NeedMerchant(ids)
        present = [i for i, rows in assign_merchants(scenario, actuals, ()).items() if rows]
        if len(present) != 1:
            raise NeedMerchant(ids)
        merchant = ids[present[0]]
    selections, _, warnings = select(
        scenario, actuals, path=file, merchants=[merchant] if merchant else [], start=start
    )
    sel = selections[0]
    have = frozenset(actuals.values)
    fields: list[FieldFit] = []
    for model in ("content", "shelf"):
        pairs = [
            (r, t)
            for r, t in zip(sel.rows, sel.periods, strict=True)
            if actuals.channels[r] == model
        ]
        if not pairs:
            continue
        cols = _columns(actuals, pairs, sel, model, np)
        n = len(pairs)
        estimators = _estimators(model, sel, have, sel.span)
        totals = {k: float(v.sum()) for k, v in cols.items()}
        boot = _bootstrap(cols, n, np) if n >= MIN_ROWS else None
        for path, estimate in estimators:
            with np.errstate(divide="ignore", invalid="ignore"):
                try:
                    value = float(estimate(totals))
                except ZeroDivisionError:
                    continue
                if not math.isfinite(value):
                    continue
                low = high = None
                if boot is not None:
                    draws = np.asarray(estimate(boot), dtype=float)
                    draws = draws[np.isfinite(draws)]
                    if draws.size:
                        low, high = (float(x) for x in np.percentile(draws, [5, 95]))
            fields.append(FieldFit(path, value, low, high, n, _written(path, value, low, high)))
    days = [actuals.dates[r] for r in sel.rows]
    return Fit(
        file,
        actuals.file,
        sel.merchant.id,
        sel.position,
        len(sel.rows),
        min(days),
        max(days),
        tuple(fields),
        tuple(warnings.get(sel.position, [])),
    )


def _columns(
    actuals: Actuals, pairs: list[tuple[int, int]], sel: Selection, model: str, np: Any
) -> dict[str, Any]:
    v = actuals.values
    rows = [r for r, _ in pairs]

    def col(name: str) -> Any:
        values = v.get(name)
        if values is None:
            return np.zeros(len(rows))
        return np.array([values[r] for r in rows], dtype=float)

    uv = col("uv")
    # the plan's cost per paid visitor grows each period: the base cost is Σcost ÷ Σ(paid · growth)
    cfg = sel.cfg
    growth = cfg.public_cost_growth if model == "content" else cfg.shelf_traffic_cost_growth
    factor = np.array([(1 + growth) ** (t - 1) for _, t in pairs], dtype=float)
    public = col("public_uv")
    return {
        "uv": uv,
        "uv_minutes": uv * col("watch_minutes"),
        "orders": col("orders"),
        "buyers": col("buyers"),
        "gmv": col("gmv"),
        "refunds": col("refunds"),
        "traffic_cost": col("traffic_cost"),
        "private_uv": col("private_uv"),
        "public_uv": public,
        "new_fans": col("new_fans"),
        "paid_grown": public * factor,
        "uv_grown": uv * factor,
    }


def _bootstrap(cols: dict[str, Any], n: int, np: Any) -> dict[str, Any]:
    """Column sums over RUNS resamples of the rows (with replacement), seed 0."""
    rng = np.random.default_rng(SEED)
    names = list(cols)
    matrix = np.stack([cols[k] for k in names])  # columns × rows
    out = np.empty((len(names), RUNS))
    batch = max(1, min(RUNS, 4_000_000 // max(n, 1)))
    done = 0
    while done < RUNS:
        size = min(batch, RUNS - done)
        idx = rng.integers(0, n, size=(size, n))
        out[:, done : done + size] = matrix[:, idx].sum(axis=2)
        done += size
    return {k: out[i] for i, k in enumerate(names)}


def _sig(value: float, digits: int = 4) -> str:
    """`value` to `digits` significant digits, written without an exponent."""
    if value == 0:
        return "0"
    places = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, places)
    text = f"{rounded:.{max(places, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _number_text(path: str, value: float) -> str:
    if path.rsplit(".", 1)[-1] in PERCENT_FIELDS:
        return _sig(value * 100) + "%"
    return _sig(value)


def _written(path: str, value: float, low: float | None, high: float | None) -> str:
    """The YAML value: "low to high" (a lognormal 90% interval) or, without one, the estimate."""
    if low is not None and high is not None and low > 0:
        a, b = _number_text(path, low), _number_text(path, high)
        if a != b:
            return f"{a} to {b}"
    return _number_text(path, value)


# --- editing the scenario text --------------------------------------------------------------------


def note_text(result: Fit, lang: str) -> str:
    import os

    return text(
        "fit.note",
        lang,
        file=os.path.basename(result.actuals),
        rows=result.rows,
        first=result.first.isoformat(),
        last=result.last.isoformat(),
    )


def _key_value(node: Any, key: str) -> tuple[Any, Any] | None:
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return k, v
    return None


def _last_end(node: Any) -> int:
    """The index just after the last character of a node's own text (scalars inside it)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and not node.flow_style:
        return max(_last_end(x) for pair in node.value for x in pair)
    if isinstance(node, SequenceNode) and not node.flow_style:
        return max(_last_end(x) for x in node.value)
    return int(node.end_mark.index)


def _line_start(source: str, index: int) -> int:
    return source.rfind("\n", 0, index) + 1


def _line_end(source: str, index: int) -> int:
    """Where the line holding `index` ends: at its line break (CR LF or LF), or the text's end."""
    end = source.find("\n", index)
    if end < 0:
        return len(source)
    return end - 1 if end > 0 and source[end - 1] == "\r" else end


def edit_text(source: str, result: Fit, lang: str = "en") -> str:
    """The scenario text with each fitted field's value replaced (or added) and a note above the
    first; every other byte as it was. Raises EditError when the text cannot be edited so."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not result.fields:
        return source
    try:
        root = YAML(typ="rt").compose(source)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    merchants = _key_value(root, "merchants") if isinstance(root, MappingNode) else None
    if merchants is None or not isinstance(merchants[1], SequenceNode):
        raise EditError("no merchants list")
    try:
        merchant = merchants[1].value[result.position]
    except IndexError:
        raise EditError("merchant not found") from None
    if not isinstance(merchant, MappingNode) or merchant.flow_style:
        raise EditError("the merchant is written in flow style {…}")
    nl = "\r\n" if "\r\n" in source else "\n"  # added lines end as the file's lines do
    edits: list[tuple[int, int, str]] = []
    touched: list[int] = []  # where each fitted value starts
    for f in result.fields:
        section_name, key = f.path.split(".")
        found = _key_value(merchant, section_name)
        if found is None:
            indent = merchant.value[0][0].start_mark.column
            at = _line_end(source, _last_end(merchant))
            pad = " " * indent
            edits.append((at, at, f"{nl}{pad}{section_name}:{nl}{pad}  {key}: {f.written}"))
            touched.append(at + 1)
            continue
        section = found[1]
        if not isinstance(section, MappingNode):
            raise EditError(f"{section_name} is not a mapping")
        pair = _key_value(section, key)
        if pair is not None:
            k, v = pair
            if isinstance(v, ScalarNode) or v.flow_style:
                start, end = v.start_mark.index, v.end_mark.index
                edits.append(_keep_comment_column(source, start, end, f.written))
                touched.append(start)
            else:  # a block mapping (a distribution): from after the key to its last value;
                # the comments written inside it move to the end of the new line
                start, end = k.end_mark.index, _last_end(v)
                notes = [
                    line.split("#", 1)[1].strip()
                    for line in source[start:end].splitlines()
                    if "#" in line
                ]
                tail = "".join(f"  # {n}" for n in notes if n)
                edits.append((start, end, f": {f.written}{tail}"))
                touched.append(k.start_mark.index)
            continue
        if section.flow_style:
            close = section.end_mark.index - 1
            sep = ", " if section.value else ""
            edits.append((close, close, f"{sep}{key}: {f.written}"))
            touched.append(close)
            continue
        indent = section.value[0][0].start_mark.column
        at = _line_end(source, _last_end(section))
        edits.append((at, at, nl + " " * indent + f"{key}: {f.written}"))
        touched.append(at + 1)
    # the note: a comment line above the first fitted line (replacing an earlier note there)
    first = min(touched)
    line_start = _line_start(source, first)
    line = source[line_start : _line_end(source, line_start)]
    indent_text = line[: len(line) - len(line.lstrip(" "))]
    note = f"{indent_text}# {note_text(result, lang)}{nl}"
    previous_start = _line_start(source, max(line_start - 1, 0))
    previous = source[previous_start:line_start].strip()
    if line_start > 0 and previous.startswith("# ") and _is_note(previous[2:]):
        edits.append((previous_start, line_start, note))
    else:
        edits.append((line_start, line_start, note))
    out = source
    # from the end backwards, so earlier indices stay valid; two insertions at one place keep
    # the order they were made in
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
    for i in order:
        start, end, new = edits[i]
        out = out[:start] + new + out[end:]
    _check(out, result)
    return out


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _keep_comment_column(source: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Replace source[start:end] by `new`, and the spaces after it so that a comment on the same
    line stays in its column (at least one space before it)."""
    gap_end = end
    while gap_end < len(source) and source[gap_end] == " ":
        gap_end += 1
    if gap_end == end or source[gap_end : gap_end + 1] != "#":
        return start, end, new
    spaces = _width(source[start:gap_end]) - _width(new)
    return start, gap_end, new + " " * max(spaces, 1)


def _is_note(comment: str) -> bool:
    """An earlier note of ours (in either language), which a new fit replaces."""
    return comment.startswith("fitted from ") or (
        comment.startswith("由 ") and " 拟合，" in comment
    )


def _check(edited: str, result: Fit) -> None:
    """The edited text must still be a valid scenario."""
    from gmvcli.errors import ScenarioError
    from gmvcli.loader import load_text
    from gmvcli.model import parse_scenario

    try:
        parse_scenario(load_text(edited, result.file))
    except ScenarioError as exc:
        raise EditError(str(exc.problems[0])) from None


def unified_diff(before: str, after: str, path: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile="a/" + path.lstrip("/"),
            tofile="b/" + path.lstrip("/"),
        )
    )
