"""Commands about the files themselves: `validate`, `explain`, `policies`, `schema`, `init`."""

from __future__ import annotations

import os
from enum import StrEnum
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
    json_text,
    single_input,
    write,
)
from gmvcli.errors import safe_text
from gmvcli.i18n import message


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
        for m in scenario.merchants:
            notices = merchant_policies(m, table)[1]
            run.warn(name, m.id, notices)
            warnings += [
                {
                    "merchant": m.id,
                    "code": n.key,
                    "message": message(n.key, "en", **dict(n.params)),
                }
                for n in notices
            ]
        if warnings:  # real warnings (SPEC §2, §6), but the file is valid: say which it is
            code = "validate.valid_warning" if len(warnings) == 1 else "validate.valid_warnings"
            err(message(code, o.lang, file=safe_text(name), count=len(warnings)))
        reports.append({"file": name, "valid": True, "errors": [], "warnings": warnings})
    run.finish_checks()
    if o.fmt == Format.json:  # one object for one file, an array for several (like compare)
        data = reports[0] if single_input(paths) and len(reports) == 1 else reports
        write(json_text(data, Format.json, None), None, True, o.lang, 0)
    return 1 if run.failed else 0


class Model(StrEnum):
    shelf = "shelf"
    content = "content"


@command("merchant", "model", "fmt", "output", "sets")
def explain(
    o: Opts,
    path: PathArg,
    model: Annotated[Model | None, typer.Option("--model", parser=choice(Model))] = None,
) -> int:
    """Show each row of the calculation with its formula and the numbers put into it."""
    fmt, output, language = o.fmt, o.output, o.lang
    o.check([path])
    run = Run(o.sets, o.merchants, language)
    from gmvcli.explain import explain_scenario
    from gmvcli.render import explain as rexplain

    text = ""
    for name, scenario in run.scenarios([path]):
        merchants = explain_scenario(scenario, model.value if model else None)
        if fmt in (Format.json, Format.jsonl):
            data = rexplain.explain_data(name, scenario.name, merchants)
            if scenario.correlations:  # SPEC §8: shown where the inputs are explained
                from gmvcli.render.correlations import correlations_data

                data["correlations"] = correlations_data(scenario.correlations)
            text = json_text(data, fmt, output)
        elif fmt == Format.csv:
            text = rexplain.render_csv(name, merchants)
        else:
            markdown = fmt == Format.markdown
            render = rexplain.render_markdown if markdown else rexplain.render_text
            text = render(scenario.name, merchants, language, scenario.currency)
            if scenario.correlations:
                from gmvcli.render.correlations import explain_lines

                text += explain_lines(scenario.correlations, language, markdown=markdown)
    run.finish_checks()
    code = 1 if run.failed else 0
    write(text, output, code == 0, language, run.failed)
    return code


class Role(StrEnum):
    factory = "factory"
    brand = "brand"
    streamer = "streamer"
    service_provider = "service_provider"


@command("fmt", "output")
def policies(
    o: Opts,
    role: Annotated[Role | None, typer.Option("--role", parser=choice(Role))] = None,
) -> int:
    """List the built-in bonus-plan policies (商家全周期红利计划) with their effects."""
    o.check()
    from gmvcli.policies import BUILTIN
    from gmvcli.render import policies as rpolicies

    language = o.lang
    chosen = [p for p in BUILTIN if role is None or role.value in p.roles]
    return emit(
        o.fmt,
        o.output,
        language,
        json=lambda: rpolicies.policies_data(chosen),
        csv=lambda: rpolicies.render_csv(chosen),
        markdown=lambda: rpolicies.render_markdown(chosen, language),
        table=lambda width, color: rpolicies.render_table(
            chosen, language, width, color, role.value if role else None
        ),
    )


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
