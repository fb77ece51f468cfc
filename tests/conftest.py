"""Checks over the whole test run: running the suite writes nothing into the repository.

A test that passed a stream where a path was expected once left two PDFs named
"<_io.BytesIO object at 0x…>" at the repository root, and they were committed by accident.
So the session records `git status` when it starts and fails when it ends with a different
one, naming the files that appeared or changed. Outside a git checkout there is nothing to
compare, and the check is skipped.
"""

from __future__ import annotations

import subprocess

import pytest

# As in the app, where only this package imports openpyxl: its settings (defusedxml, not
# lxml) are made before openpyxl's first import, which a test module may otherwise do first.
import coherence_planner.storage.spreadsheets  # noqa: F401

_STATUS_AT_START = pytest.StashKey[str | None]()


def _git_status(config: pytest.Config) -> str | None:
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=config.rootpath,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None


def _is_xdist_worker(config: pytest.Config) -> bool:
    # Workers share the tree with the controller, which runs the check once for all.
    return hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_xdist_worker(session.config):
        session.config.stash[_STATUS_AT_START] = _git_status(session.config)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    before = config.stash.get(_STATUS_AT_START, None)
    if _is_xdist_worker(config) or before is None:
        return
    after = _git_status(config)
    if after is None or after == before:
        return
    changed = sorted(set(after.splitlines()) - set(before.splitlines()))
    lines = "\n".join(f"    {line}" for line in changed) or "    (a file went back to clean)"
    message = (
        "The test run changed the repository's `git status`; a test wrote into the tree "
        f"instead of its tmp_path:\n{lines}"
    )
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "repository changed by the tests", red=True)
        reporter.write_line(message)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
