"""Commands about the files themselves: `validate`, `explain`, `policies`, `schema`, `init`."""

from __future__ import annotations

import os
from enum import StrEnum
from types import SimpleNamespace
from typing import Annotated

import typer

from gmvcli.cli.common import (
    Format,
    Opts,
    PathArg,
    Paths,
    Run,
    choice,
    command,
    emit,
    err,
    single_input,
    write,
)
from gmvcli.cli.run import problem_failure
from gmvcli.errors import safe_text
from gmvcli.i18n import message
from gmvcli.messages import msg


class Model(StrEnum):
    """explain --model: one model's rows only."""

    shelf = "shelf"
    content = "content"


class Role(StrEnum):
    factory = "factory"
    brand = "brand"
    streamer = "streamer"
    service_provider = "service_provider"


@command("fmt", "sets")
def validate(o: Opts, paths: Paths) -> int:
    """Check scenario files: silent (exit 0) when valid, every problem located otherwise (exit 1)."""
    run = Run(o.sets, [], o.lang)
    reports: list[dict[str, object]] = []  # one per file, for --format json
    for name, scenario, doc_or_problems in run.documents(paths):
        if scenario is None:
            if o.fmt == Format.text:
                run.report(doc_or_problems)
            else:
                run.failed += 1
            errors = [p.as_json() for p in doc_or_problems]
            reports.append({"file": name, "valid": False, "errors": errors, "warnings": []})
            continue
        from gmvcli.policies import merchant_policies, policy_table

        table = policy_table(scenario)
        warnings = []
        for i, m in enumerate(scenario.merchants):
            notices = merchant_policies(m, table)[1]
            run.warn(name, m.id, notices)
            for n in notices:  # located as errors are: {code, message, line, column, path}
                said = msg(n.key, **dict(n.params))
                at = doc_or_problems.problem(("merchants", i, *n.at), said, got=None)
                warnings.append({"merchant": m.id, **at.as_json()})
        if warnings:  # real warnings (SPEC §2, §6), but the file is valid: say which it is
            code = "validate.valid_warning" if len(warnings) == 1 else "validate.valid_warnings"
            err(message(code, o.lang, file=safe_text(name), count=len(warnings)))
        reports.append({"file": name, "valid": True, "errors": [], "warnings": warnings})
    run.finish_checks()
    # one object for one file, an array for several (like compare); text: the problems are on stderr
    emit(o, reports[0] if single_input(paths) and len(reports) == 1 else reports)
    return 1 if run.failed else 0


@command("merchant", "model", "fmt", "output", "sets")
def explain(
    o: Opts,
    path: PathArg,
    model: Annotated[Model | None, typer.Option("--model", parser=choice(Model))] = None,
) -> int:
    """Show each row of the calculation with its formula and the numbers put into it."""
    o.check([path])
    run = Run(o.sets, o.merchants, o.lang)
    from gmvcli.explain import explain_scenario

    made: SimpleNamespace | None = None
    for name, scenario in run.scenarios([path]):
        merchants = explain_scenario(scenario, model.value if model else None)
        made = SimpleNamespace(name=name, scenario=scenario, merchants=merchants)
    run.finish_checks()
    if made is None:
        problem_failure(o, run.problems)
    return emit(o, made, not run.failed, run.failed)


@command("fmt", "output")
def policies(
    o: Opts,
    role: Annotated[Role | None, typer.Option("--role", parser=choice(Role))] = None,
) -> int:
    """List the built-in bonus-plan policies (商家全周期红利计划) with their effects."""
    o.check()
    from gmvcli.policies import BUILTIN

    chosen = [p for p in BUILTIN if role is None or role.value in p.roles]
    return emit(o, SimpleNamespace(chosen=chosen, role=role.value if role else None))


@command("output")
def schema(o: Opts) -> int:
    """Print the JSON Schema of scenario files (for editors: yaml-language-server)."""
    o.check()
    from gmvcli.schema import schema_text

    write(schema_text(), o.output, True, o.lang, 0)
    return 0


@command("role", "output", "force")
def init(
    o: Opts,
    role: Annotated[Role, typer.Option("--role", parser=choice(Role))] = Role.factory,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> int:
    """Write a commented starter scenario (zh + en) for a role, to -o FILE or stdout."""
    from gmvcli.starters import starter

    output, language = o.output, o.lang
    text = starter(role.value)
    if output is not None:
        o.check()
        if os.path.isfile(output) and not force:  # a device or FIFO is written, as by a shell
            err(message("init_exists", language, file=safe_text(output)))
            return 1
        write(text, output, True, language, 0)
        if os.path.isfile(output):  # a device, FIFO or /dev/stdout is no file to validate next
            err(message("init_written", language, file=safe_text(output)))
        return 0
    write(text, None, True, language, 0)
    return 0
