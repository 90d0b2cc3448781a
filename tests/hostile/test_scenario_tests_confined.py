"""A test file cannot make CI read and publish other files; quoted values are short (SPEC §7, §9;
issue 11 item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.common import PLAIN, invoke

SECRET = "root:$6$very-secret-hash:19000:0:99999:7:::"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/secret (outside) and tmp_path/repo (the tree being tested, the current directory)."""
    (tmp_path / "secret").write_text(SECRET + "\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "s.yaml").write_text(PLAIN, encoding="utf-8")
    monkeypatch.chdir(repo)
    return repo


def run_test(repo: Path, scenario: str, *args: str) -> tuple[int, str]:
    (repo / "t.test.yaml").write_text(
        f"tests:\n  - name: t\n    scenario: {scenario}\n    expect: {{a.shelf.gmv: 1000}}\n",
        encoding="utf-8",
    )
    outputs = []
    code = 0
    for fmt in ("table", "junit", "json"):
        result = invoke("test", "t.test.yaml", "-f", fmt, *args)
        outputs.append(result.output)
        code = max(code, result.exit_code)
    return code, "\n".join(outputs)


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("{secret}", "not an absolute path"),
        ("../secret", "leaves the tree being tested"),
        ("sub/../../secret", "leaves the tree being tested"),
        ("escape.yaml", "leaves the tree being tested"),  # a symlink out of the tree
    ],
)
def test_scenarios_outside_the_tree_are_errors_and_never_read(
    tree: Path, scenario: str, words: str
) -> None:
    (tree / "escape.yaml").symlink_to(tree.parent / "secret")
    code, out = run_test(tree, scenario.format(secret=tree.parent / "secret"))
    assert code == 1
    assert words in out
    assert "very-secret-hash" not in out


def test_root_widens_the_tree(tree: Path) -> None:
    (tree.parent / "shared.yaml").write_text(PLAIN, encoding="utf-8")
    code, out = run_test(tree, "../shared.yaml", "--root", str(tree.parent))
    assert code == 0, out


def test_a_scenario_inside_the_tree_runs(tree: Path) -> None:
    code, out = run_test(tree, "s.yaml")
    assert code == 0, out


def test_quoted_values_are_cut_to_80_characters(tree: Path) -> None:
    key = "k" * 1_400_000  # a 1.4 MB key
    (tree / "big.yaml").write_text(PLAIN + f"{key}: 1\n", encoding="utf-8")
    result = invoke("validate", "big.yaml")
    assert result.exit_code == 1
    assert max(len(line) for line in result.output.splitlines()) < 400
    (tree / "t.test.yaml").write_text(
        f"tests:\n  - name: t\n    scenario: s.yaml\n    expect: {{{key}: 1}}\n", encoding="utf-8"
    )
    for fmt in ("table", "junit", "json"):
        result = invoke("test", "t.test.yaml", "-f", fmt)
        assert result.exit_code == 1
        assert max(len(line) for line in result.output.splitlines()) < 1000, fmt
