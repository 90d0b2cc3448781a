"""The language of a run, and the command line spoken in it: help pages and Click's own messages
come from the catalogue like every other text (SPEC §7).

The language is chosen once, before Click parses anything: `--lang X` anywhere on the command line
(before or after the command), else `GMVCLI_LANG`, else LC_ALL, else LANG. The Click commands are
then given the help of that language, and a usage error Click raises (a missing argument, an unknown
option, a bad value) is worded from the catalogue by its kind, never shown in English under zh.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, cast

import typer
from typer import _click
from typer.core import TyperGroup

from gmvcli.errors import safe_text
from gmvcli.i18n import LANGS, default_lang, label, message
from gmvcli.messages import CATALOGUE

#: the language of this run (the last one set); commands read it through `run_lang()`
_RUN_LANG: list[str] = []


def run_lang() -> str:
    return _RUN_LANG[-1] if _RUN_LANG else default_lang()


#: the command line of this run, as given (Click keeps only the last of a repeated option)
_RUN_ARGS: list[list[str]] = []


def given(option: str) -> int:
    """How many times `option` is on this run's command line (before a `--`)."""
    args = _RUN_ARGS[-1] if _RUN_ARGS else []
    if "--" in args:
        args = args[: args.index("--")]
    short = len(option) == 2  # -m: also -mVALUE
    return sum(
        a == option or a.startswith(option + "=") or (short and a.startswith(option)) for a in args
    )


def detect(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """--lang on the command line (the last one, before a `--`), else GMVCLI_LANG, LC_ALL, LANG."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    if chosen in LANGS:
        return chosen
    env = os.environ if environ is None else environ
    wanted = env.get("GMVCLI_LANG", "").strip().lower()
    if wanted in LANGS:
        return wanted
    return default_lang(env)


def completing() -> bool:
    """Whether this run answers the shell's completion (Typer's `_GMVCLI_COMPLETE`)."""
    return any(k.startswith("_GMVCLI_COMPLETE") for k in os.environ)


# --- help ----------------------------------------------------------------------------------------


def _help(key: str, lang: str) -> str | None:
    """A help text of the catalogue, its brackets escaped: Typer reads help as rich markup, where
    `gmvcli[plot]` would lose its `[plot]`."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return None
    return (entry[1] if lang == "zh" else entry[0]).replace("[", "\\[")


def param_help_key(command: str, param: str) -> str:
    """The catalogue code of a parameter's help: its own (`help.compare.paths`), else the shared
    one of options many commands have (`help.opt.format`)."""
    own = f"help.{command}.{param}"
    return own if own in CATALOGUE else f"help.opt.{param}"


def localise(group: TyperGroup, lang: str, formats: Mapping[str, Sequence[str]]) -> None:
    """Give the command tree the help of `lang`: every command, argument and option; --format
    shows the formats of its command (`formats`, the output registry)."""
    group.help = _help("help.app", lang)
    group.context_class = _context_class(lang)
    group.options_metavar = label("cli.help.options_metavar", lang)
    group.subcommand_metavar = label("cli.help.command_metavar", lang)
    _params(group, "", lang)
    for name, command in group.commands.items():
        command.context_class = group.context_class
        command.options_metavar = group.options_metavar
        command.help = _help(f"help.{name}", lang)
        command.short_help = _help(f"help.{name}.short", lang)
        command.epilog = _help(f"help.{name}.examples", lang)
        _params(command, name, lang)
        fmt = next((p for p in command.params if p.name == "fmt"), None)
        if fmt is not None and name in formats:
            fmt.metavar = "|".join(formats[name])


def _params(command: _click.Command, name: str, lang: str) -> None:
    """The help and metavar of each parameter of `command` (of the root group when name is "")."""
    helper = command.get_help_option(_click.Context(command))
    params = [*command.params, *([helper] if helper is not None else [])]
    for param in params:
        if param.name is None:
            continue
        key = param_help_key(name, param.name) if name else f"help.opt.{param.name}"
        cast(Any, param).help = _help(key, lang)
        metavar = CATALOGUE.get(key + ".metavar") or CATALOGUE.get(f"help.opt.{param.name}.metavar")
        if metavar is not None:
            param.metavar = metavar[1] if lang == "zh" else metavar[0]
        if _is_argument(param) or getattr(param, "is_flag", False):
            # an argument shows its metavar as its name, a flag takes no value: no type column
            # ("<list[str]>", "<bool>") beside them
            cast(Any, param).display_type_rich = _no_type


def _no_type(ctx: _click.Context) -> None:
    return None


def _rich_words(lang: str) -> None:
    """Typer's own headings of a help page, in `lang`."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = label("cli.help.arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = label("cli.help.options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = label("cli.help.commands", lang)
    rich_utils.REQUIRED_LONG_STRING = label("cli.help.required", lang)
    rich_utils.DEFAULT_STRING = label("cli.help.default", lang)
    rich_utils.ABORTED_TEXT = label("cli.interrupted", lang)
    rich_utils.Columns = _help_cell  # type: ignore[attr-defined,assignment]
    # help pages break lines as tables do: Chinese by the kinsoku rule, a long metavar after a `|`
    from gmvcli.render.kinsoku import install

    install()


def _help_cell(items: list[Any]) -> Any:
    """An option's help as one text that wraps anywhere: Typer puts the pieces (help, default,
    "required") in rich `Columns`, which cut a line with no space in it — every Chinese sentence —
    at the column's width with "…". Text folds it onto the next line instead."""
    from rich.text import Text

    if not all(isinstance(i, Text) for i in items):
        from rich.columns import Columns

        return Columns(items)
    cell = Text(" ").join(items)
    cell.overflow = "fold"
    return cell


def _context_class(lang: str) -> type[_click.Context]:
    prefix = message("cli.help.usage", lang)

    class Formatter(_click.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix_: str | None = None) -> None:
            super().write_usage(prog, args, prefix)

    class Context(_click.Context):
        formatter_class = Formatter

    return Context


# --- Click's own errors --------------------------------------------------------------------------


def click_error(exc: _click.exceptions.ClickException, lang: str) -> str:
    """A usage error raised by Click, worded from the catalogue by its kind."""
    exceptions = _click.exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        text = message("click.no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += message("click.possible_options", lang, options=options)
        return text
    if isinstance(exc, exceptions.MissingParameter):
        name = _param_name(exc.param, exc.ctx)
        kind = "argument" if exc.param_type == "argument" or _is_argument(exc.param) else "option"
        return message(f"click.missing_{kind}", lang, name=name)
    if isinstance(exc, exceptions.BadParameter):
        name = _param_name(exc.param, exc.ctx)
        if isinstance(exc, LocalisedBadParameter) or lang == "en":
            return message("click.bad_value", lang, name=name, problem=exc.message)
        return message("click.bad_value_plain", lang, name=name)
    if isinstance(exc, exceptions.BadOptionUsage):
        if "requires an argument" in exc.message or "requires" in exc.message:
            return message("click.needs_value", lang, name=exc.option_name)
        return message("click.no_value", lang, name=exc.option_name)
    if isinstance(exc, exceptions.UsageError):
        return _usage_text(exc.message, lang)
    return exc.format_message()


def _is_argument(param: Any) -> bool:
    return param is not None and getattr(param, "param_type_name", "") == "argument"


def _param_name(param: Any, ctx: Any) -> str:
    if param is None:
        return ""
    if _is_argument(param):
        return (param.metavar or param.name or "").upper()
    return " / ".join(param.opts)


def _usage_text(text: str, lang: str) -> str:
    """The few usage errors Click words itself (unknown command, extra arguments)."""
    if text.startswith("No such command "):
        name = text[len("No such command ") :].split(".")[0].strip("'\"")
        out = message("click.no_such_command", lang, name=name)
        if "Did you mean " in text:  # Click lists them `'solve', 'score'`: zh lists with 、
            from gmvcli.messages import listing

            words = text.split("Did you mean ", 1)[1][:-1].split(", ")
            out += message("click.did_you_mean", lang, words=listing(words))
        return out
    if text.startswith("Got unexpected extra argument"):
        extra = text[text.rfind("(") + 1 : text.rfind(")")]
        return message("click.extra_arguments", lang, args=extra)
    if text.startswith("Missing command"):
        return message("click.missing_command", lang)
    return text if lang != "zh" else message("click.other", lang, text=text)


class LocalisedGroup(TyperGroup):
    """The root command: chooses the language, gives the tree its help, and words Click's errors.

    Running through this class (not only through `main`) keeps `CliRunner().invoke(app, ...)` in
    tests exactly like the installed command.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = detect(argv)
        _RUN_LANG.append(lang)
        _RUN_ARGS.append(argv)
        from gmvcli.cli.common import FORMATS

        # Help texts and metavars come from the catalogue, which a run that words nothing (compare's
        # JSON, say) never reads: the tree is localised for a help page or shell completion now,
        # and for a usage error once it is raised (its metavars name the parameter).
        localised = not argv or "--help" in argv or completing()
        if localised:
            localise(self, lang, FORMATS)
        if not argv or "--help" in argv:
            _rich_words(lang)  # only a help page needs Typer's rich formatter (and its import)
        try:
            code = super().main(
                args=argv,
                prog_name=prog_name or "gmvcli",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except _click.exceptions.NoArgsIsHelpError as exc:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            code = 2
        except _click.exceptions.ClickException as exc:
            if not localised:
                localise(self, lang, FORMATS)
            if not standalone_mode:
                raise
            ctx = getattr(exc, "ctx", None)
            text = message("cli.error", lang, text=safe_text(click_error(exc, lang)))
            if ctx is not None:
                path = ctx.command_path
                text += "\n" + message("cli.try_help", lang, command=safe_text(path))
            sys.stderr.write(text + "\n")
            code = exc.exit_code
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write(message("cli.interrupted", lang) + "\n")
            code = 1
        finally:
            _RUN_LANG.pop()
            _RUN_ARGS.pop()
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


class LocalisedBadParameter(typer.BadParameter):
    """A bad option value worded by gmvcli in the run's language (not by Click or Typer)."""
