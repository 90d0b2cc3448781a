"""`gmvcli test` reports (SPEC §9): a line per test, JSON objects, or JUnit XML valid against the
junit-10.xsd that CI servers check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gmvcli.errors import safe_text
from gmvcli.i18n import message
from gmvcli.testing.results import _NOT_XML, Failure, TestResult, summary


def failure_line(file: str, failure: Failure, lang: str = "en") -> str:
    """`FILE:LINE: path: expected X, got Y`."""
    where = file if failure.line is None else f"{file}:{failure.line}"
    path = f"{failure.path}: " if failure.path else ""
    return safe_text(f"{where}: {path}{failure.text(lang)}")


def render_table(results: Sequence[TestResult], lang: str = "en") -> str:
    """One line per test, its failures indented below it, and `N passed, M failed`."""
    lines = []
    for r in results:
        lines.append(f"{'✓' if r.passed else '✗'} {safe_text(r.name)}")
        lines += [f"  {failure_line(r.file, f, lang)}" for f in r.failures]
    passed, failed = summary(results)
    # the summary in the run's language only (CI that parses it runs with --lang en or --format)
    lines.append(message("test.summary", lang, passed=passed, failed=failed))
    return "\n".join(lines) + "\n"


def results_data(results: Sequence[TestResult]) -> list[dict[str, Any]]:
    """`--format json`: one object per test."""
    return [
        {
            "file": r.file,
            "name": r.name,
            "line": r.line,
            "passed": r.passed,
            "failures": [
                {
                    "line": f.line,
                    "path": f.path,
                    "expected": f.expected,
                    "actual": f.actual,
                    "message": f.message,
                }
                for f in r.failures
            ],
        }
        for r in results
    ]


def render_json(results: Sequence[TestResult], pretty: bool = False, ascii: bool = False) -> str:
    from gmvcli.textsafe import json_dumps

    return json_dumps(results_data(results), ascii=ascii, indent=2 if pretty else None) + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", safe_text(text))


def _timestamp() -> str:
    """When the tests ran, as junit-10.xsd writes it (no zone); SOURCE_DATE_EPOCH pins it."""
    import os
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return now.replace(tzinfo=None).isoformat(timespec="seconds")


def render_junit(results: Sequence[TestResult]) -> str:
    """JUnit XML: a <testsuite> per test file, a <testcase> per test, a <failure> when it fails."""
    import xml.etree.ElementTree as ET

    passed, failed = summary(results)
    root = ET.Element(
        "testsuites",
        name="gmvcli test",
        tests=str(passed + failed),
        failures=str(failed),
        errors="0",
    )
    files: dict[str, list[TestResult]] = {}
    for r in results:
        files.setdefault(r.file, []).append(r)
    stamp = _timestamp()
    for file, tests in files.items():
        # junit-10.xsd (what CI servers check): a testsuite has these attributes and a testcase
        # only name, classname and time; where a test is (FILE:LINE) goes in the failure's text
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_xml(file),
            tests=str(len(tests)),
            failures=str(sum(1 for t in tests if not t.passed)),
            errors="0",
            skipped="0",
            time=f"{sum(t.seconds for t in tests):.3f}",
            timestamp=stamp,
        )
        for t in tests:
            attrs = {"name": _xml(t.name), "classname": _xml(file), "time": f"{t.seconds:.3f}"}
            case = ET.SubElement(suite, "testcase", attrs)
            if not t.passed:
                lines = [failure_line(file, f) for f in t.failures]
                first = t.failures[0].message if t.failures else "failed"
                if len(t.failures) > 1:
                    first = f"{first} (and {len(t.failures) - 1} more)"
                failure = ET.SubElement(case, "failure", message=_xml(first), type="failure")
                failure.text = "\n".join(_xml(line) for line in lines)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
