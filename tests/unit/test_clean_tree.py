"""tests/conftest.py fails a test run that writes a file into the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _run_suite_in_a_checkout(tmp_path: Path, test_body: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    shutil.copy(CONFTEST, repo / "tests" / "conftest.py")
    (repo / "tests" / "test_it.py").write_text(
        f"from pathlib import Path\n\n\ndef test_it():\n    {test_body}\n"
    )
    (repo / "pytest.ini").write_text("[pytest]\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repo, check=True)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_run_that_writes_into_the_tree_fails_and_names_the_file(tmp_path: Path) -> None:
    done = _run_suite_in_a_checkout(
        tmp_path, "Path('<_io.BytesIO object at 0x1>').write_bytes(b'%PDF')"
    )
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout + done.stderr
    assert "repository changed by the tests" in done.stdout
    assert "<_io.BytesIO object at 0x1>" in done.stdout


def test_a_run_that_writes_only_to_tmp_path_passes(tmp_path: Path) -> None:
    done = _run_suite_in_a_checkout(tmp_path, "assert True")
    assert done.returncode == pytest.ExitCode.OK, done.stdout + done.stderr
