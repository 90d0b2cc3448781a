"""Validation: walks the loaded data against the field tables once, collects *every* located
problem, and builds the records."""

from __future__ import annotations

import difflib
from typing import Any

from gmvcli.errors import Problem, ScenarioError
from gmvcli.loader import Document, PathPart
from gmvcli.messages import Msg, did_you_mean, msg
from gmvcli.model.fields import BET_FIELDS, CORRELATION_FIELDS, EFFECT_FIELDS
from gmvcli.model.kinds import _ID, BOUNDS, KINDS, Distribution, Invalid, parse_distribution
from gmvcli.model.records import (
    Content,
    Correlation,
    Forecast,
    Merchant,
    PolicyDef,
    PolicyUse,
    Scenario,
    Shelf,
)
from gmvcli.model.sections import (
    BIG,
    KNOWN,
    NUMBERS,
    PLAIN_NUMBERS,
    REQUIRED,
    REQUIRED_CONTENT,
    REQUIRED_SHELF,
    SIMPLE,
    unknown_policies,
)
from gmvcli.numbers import NumberError, as_minutes, parse_number, quick_number
from gmvcli.plan import Bet, Effects
from gmvcli.rows import BUDGETS, CONTENT, SHELF, Budget


class _Validator:
    """Walks loaded data against the field tables, collecting every problem."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.uncertain: list[tuple[tuple[PathPart, ...], Distribution]] = []
        #: every policy a merchant uses: (path of the list item, id, written as a mapping)
        self.policy_uses: list[tuple[tuple[PathPart, ...], str, bool]] = []

    def fail(
        self, path: tuple[PathPart, ...], message: Msg, hint: Msg | None = None, **kw: Any
    ) -> None:
        self.problems.append(self.doc.problem(path, message, hint=hint, **kw))

    def section(
        self, value: object, path: tuple[PathPart, ...], name: str
    ) -> dict[str, Any] | None:
        """The section's values by key (converted), or None when it is not a mapping."""
        if not isinstance(value, dict):
            self.fail(path, msg("section.not_mapping"))
            return None
        known, plain, simple = KNOWN[name], PLAIN_NUMBERS[name], SIMPLE[name]
        out: dict[str, Any] = {}
        suggested: set[str] = set()
        for key, raw in value.items():
            bounds = plain.get(key)
            if bounds is not None:
                # the common case in one step: a number, or a number's plain text, within range
                kind = type(raw)
                if kind is str:
                    number = quick_number(raw)
                elif kind is float:
                    number = raw
                elif kind is int:
                    number = float(raw) if -BIG < raw < BIG else None
                else:
                    number = None
                if number is not None and bounds[0] <= number <= bounds[1]:
                    out[key] = number + 0.0
                    continue
            else:
                convert = simple.get(key)
                if convert is not None:  # a text, id, choice, count of periods or the version
                    try:
                        out[key] = convert(raw)
                        continue
                    except Invalid:
                        pass  # `value` below says why, where
            field = known.get(key)
            if field is None:
                match = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
                hint = did_you_mean(match, known)
                suggested.update(match)
                self.fail((*path, key), msg("key.unknown"), hint, key=True, got=None)
                continue
            if field.unit == "minutes":
                raw = as_minutes(raw)  # "4:30" → 4.5 (SPEC §2 durations)
            bounds = BOUNDS.get(field.kind)
            if bounds is not None and (
                (type(raw) is str and " " not in raw and raw.isprintable())  # not _spaced(raw)
                or type(raw) in NUMBERS
            ):
                # in one call: a number within its kind's valid range is what the kind's converter
                # returns; anything else goes through `value` (a spaced text may be "a to b")
                try:
                    number = parse_number(raw)
                except NumberError:
                    pass
                else:
                    if bounds[0] <= number <= bounds[1]:
                        out[key] = number
                        continue
            converted = self.value(raw, (*path, key), field.kind)
            if converted is not _BAD:
                out[key] = converted
        for required in REQUIRED[name]:
            # a misspelt required key is reported once, as the unknown key with its suggestion
            if required not in value and required not in suggested:
                problem = self.doc.problem(path, msg("key.missing", key=required), got=None)
                from gmvcli.loader import format_path

                self.problems.append(problem._replace(path=format_path((*path, required))))
        return out

    def value(self, raw: object, path: tuple[PathPart, ...], kind: str) -> Any:
        simple = KINDS.get(kind)
        if simple is not None:
            try:
                if kind in BOUNDS and (
                    isinstance(raw, dict) or (isinstance(raw, str) and _spaced(raw))
                ):
                    distribution = parse_distribution(raw, kind)
                    if distribution is not None:
                        value = simple[0](distribution.central())
                        self.uncertain.append((path, distribution))
                        return value
                return simple[0](raw)
            except Invalid as exc:
                self.fail(path, exc.message, exc.hint, got=None if isinstance(raw, dict) else ...)
                return _BAD
        return getattr(self, "_" + kind)(raw, path)

    # structured kinds

    def _budget(
        self,
        values: dict[str, Any],
        raw: object,
        path: tuple[PathPart, ...],
        names: Budget,
    ) -> bool:
        """A budget instead of a visitor count (SPEC §3): not both, and a cost per visitor > 0.
        Sets the visitor count from the budget; False when the section is unusable."""
        visitors, budget, cost = names
        given = raw if isinstance(raw, dict) else {}
        if budget not in given:
            return True
        if visitors in given:
            self.fail(
                (*path, budget),
                msg("budget.not_both", visitors=visitors, budget=budget),
                msg("hint.budget", visitors=visitors, budget=budget, cost=cost),
                key=True,
                got=None,
            )
            return False
        if budget not in values:
            return False  # its own problem is reported
        per_visitor = values.get(cost)
        if per_visitor is None or per_visitor <= 0:
            where = (*path, cost) if cost in given else (*path, budget)
            self.fail(
                where,
                msg("budget.cost", visitors=visitors, budget=budget, cost=cost),
                msg("hint.add_cost", cost=cost) if cost not in given else None,
                key=cost not in given,
                got=None if cost not in given else ...,
            )
            return False
        values[visitors] = values[budget] / per_visitor
        return True

    def _shelf(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "shelf")
        if values is None:
            return _BAD
        given = raw if isinstance(raw, dict) else {}
        counted = BUDGETS[SHELF]  # visitors, or a budget that buys them
        if counted.visitors not in given and counted.budget not in given:
            problem = self.doc.problem(
                path,
                msg("key.missing", key=counted.visitors),
                hint=msg("hint.or_budget"),
                got=None,
            )
            from gmvcli.loader import format_path

            self.problems.append(problem._replace(path=format_path((*path, counted.visitors))))
            return _BAD
        if not self._budget(values, raw, path, counted):
            return _BAD
        if not values.keys() >= REQUIRED_SHELF:
            return _BAD
        return Shelf(**values)

    def _content(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "content")
        if values is None:
            return _BAD
        if values.get("private_uv") is not None and values.get("fans") is not None:
            self.fail(
                (*path, "fans"),
                msg("content.private_and_fans"),
                key=True,
                got=None,
            )
        elif values.get("fans") is not None and values.get("reach_rate") is None:
            self.fail(
                (*path, "fans"),
                msg("content.fans_reach"),
                msg("hint.add_reach"),
                key=True,
                got=None,
            )
        if not self._budget(values, raw, path, BUDGETS[CONTENT]):
            return _BAD
        if not values.keys() >= REQUIRED_CONTENT:
            return _BAD
        conversion = values["watch_minutes"] * values["orders_per_minute"]
        if conversion > 1:  # SPEC §2: more orders than visitors is a unit mistake
            self.fail(
                (*path, "orders_per_minute"),
                msg("value.conversion_over", value=f"{conversion:.4g}"),
                msg("hint.conversion_units"),
            )
            return _BAD
        return Content(**values)

    def _forecast(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "forecast")
        return _BAD if values is None else Forecast(**values)

    def _bet(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "bet")
        if values is None or len(values) < len(BET_FIELDS):
            return _BAD
        return Bet(**values)

    def _effects(self, values: dict[str, Any]) -> Effects:
        return Effects(**{f.name: values[f.name] for f in EFFECT_FIELDS if f.name in values})

    def _policy_uses(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("policies.not_list"), msg("hint.policies_list"))
            return _BAD
        uses = []
        for i, item in enumerate(raw):
            where = (*path, i)
            if isinstance(item, str):
                uses.append(PolicyUse(item, Effects()))
                self.policy_uses.append((where, item, False))
                continue
            if not isinstance(item, dict):
                self.fail(where, msg("policies.item"))
                continue
            values = self.section(item, where, "policy_use")
            if values is not None and "use" in values:
                uses.append(PolicyUse(values["use"], self._effects(values)))
                self.policy_uses.append((where, values["use"], True))
        return tuple(uses)

    def _correlations(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        """The entries as written; their references are resolved once the file is read."""
        if not isinstance(raw, list):
            self.fail(path, msg("corr.not_list"))
            return _BAD
        entries = []
        for i, item in enumerate(raw):
            values = self.section(item, (*path, i), "correlation")
            if values is not None and len(values) == len(CORRELATION_FIELDS):
                entries.append((i, values["a"], values["b"], values["rank"]))
        return tuple(entries)

    def _policy_name(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if isinstance(raw, dict):
            zh, en = raw.get("zh"), raw.get("en")
            extra = set(raw) - {"zh", "en"}
            if extra or not isinstance(zh, str) or not isinstance(en, str):
                self.fail(path, msg("policy.name"))
                return _BAD
            if not zh.strip() or not en.strip():
                self.fail(path, msg("value.empty"))
                return _BAD
            return (zh, en)
        return self.value(raw, path, "text")

    def _roles(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("policy.roles"), msg("hint.roles"))
            return _BAD
        roles = [self.value(r, (*path, i), "role") for i, r in enumerate(raw)]
        return _BAD if _BAD in roles else tuple(roles)

    def _policy_defs(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, dict):
            self.fail(path, msg("policy.defs"))
            return _BAD
        defs = []
        for policy_id, body in raw.items():
            where = (*path, policy_id)
            if not _ID.fullmatch(policy_id):
                self.fail(where, msg("policy.id"), key=True, got=policy_id)
            values = self.section(body, where, "policy")
            if values is not None:
                defs.append(
                    (
                        policy_id,
                        PolicyDef(values.get("name"), values.get("roles"), self._effects(values)),
                    )
                )
        return tuple(defs)

    def _merchants(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("merchants.not_list"))
            return _BAD
        if not raw:
            self.fail(path, msg("merchants.empty"))
            return _BAD
        merchants = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            where = (*path, i)
            values = self.section(item, where, "merchant")
            if values is None:
                continue
            merchant_id = values.get("id")
            if merchant_id is not None:
                if merchant_id in seen:
                    self.fail(
                        (*where, "id"),
                        msg("merchant.duplicate", index=seen[merchant_id]),
                    )
                seen.setdefault(merchant_id, i)
            if "shelf" not in item and "content" not in item:
                self.fail(where, msg("merchant.no_model"), got=None)
            if "id" in values and "name" in values:
                merchants.append(Merchant(**values))
        return tuple(merchants)


def _spaced(text: str) -> bool:
    """Whether `text` holds whitespace (str.isspace), as a distribution "a to b" must: every
    whitespace character but the space is unprintable. Other texts skip the distribution check."""
    return " " in text or not text.isprintable()


class _Bad:
    def __repr__(self) -> str:
        return "<invalid>"


_BAD: Any = _Bad()


def parse_scenario(doc: Document) -> Scenario:
    """Validate a Document as a Scenario, raising ScenarioError with every located problem."""
    if not isinstance(doc.data, dict):
        kinds = {
            list: "kind.root_list",
            str: "kind.root_text",
            int: "kind.root_number",
            float: "kind.root_number",
        }
        code = "value.nothing" if doc.data is None else kinds.get(type(doc.data))
        kind: str | Msg = msg(code) if code else type(doc.data).__name__
        raise ScenarioError([doc.problem((), msg("scenario.not_mapping"), got=kind)])
    if "tests" in doc.data and "merchants" not in doc.data:
        # a scenario test given where a scenario is expected (SPEC §9)
        problem = doc.problem((), msg("scenario.is_test", file=doc.file), got=None)
        raise ScenarioError([problem])
    validator = _Validator(doc)
    values = validator.section(doc.data, (), "scenario")
    problems = validator.problems + unknown_policies(doc, validator.policy_uses)
    correlations: tuple[Correlation, ...] = ()
    if values is not None and values.get("correlations"):
        from gmvcli.correlations import resolve

        correlations, found = resolve(
            doc, values.pop("correlations"), validator.uncertain, problems
        )
        problems += found
    elif values is not None:
        values.pop("correlations", None)
    if not problems and values is not None:
        return Scenario(**values, uncertain=tuple(validator.uncertain), correlations=correlations)
    # in the order of the file; problems from --set (no line) last
    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    raise ScenarioError(problems)
