"""A real headless Chromium for the report tests, started once per session.

Needs Debian's `chromium` and `chromium-driver` (and `fonts-noto-cjk` for the Chinese checks) and
selenium (`pip install -e '.[browser-test]'`). Without them the browser tests skip and say why
at the end of the run; with GMVCLI_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.report.pages import FACTORY, HOSTILE, SERVICE, SESSIONS, UNCERTAIN, hundred, report

ARTIFACTS = ROOT / "tests" / "artifacts"
REQUIRED = os.environ.get("GMVCLI_REQUIRE_BROWSER") == "1"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,800",
)
_skipped: list[str] = []


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[browser-test]')"
    for exe, package in (("chromium", "chromium"), ("chromedriver", "chromium-driver")):
        if shutil.which(exe) is None:
            return f"no {exe} on PATH (Debian: apt-get install {package})"
    return None


def skip_or_fail(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}; GMVCLI_REQUIRE_BROWSER=1 requires the browser tests to run")
    if reason not in _skipped:
        _skipped.append(reason)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for reason in _skipped:
        terminalreporter.write_line(f"report browser tests skipped: {reason}", yellow=True)


class Browser:
    """One Chromium; pages opened at a given viewport, with what they logged and requested."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def open(self, path: Path, width: int, height: int) -> dict[str, Any]:
        d = self.driver
        d.get_log("browser")  # drop what earlier pages left
        d.get_log("performance")
        d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        url = path.resolve().as_uri()
        d.get(url)
        requests = []
        for entry in d.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                params = message["params"]
                target = params.get("request", {}).get("url") or params.get("url") or ""
                # what the browser's own pages fetch (a new tab still loading) is not the
                # report's doing; everything else counts
                document = params.get("documentURL") or ""
                if not document.startswith(("chrome://", "chrome-untrusted://")):
                    requests.append(target)
        return {
            "url": url,
            "console": d.get_log("browser"),
            "requests": requests,
            "resources": d.execute_script(
                "return performance.getEntriesByType('resource').map(e => e.name)"
            ),
            "scroll_width": d.execute_script("return document.documentElement.scrollWidth"),
            "inner_width": d.execute_script("return window.innerWidth"),
        }

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def screenshot(self, name: str, max_height: int = 3000) -> Path:
        """The page from the top (at most max_height px), saved under tests/artifacts/."""
        d = self.driver
        width = d.execute_script("return window.innerWidth")
        height = min(d.execute_script("return document.documentElement.scrollHeight"), max_height)
        shot = d.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            },
        )
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / name
        out.write_bytes(base64.b64decode(shot["data"]))
        return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = missing()
    if reason is not None:
        skip_or_fail(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="gmvcli-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver"))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception as exc:  # a browser that cannot start is a skip (or a CI failure)
        shutil.rmtree(profile, ignore_errors=True)
        skip_or_fail(f"chromium did not start: {type(exc).__name__}: {exc}".splitlines()[0])
        raise
    try:
        yield Browser(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages the report tests read or open, each built once by the real command."""
    pytest.importorskip("jinja2")
    tmp = tmp_path_factory.mktemp("pages")
    hostile = tmp / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    built = {}
    for name, scenario, args in (
        ("uncertain-en", UNCERTAIN, ("--lang", "en", "--runs", "500")),
        ("uncertain-zh", UNCERTAIN, ("--lang", "zh", "--runs", "500")),
        ("factory-zh", FACTORY, ("--lang", "zh")),
        ("service-en", SERVICE, ("--lang", "en")),
        ("service-zh", SERVICE, ("--lang", "zh")),
        ("hostile-en", hostile, ("--lang", "en")),
        ("hostile-zh", hostile, ("--lang", "zh")),
        ("hundred-en", hundred(tmp), ("--lang", "en", "--runs", "100")),
        ("actuals-en", FACTORY, ("--lang", "en", "--actuals", str(SESSIONS))),
        ("actuals-zh", FACTORY, ("--lang", "zh", "--actuals", str(SESSIONS))),
    ):
        built[name] = report(scenario, tmp / f"{name}.html", *args)
    return built
