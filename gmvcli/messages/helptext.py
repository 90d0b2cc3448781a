"""Help of every command and option (code → (en, zh)); filled in by gmvcli.cli.language."""

TEXTS: dict[str, tuple[str, str]] = {}
