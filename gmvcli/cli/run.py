"""Reading the inputs of a command: files, directories and stdin, with --set, --policies and
--merchant applied; each input's problems reported, located, in the run's language."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from gmvcli.cli.exits import MAX_SHOWN_PROBLEMS, err, usage
from gmvcli.errors import Problem, ScenarioError, UsageError, safe_text
from gmvcli.i18n import message
from gmvcli.messages import msg


class Run:
    """One command over many inputs: evaluates each, collects results and problems."""

    def __init__(
        self,
        sets: Sequence[str],
        merchants: Sequence[str],
        lang: str,
        policies: str | None = None,
    ) -> None:
        from gmvcli.inputs import parse_override

        self.policies = policies

        try:
            self.overrides = [parse_override(s) for s in sets]
        except UsageError as exc:
            usage(exc)
        self.merchants = set(merchants)
        self.lang = lang
        self.failed = 0
        self.problems: list[Problem] = []  # what failed, for commands that print it as JSON
        self.used_sets: set[str] = set()
        self.matched_merchants: set[str] = set()
        self.seen_merchants: dict[str, None] = {}
        self.last_input = "-"  # the name of the input read last (an unknown --merchant's file)

    def documents(self, paths: Sequence[str]) -> Any:
        """Yield (name, parsed Scenario, Document) or (name, None, Problem)."""
        from gmvcli.inputs import apply_overrides, expand
        from gmvcli.loader import load_bytes
        from gmvcli.model import parse_scenario

        for source in expand(paths):
            self.last_input = source.name
            if source.note is not None:
                err(source.note.text(self.lang))
                continue
            if source.problem is not None or source.data is None:
                problem = source.problem or Problem(source.name, msg("cli.cannot_read"))
                yield source.name, None, [problem]
                continue
            try:
                doc = load_bytes(source.data, source.name)
                doc, used = apply_overrides(doc, self.overrides)
                self.used_sets |= used
                if self.policies is not None:
                    from gmvcli.inputs import apply_policies, parse_policies

                    doc = apply_policies(
                        doc, parse_policies(self.policies), f"--policies {self.policies}"
                    )
                scenario = parse_scenario(doc)
            except ScenarioError as exc:
                yield source.name, None, exc.problems
                continue
            self.seen_merchants.update(dict.fromkeys(m.id for m in scenario.merchants))
            if self.merchants:
                from gmvcli.model import only_merchants

                kept = [m for m in scenario.merchants if m.id in self.merchants]
                self.matched_merchants |= {m.id for m in kept}
                if not kept:
                    continue  # nothing of this input is wanted: print nothing for it
                # only_merchants also moves the distributions and correlations of those kept
                scenario = only_merchants(scenario, self.merchants)
            yield source.name, scenario, doc

    def scenarios(self, paths: Sequence[str]) -> Iterator[tuple[str, Any]]:
        """Yield (name, parsed Scenario) of every valid input; an invalid one is reported."""
        for name, scenario, doc_or_problems in self.documents(paths):
            if scenario is None:
                self.report(doc_or_problems)
            else:
                yield name, scenario

    def report(self, problems: Sequence[Problem]) -> None:
        self.failed += 1
        self.problems.extend(problems[:1])
        for p in problems[:MAX_SHOWN_PROBLEMS]:
            err(p.text(self.lang))
        if len(problems) > MAX_SHOWN_PROBLEMS:
            more = len(problems) - MAX_SHOWN_PROBLEMS
            file = safe_text(problems[0].file)
            err(message("cli.more_problems", self.lang, file=file, count=f"{more:,}"))

    def warn(self, file: str, merchant_id: str, notices: Sequence[Any]) -> None:
        if not notices:
            return
        from gmvcli.render.words import notice_text

        for n in notices:
            err(f"{safe_text(file)}: {merchant_id}: {notice_text(n, self.lang)}")

    def finish_checks(self) -> None:
        unused = [o.arg for o in self.overrides if o.merchant and o.arg not in self.used_sets]
        if unused:
            usage(msg("set.unused", arg=unused[0]))
        missing = sorted(self.merchants - self.matched_merchants)
        if missing:
            ids = ", " if self.lang != "zh" else "、"
            text = message(
                "cli.no_merchant",
                self.lang,
                id=safe_text(missing[0]),
                ids=ids.join(self.seen_merchants) or "—",
            )
            err(message("cli.error", self.lang, text=text))
            self.failed += 1
            ids = ", ".join(self.seen_merchants) or "—"
            found = msg("cli.no_merchant", id=missing[0], ids=ids)
            self.problems.append(Problem(self.last_input, found))  # for a JSON error object


def single_input(paths: Sequence[str]) -> bool:
    return paths == ["-"] or (len(paths) == 1 and not os.path.isdir(paths[0]))


def one_scenario(
    path: str,
    sets: Sequence[str] | None,
    merchants: Sequence[str] | None,
    lang: str,
    failures: list[Problem] | None = None,
) -> tuple[Run, str, Any] | None:
    """The scenario of a command that reads one FILE (or -), with --set and --merchant applied;
    None (its problems reported, and the first added to `failures`) when it is invalid."""
    run = Run(sets or [], merchants or [], lang)
    found = None
    for name, scenario in run.scenarios([path]):
        found = (run, name, scenario)
    run.finish_checks()
    if failures is not None:
        failures.extend(run.problems)
    return None if run.failed else found


def json_failure(
    fmt: str, file: str, error: dict[str, Any], lang: str, output: str | None = None
) -> None:
    """A run that failed, in json/jsonl: `{"file", "error": {...}}` on stdout, as compare prints
    an input that failed (SPEC §7); other formats print nothing (the error is on stderr). With -o,
    as compare: nothing is written (the target is left as it was) and stderr says so."""
    if fmt not in ("json", "jsonl"):
        return
    from gmvcli.cli.output import json_text, write

    obj = {"file": file, "error": error}
    write(json_text(obj, fmt, output), output, output is None, lang, 1)


def problem_failure(o: Any, problems: Sequence[Problem]) -> None:
    """`json_failure` of the first of `problems` (none: nothing), with `o`'s format and -o."""
    for p in problems[:1]:
        json_failure(o.fmt, p.file, p.as_json(), o.lang, o.output)


def prepare(
    o: Any,
    path: str,
    *,
    periods: int | None = None,
    check: Callable[[], None] | None = None,
) -> tuple[Run, str, Any] | None:
    """The prologue of a command that reads one FILE: what its options `o` (common.Opts) would
    write refused before any work (`o.check`), then the command's own `check`, then the scenario
    with --set and --merchant (as one_scenario reads it); None, the problems reported (and the
    first as a JSON error object in json/jsonl), when it is invalid or `periods` cannot forecast
    a merchant."""
    o.check([path])
    if check is not None:
        check()
    failures: list[Problem] = []
    found = one_scenario(path, o.sets, o.merchants, o.lang, failures)
    if found is not None and periods is not None:
        failures = unforecastable(found[1], found[2], o.lang)
    if found is None or failures:
        problem_failure(o, failures)
        return None
    return found


def parse_percentiles(text: str) -> list[tuple[str, float]]:
    from gmvcli.cli.language import given

    if given("--percentiles") > 1:  # Click would keep the last one without a word
        usage(msg("percentiles.repeated"))
    out = []
    for part in text.split(","):
        part = part.strip()
        try:
            value = float(part)
        except ValueError:
            usage(msg("percentiles.not_number", text=text, part=part))
        if not 0 <= value <= 100:
            usage(msg("percentiles.range", text=text, part=part))
        out.append((f"p{part}", value))
    if not out:
        usage(msg("percentiles.empty"))
    return out


def unforecastable(file: str, scenario: Any, lang: str) -> list[Problem]:
    """Report (and return) the merchants that --periods cannot forecast (SPEC §5)."""
    from gmvcli.forecast import NO_REACH, NO_REACH_HINT, cannot_forecast

    bad = [i for i, m in enumerate(scenario.merchants) if cannot_forecast(m)]
    problems = []
    for i in bad:
        problem = Problem(file, NO_REACH, path=f"merchants[{i}].content", hint=NO_REACH_HINT)
        err(problem.text(lang))
        problems.append(problem)
    return problems
