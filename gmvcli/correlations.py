"""SPEC §8 correlated inputs: the `correlations:` list resolved and checked, and the Iman–Conover
method that imposes those rank correlations on independent draws.

Iman & Conover (1982), "A distribution-free approach to inducing rank correlation among input
variables", Communications in Statistics B 11(3). The draws of each input are only *reordered*
within a chunk, so every marginal stays exactly as written; the order is taken from normal scores
given the wanted correlation. Spearman's rank correlation of a bivariate normal with Pearson ρ is
(6/π)·asin(ρ/2), so the scores get ρ = 2·sin(π·r/6) for a wanted rank correlation r.

Validation is pure Python (numpy stays off the start-up path of `compare`/`validate`).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.errors import Problem
from gmvcli.loader import Document, PathPart, format_path
from gmvcli.messages import Msg, msg
from gmvcli.model import BET_FIELDS, BOUNDS, EFFECT_FIELDS, SECTIONS, Correlation, Distribution

if TYPE_CHECKING:
    import numpy as np

Path = tuple[PathPart, ...]
_REF = re.compile(r"(?:(?P<merchant>[a-z0-9_-]+):)?(?P<path>[a-z0-9_-]+(?:\.[a-z0-9_-]+|\[\d+\])*)")
_PART = re.compile(r"\[(\d+)\]|\.?([a-z0-9_-]+)")


def _parts(path: str) -> Path:
    return tuple(int(i) if i else name for i, name in _PART.findall(path))


def _numeric(fields: Sequence[Any]) -> set[str]:
    return {f.name for f in fields if f.kind in BOUNDS}


def _known_effect(rest: Path) -> bool:
    if len(rest) == 1:
        return rest[0] in _numeric(EFFECT_FIELDS)
    return len(rest) == 2 and rest[0] == "bet" and rest[1] in _numeric(BET_FIELDS)


def _known_in_merchant(parts: Path) -> bool:
    """A numeric field of a merchant: cogs_rate, shelf.X, content.X, forecast.X, policies[j].X."""
    if parts == ("cogs_rate",):
        return True
    if len(parts) == 2 and parts[0] in ("shelf", "content", "forecast"):
        return parts[1] in _numeric(SECTIONS[str(parts[0])])
    return (
        len(parts) >= 3
        and parts[0] == "policies"
        and isinstance(parts[1], int)
        and _known_effect(parts[2:])
    )


def _known_in_file(parts: Path) -> bool:
    """A numeric field at the top of the file: forecast.X, policies.ID.X."""
    if len(parts) == 2 and parts[0] == "forecast":
        return parts[1] in _numeric(SECTIONS["forecast"])
    return (
        len(parts) >= 3
        and parts[0] == "policies"
        and isinstance(parts[1], str)
        and _known_effect(parts[2:])
    )


def _field_names() -> list[str]:
    names = ["cogs_rate"]
    for section in ("shelf", "content", "forecast"):
        names += [f"{section}.{n}" for n in sorted(_numeric(SECTIONS[section]))]
    return names


def ref_of(path: Path, ids: Sequence[str]) -> str:
    """The REF of an input: MERCHANT:PATH for a merchant's field, PATH for a file-level one."""
    if path[0] == "merchants":
        return f"{ids[int(path[1])]}:{format_path(path[2:])}"
    return format_path(path)


class _Resolver:
    def __init__(
        self, doc: Document, uncertain: Sequence[tuple[Path, Distribution]], bad: set[str]
    ) -> None:
        self.doc = doc
        self.uncertain = [p for p, _ in uncertain]
        merchants = doc.data.get("merchants") if isinstance(doc.data, dict) else None
        self.ids: list[str] = [
            str(m["id"]) if isinstance(m, dict) and isinstance(m.get("id"), str) else ""
            for m in (merchants if isinstance(merchants, list) else [])
        ]
        self.bad = bad  # paths that already have a problem: no second, misleading one
        self.problems: list[Problem] = []

    def fail(self, where: Path, code: str, hint: Msg | None = None, **params: object) -> None:
        got = (
            None
            if code in ("corr.not_distribution", "corr.same", "corr.twice", "corr.unknown_field")
            else ...
        )
        self.problems.append(self.doc.problem(where, msg(code, **params), hint=hint, got=got))

    def _broken(self, parts: Path, merchant: int | None = None) -> bool:
        """Whether the field already has a problem (so it is missing from the distributions)."""
        suffix = format_path(parts)
        if merchant is not None:
            return format_path(("merchants", merchant, *parts)) in self.bad
        return any(b == suffix or b.endswith("." + suffix) for b in self.bad)

    def ref(self, raw: str, where: Path) -> tuple[list[Path], bool] | None:
        """The inputs a REF names, and whether it is a PATH taken in every merchant."""
        match = _REF.fullmatch(raw.strip())
        if match is None:
            self.fail(where, "corr.bad_ref")
            return None
        parts = _parts(match.group("path"))
        merchant = match.group("merchant")
        if merchant is not None:
            if merchant not in self.ids:
                close = difflib.get_close_matches(merchant, self.ids, n=1, cutoff=0.6)
                hint = msg("hint.did_you_mean", word=close[0]) if close else None
                self.fail(where, "corr.unknown_merchant", hint, id=merchant)
                return None
            if not _known_in_merchant(parts):
                self._unknown(parts, where)
                return None
            index = self.ids.index(merchant)
            path: Path = ("merchants", index, *parts)
            if path in self.uncertain:
                return [path], False
            if not self._broken(parts, index):
                self.fail(where, "corr.not_distribution", self._how(parts), ref=raw.strip())
            return None
        found = [p for p in self.uncertain if p[0] == "merchants" and p[2:] == parts]
        if found:
            return found, True
        if parts in self.uncertain:
            return [parts], False
        if not (_known_in_merchant(parts) or _known_in_file(parts)):
            self._unknown(parts, where)
            return None
        if not self._broken(parts):
            self.fail(where, "corr.not_distribution", self._how(parts), ref=raw.strip())
        return None

    def _how(self, parts: Path = ()) -> Msg:
        """How to fix a REF that is a plain number; when `--set` made it one, say so."""
        for where, arg in self.doc.overrides.items():
            if tuple(where[2:]) == parts or tuple(where) == parts:
                return msg("corr.set_number", arg=arg)
        return msg("corr.not_distribution_hint")

    def _unknown(self, parts: Path, where: Path) -> None:
        shown = format_path(parts)
        close = difflib.get_close_matches(shown, _field_names(), n=1, cutoff=0.6)
        hint = msg("hint.did_you_mean", word=close[0]) if close else None
        self.fail(where, "corr.unknown_field", hint, path=shown)


def resolve(
    doc: Document,
    entries: Sequence[tuple[int, str, str, float]],
    uncertain: Sequence[tuple[Path, Distribution]],
    problems: Sequence[Problem],
) -> tuple[tuple[Correlation, ...], list[Problem]]:
    """The correlations of the file as pairs of inputs, and the problems of its entries."""
    resolver = _Resolver(doc, uncertain, {p.path for p in problems})
    seen: dict[frozenset[Path], int] = {}
    kept: list[Correlation] = []
    for i, a, b, rank in entries:
        where: Path = ("correlations", i)
        left = resolver.ref(a, (*where, "a"))
        right = resolver.ref(b, (*where, "b"))
        if left is None or right is None:
            continue
        (xs, x_each), (ys, y_each) = left, right
        if x_each and y_each:
            pairs = [(x, y) for x in xs for y in ys if x[1] == y[1]]
            if not pairs:
                resolver.fail(where, "corr.no_pair", a=a, b=b)
                continue
        else:
            pairs = [(x, y) for x in xs for y in ys]
        same = [(x, y) for x, y in pairs if x == y]
        pairs = [(x, y) for x, y in pairs if x != y]
        if not pairs:
            resolver.fail(where, "corr.same", ref=ref_of(same[0][0], resolver.ids))
            continue
        twice = next((seen[frozenset(p)] for p in pairs if frozenset(p) in seen), None)
        if twice is not None:
            resolver.fail(where, "corr.twice", a=a, b=b, other=twice)
            continue
        for x, y in pairs:
            seen[frozenset((x, y))] = i
        kept += [
            Correlation(x, y, rank, ref_of(x, resolver.ids), ref_of(y, resolver.ids), i)
            for x, y in pairs
        ]
    # the matrix as a whole: a set of entries is only inconsistent together, so it is checked once
    # every entry is in, and the problem is put at the last entry of the group that breaks it
    reported: set[tuple[int, ...]] = set()
    for group in groups(kept):
        if consistent(group):
            continue
        inputs = set(group.inputs)
        involved = sorted({c.entry for c in kept if c.a in inputs})
        if tuple(involved) in reported:  # the same entries taken in several merchants
            continue
        reported.add(tuple(involved))
        listed = ", ".join(f"correlations[{e}]" for e in involved)
        resolver.fail(
            ("correlations", involved[-1]), "corr.not_pd", msg("corr.not_pd_hint"), entries=listed
        )
    return tuple(kept), resolver.problems


# --- the matrix ------------------------------------------------------------------------------------


class Group(NamedTuple):
    """Inputs linked by correlations, and the rank correlation matrix among them."""

    inputs: tuple[Path, ...]
    ranks: tuple[tuple[float, ...], ...]


def groups(correlations: Sequence[Correlation]) -> list[Group]:
    """The correlated inputs split into independent groups (connected components)."""
    parent: dict[Path, Path] = {}

    def root(p: Path) -> Path:
        while parent.setdefault(p, p) != p:
            p = parent[p]
        return p

    for c in correlations:
        parent[root(c.a)] = root(c.b)
    members: dict[Path, list[Path]] = {}
    for p in parent:
        members.setdefault(root(p), []).append(p)
    out = []
    for inputs in members.values():
        index = {p: k for k, p in enumerate(inputs)}
        m = [[1.0 if i == j else 0.0 for j in range(len(inputs))] for i in range(len(inputs))]
        for c in correlations:
            if c.a in index and c.b in index:
                m[index[c.a]][index[c.b]] = m[index[c.b]][index[c.a]] = c.rank
        out.append(Group(tuple(inputs), tuple(tuple(row) for row in m)))
    return out


def pearson_of_rank(r: float) -> float:
    """The normal correlation whose Spearman rank correlation is r: 2·sin(π·r/6)."""
    return 2 * math.sin(math.pi * r / 6)


def positive_definite(m: Sequence[Sequence[float]]) -> bool:
    """Cholesky in pure Python (the groups are small): every pivot must stay above zero."""
    n = len(m)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = m[i][j] - sum(low[i][k] * low[j][k] for k in range(j))
            if i == j:
                if s <= 1e-10:
                    return False
                low[i][i] = math.sqrt(s)
            else:
                low[i][j] = s / low[j][j]
    return True


def consistent(group: Group) -> bool:
    """Whether a group's matrix is positive definite, as written and as the normal correlations
    that Iman–Conover imposes."""
    normal = [
        [1.0 if i == j else pearson_of_rank(v) for j, v in enumerate(row)]
        for i, row in enumerate(group.ranks)
    ]
    return positive_definite(group.ranks) and positive_definite(normal)


# --- Iman–Conover ---------------------------------------------------------------------------------


def normal_scores(n: int) -> np.ndarray:
    """Φ⁻¹(i/(n+1)), i = 1..n: van der Waerden scores (Acklam's rational approximation)."""
    import numpy as np

    p = np.arange(1, n + 1) / (n + 1)
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)  # fmt: skip
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)  # fmt: skip
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)  # fmt: skip
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)  # fmt: skip
    out = np.empty(n)
    lo = p < 0.02425
    hi = p > 1 - 0.02425
    mid = ~(lo | hi)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = (
        (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    )
    for mask, sign, tail in ((lo, 1.0, p[lo]), (hi, -1.0, 1 - p[hi])):
        t = np.sqrt(-2 * np.log(tail))
        out[mask] = sign * (
            (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5])
            / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
        )
    return out


def impose(
    values: dict[Path, np.ndarray], group: Group, rng: np.random.Generator
) -> dict[Path, np.ndarray]:
    """Reorder the draws of the group's inputs (in place) to carry its rank correlations; return
    each input's ranks after the reordering (0..n−1), from which Spearman's ρ is read directly."""
    import numpy as np

    k = len(group.inputs)
    n = len(values[group.inputs[0]])
    if n < 2:
        return {}
    scores = normal_scores(n)
    s = np.column_stack([rng.permutation(scores) for _ in range(k)])
    target = np.array(
        [[1.0 if i == j else pearson_of_rank(v) for j, v in enumerate(row)]
         for i, row in enumerate(group.ranks)]
    )  # fmt: skip
    p = np.linalg.cholesky(target)
    observed = np.corrcoef(s, rowvar=False)
    try:
        # remove the chance correlation of the permuted scores before imposing the target
        q = np.linalg.cholesky(observed)
        s = s @ np.linalg.inv(q).T
    except np.linalg.LinAlgError:
        pass  # fewer draws than inputs: the scores cannot be decorrelated; impose on them as they are
    t = s @ p.T
    ranks = {}
    positions = np.arange(n, dtype=float)
    for j, path in enumerate(group.inputs):
        order = np.argsort(t[:, j])
        arranged = np.empty(n)
        arranged[order] = np.sort(values[path])  # the smallest draw where t is smallest, …
        values[path] = arranged
        rank = np.empty(n)
        rank[order] = positions
        ranks[path] = rank
    return ranks


def rank_correlation(x_ranks: np.ndarray, y_ranks: np.ndarray) -> float:
    """Spearman's ρ from ranks: their Pearson correlation."""
    import numpy as np

    if len(x_ranks) < 2:
        return 0.0
    value = float(np.corrcoef(x_ranks, y_ranks)[0, 1])
    return value if math.isfinite(value) else 0.0


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (ties broken by order; draws of a continuous input rarely tie)."""
    import numpy as np

    if len(x) < 2:
        return 0.0
    rx = np.argsort(np.argsort(x, kind="stable"), kind="stable").astype(float)
    ry = np.argsort(np.argsort(y, kind="stable"), kind="stable").astype(float)
    value = float(np.corrcoef(rx, ry)[0, 1])
    return value if math.isfinite(value) else 0.0
