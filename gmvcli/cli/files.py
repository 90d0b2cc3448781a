"""Commands about the files themselves: `validate`, `explain`, `policies`, `schema`, `init`."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Annotated

import typer

from gmvcli.cli.common import (
    DebugOpt,
    Format,
    FormatOpt,
    LangOpt,
    MerchantOpt,
    OutputOpt,
    PathArg,
    Paths,
    Run,
    SetOpt,
    app,
    check_output,
    choice,
    emit,
    err,
    guard,
    json_text,
    language_of,
    write,
)
from gmvcli.errors import safe_text
from gmvcli.i18n import message


@app.command()
def validate(
    paths: Paths,
    fmt: FormatOpt = Format.text,
    sets: SetOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check scenario files: silent (exit 0) when valid, every problem located otherwise (exit 1)."""
    language = language_of(lang)

    def body() -> int:
        from gmvcli.cli.common import single_input

        run = Run(sets or [], [], language)
        reports: list[dict[str, object]] = []  # one per file, for --format json
        for name, scenario, doc_or_problems in run.documents(paths):
            if scenario is None:
                if fmt == Format.text:
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
                err(message(code, language, file=safe_text(name), count=len(warnings)))
            reports.append({"file": name, "valid": True, "errors": [], "warnings": warnings})
        run.finish_checks()
        if fmt == Format.json:  # one object for one file, an array for several (like compare)
            data = reports[0] if single_input(paths) and len(reports) == 1 else reports
            write(json_text(data, Format.json, None), None, True, language, 0)
        return 1 if run.failed else 0

    guard(debug, language, body)


class Model(StrEnum):
    shelf = "shelf"
    content = "content"


@app.command()
def explain(
    path: PathArg,
    merchant: MerchantOpt = None,
    model: Annotated[Model | None, typer.Option("--model", parser=choice(Model))] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show each row of the calculation with its formula and the numbers put into it."""
    language = language_of(lang)

    def body() -> int:
        check_output(output, [path], language)
        run = Run(sets or [], merchant or [], language)
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

    guard(debug, language, body)


class Role(StrEnum):
    factory = "factory"
    brand = "brand"
    streamer = "streamer"
    service_provider = "service_provider"


@app.command()
def policies(
    role: Annotated[Role | None, typer.Option("--role", parser=choice(Role))] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List the built-in bonus-plan policies (商家全周期红利计划) with their effects."""
    language = language_of(lang)

    def body() -> int:
        check_output(output, (), language)
        from gmvcli.policies import BUILTIN
        from gmvcli.render import policies as rpolicies

        chosen = [p for p in BUILTIN if role is None or role.value in p.roles]
        return emit(
            fmt,
            output,
            language,
            json=lambda: rpolicies.policies_data(chosen),
            csv=lambda: rpolicies.render_csv(chosen),
            markdown=lambda: rpolicies.render_markdown(chosen, language),
            table=lambda width, color: rpolicies.render_table(
                chosen, language, width, color, role.value if role else None
            ),
        )

    guard(debug, language, body)


@app.command()
def schema(
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print the JSON Schema of scenario files (for editors: yaml-language-server)."""
    language = language_of(lang)

    def body() -> int:
        check_output(output, (), language)
        from gmvcli.schema import schema_text

        write(schema_text(), output, True, language, 0)
        return 0

    guard(debug, language, body)


@app.command()
def init(
    role: Annotated[Role, typer.Option("--role", parser=choice(Role))] = Role.factory,
    output: OutputOpt = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write a commented starter scenario (zh + en) for a role, to -o FILE or stdout."""
    language = language_of(lang)

    def body() -> int:
        from gmvcli.starters import starter

        text = starter(role.value)
        if output is not None:
            check_output(output, (), language)
            if os.path.isfile(output) and not force:  # a device or FIFO is written, as by a shell
                err(message("init_exists", language, file=safe_text(output)))
                return 1
            write(text, output, True, language, 0)
            if os.path.isfile(output):  # a device, FIFO or /dev/stdout is no file to validate next
                err(message("init_written", language, file=safe_text(output)))
            return 0
        write(text, None, True, language, 0)
        return 0

    guard(debug, language, body)
