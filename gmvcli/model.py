"""The scenario file of SPEC §3 as pydantic models, and its validation into located problems.

Numbers go through `numbers.parse_number` so that "2.5%", "15万" and 150000 are all accepted. Errors
from pydantic are turned into `Problem`s located with the YAML node tree of the `Document`.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from gmvcli.errors import Problem, ScenarioError, shown
from gmvcli.loader import Document, PathPart, format_path
from gmvcli.numbers import NumberError, parse_number

Role = Literal["factory", "brand", "streamer", "service_provider"]
ROLES: tuple[str, ...] = typing.get_args(Role)
PERIOD_LABELS = ("day", "week", "month", "quarter", "year")
MAX_PERIODS = 600


def _number(value: object) -> float:
    try:
        return parse_number(value)
    except NumberError as exc:
        raise PydanticCustomError("gmv", exc.message, {"hint": exc.hint or ""}) from None


def _rate(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        hint = f"write {shown(value)}% for a percentage" if 1 < number <= 100 else ""
        raise PydanticCustomError("gmv", "must be between 0 and 1", {"hint": hint})
    return number


def _non_negative(value: object) -> float:
    number = _number(value)
    if number < 0:
        raise PydanticCustomError("gmv", "must be 0 or more", {"hint": ""})
    return number


def _positive(value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise PydanticCustomError("gmv", "must be more than 0", {"hint": ""})
    return number


def _growth(value: object) -> float:
    number = _number(value)
    if not -1 <= number <= 1:
        raise PydanticCustomError(
            "gmv", "must be between -100% and 100% per period", {"hint": "write 4% for 4% a period"}
        )
    return number


def _periods(value: object) -> int:
    number = _number(value)
    if number != int(number) or not 1 <= number <= MAX_PERIODS:
        raise PydanticCustomError(
            "gmv", f"must be a whole number of periods from 1 to {MAX_PERIODS}", {"hint": ""}
        )
    return int(number)


def _text(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("gmv", "must not be empty", {"hint": ""})
    return value


Rate = Annotated[float, BeforeValidator(_rate), Field(json_schema_extra={"unit": "share 0..1"})]
Count = Annotated[float, BeforeValidator(_non_negative)]
Money = Annotated[float, BeforeValidator(_non_negative)]
Positive = Annotated[float, BeforeValidator(_positive)]
Growth = Annotated[float, BeforeValidator(_growth)]
Periods = Annotated[int, BeforeValidator(_periods)]
Text = Annotated[str, BeforeValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Shelf(_Strict):
    """Shelf-style selling (货架电商): bought traffic converted at a conversion rate."""

    uv: Count
    conversion_rate: Rate
    aov: Positive
    repurchase_frequency: Positive = 1.0
    traffic_cost_per_uv: Money = 0.0
    commission_rate: Rate = 0.0
    discount_rate: Rate = 0.0
    refund_rate: Rate = 0.0


class Content(_Strict):
    """Content + private domain (内容+私域): followers and paid public visitors watching a host."""

    private_uv: Count | None = None
    fans: Count | None = None
    reach_rate: Rate | None = None
    public_uv: Count = 0.0
    watch_minutes: Positive
    orders_per_minute: Rate
    aov: Positive
    repurchase_frequency: Positive = 1.0
    public_cost_per_uv: Money = 0.0
    commission_rate: Rate = 0.0
    discount_rate: Rate = 0.0
    refund_rate: Rate = 0.0
    content_cost: Money = 0.0


class Forecast(_Strict):
    """Dynamics of SPEC §5; every key optional so that merchant keys can override file keys."""

    periods: Periods = 12
    follow_rate: Rate = 0.0
    fan_churn_rate: Rate = 0.0
    shelf_traffic_cost_growth: Growth = 0.0
    public_cost_growth: Growth = 0.0


class Bet(_Strict):
    """对赌: reach `gmv_target` in a period and the next period gets `public_uv_bonus` free visitors."""

    gmv_target: Money
    public_uv_bonus: Count


class Effects(_Strict):
    """The effects of a bonus-plan policy (SPEC §6); all optional."""

    commission_rate: Rate | None = None
    commission_discount: Rate | None = None
    public_uv_bonus: Count | None = None
    rebate_rate: Rate | None = None
    rebate_base: Literal["traffic", "gmv"] | None = None
    bet: Bet | None = None
    periods: Periods | None = None


class LocalName(_Strict):
    zh: Text
    en: Text


class PolicyDef(Effects):
    """A custom policy from the file's top-level `policies:` mapping."""

    name: Text | LocalName | None = None
    roles: list[Role] | None = None


def _policy_use(value: object) -> object:
    return {"use": value} if isinstance(value, str) else value


class PolicyUse(Effects):
    """A merchant's use of a policy, by id, with optional effect overrides."""

    use: Text


class Merchant(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$", max_length=64)]
    name: Text
    role: Role | None = None
    cogs_rate: Rate = 0.0
    policies: list[Annotated[PolicyUse, BeforeValidator(_policy_use)]] = []
    shelf: Shelf | None = None
    content: Content | None = None
    forecast: Forecast | None = None


def _version(value: object) -> int:
    try:
        number = parse_number(value)
    except NumberError:
        number = -1.0
    if number != 1:
        raise PydanticCustomError(
            "gmv", "unsupported format version; this gmvcli reads version 1", {"hint": ""}
        )
    return 1


class Scenario(_Strict):
    gmvcli: Annotated[int, BeforeValidator(_version)] = 1
    name: Text
    currency: Text = "CNY"
    period: Literal["day", "week", "month", "quarter", "year"] = "month"
    forecast: Forecast | None = None
    policies: dict[str, PolicyDef] = {}
    merchants: Annotated[list[Merchant], Field(min_length=1)]


# --- validation: pydantic errors → located problems -------------------------------------------


def parse_scenario(doc: Document) -> Scenario:
    """Validate a Document as a Scenario, raising ScenarioError with every located problem."""
    if not isinstance(doc.data, dict):
        kind = "nothing" if doc.data is None else type(doc.data).__name__
        raise ScenarioError(
            [
                doc.problem(
                    (), "a scenario file must be a mapping of keys (name:, merchants: …)", got=kind
                )
            ]
        )
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(_problems(doc, exc)) from None
    problems = check_scenario(doc, scenario)
    if problems:
        raise ScenarioError(problems)
    return scenario


def check_scenario(doc: Document, scenario: Scenario) -> list[Problem]:
    """Rules that span several fields: unique ids, one model at least, private-domain visitors."""
    from gmvcli.policies import unknown_policy_problems

    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, merchant in enumerate(scenario.merchants):
        where: tuple[PathPart, ...] = ("merchants", i)
        if merchant.id in seen:
            problems.append(
                doc.problem(
                    (*where, "id"),
                    f"duplicate merchant id (also merchants[{seen[merchant.id]}])",
                )
            )
        seen.setdefault(merchant.id, i)
        if merchant.shelf is None and merchant.content is None:
            problems.append(
                doc.problem(
                    where, "a merchant needs a shelf: or a content: section (or both)", got=None
                )
            )
        content = merchant.content
        if content is not None:
            if content.private_uv is not None and content.fans is not None:
                problems.append(
                    doc.problem(
                        (*where, "content", "fans"),
                        "give private_uv or fans (with reach_rate), not both",
                        key=True,
                        got=None,
                    )
                )
            elif content.fans is not None and content.reach_rate is None:
                problems.append(
                    doc.problem(
                        (*where, "content", "fans"),
                        "fans needs reach_rate (the share of fans who watch in a period)",
                        key=True,
                        got=None,
                        hint="add reach_rate: 20%",
                    )
                )
    problems.extend(unknown_policy_problems(doc, scenario))
    return problems


_MESSAGES = {
    "missing": "missing required key",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "list_type": "must be a list",
    "string_type": "must be text (put it in quotes)",
    "too_short": "must not be empty",
    "string_too_long": "is too long",
    "string_pattern_mismatch": "must be lowercase letters, digits, _ or - ([a-z0-9_-]+)",
}


def _problems(doc: Document, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        path = tuple(p for p in err["loc"] if not _is_union_tag(p))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind == "gmv":
            problem = doc.problem(path, str(err["msg"]), hint=ctx.get("hint") or None)
        elif kind == "missing":
            problem = doc.problem(path[:-1], f"missing required key '{path[-1]}'", got=None)
            problem = dataclasses.replace(problem, path=format_path(path))
        elif kind == "extra_forbidden":
            known = _known_keys(path[:-1])
            match = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
            hint = f"did you mean '{match[0]}'?" if match else "known keys: " + ", ".join(known)
            problem = doc.problem(path, "unknown key", key=True, got=None, hint=hint)
        elif kind in ("literal_error", "enum"):
            expected = str(ctx.get("expected", "")).replace("'", "")
            problem = doc.problem(path, f"must be one of {expected}")
        else:
            problem = doc.problem(path, _MESSAGES.get(kind, str(err["msg"]).lower()))
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems


def _is_union_tag(part: PathPart) -> bool:
    """pydantic names the union member it tried in `loc` ('str', 'LocalName'); it is not a key."""
    return isinstance(part, str) and (part in _UNION_TAGS or "[" in part)


_UNION_TAGS = {"str", "int", "float", "LocalName", "PolicyDef", "PolicyUse"}


def _known_keys(path: tuple[PathPart, ...]) -> list[str]:
    """The field names of the model found at `path` inside a Scenario."""
    annotation: Any = Scenario
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            annotation = typing.get_args(annotation)[0] if typing.get_args(annotation) else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else Any
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional; of a union of models, keep the model."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else members[0]
        else:
            return annotation
