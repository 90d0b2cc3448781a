"""`gmvcli test` (SPEC §9): expected results kept beside the scenarios, checked against the output.

A test file is a YAML mapping with `tests:`, a list of tests. Each test names a scenario (a path
relative to the test file, or an inline mapping), a command (compare or forecast), optional `--set`
style overrides and error margins, and `expect:` — paths into the command's JSON output (as printed,
so rounded as SPEC §7 says) mapped to expected values.

Everything that can be wrong with a test file is a located `Problem`, like any scenario's. A test
file with problems is reported on stderr and all its tests count as failed; a failing expectation
is a result (it names its line, path, expected and actual value), not an error.

`results` holds the records, `reader` finds and reads test files, `checks` checks one expectation,
`runner` runs a file; the reports are rendering (`gmvcli.render.testreport`) and the command is
`gmvcli.cli.checks`.
"""

from gmvcli.testing.expect import parse_path
from gmvcli.testing.reader import discover
from gmvcli.testing.results import SUFFIX, Failure, TestResult, summary
from gmvcli.testing.runner import FileRun, run_file

__all__ = [
    "SUFFIX",
    "Failure",
    "FileRun",
    "TestResult",
    "discover",
    "parse_path",
    "run_file",
    "summary",
]
