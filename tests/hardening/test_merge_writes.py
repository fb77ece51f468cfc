"""`coherence-planner merge` writes OUT the way every other command writes (issue 24's
rules): a really read-only folder (as an unprivileged user) or a failure at the write exits
non-zero with one sentence, and nothing is written or the old OUT stays as it was."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.storage import atomic
from tests.hardening.test_cli_writes import (
    fail_with,
    make_plan,
    one_sentence,
    run_unprivileged,
    shared_dir,
)

__all__ = ["shared_dir"]  # the fixture, used by name


def two_copies(folder: Path) -> tuple[Path, Path]:
    mine = make_plan(folder)
    theirs = folder / "theirs.coherence"
    shutil.copyfile(mine, theirs)
    theirs.chmod(0o644)
    return mine, theirs


@pytest.mark.parametrize("suffix", ["coherence", "json"])
def test_merge_into_a_read_only_folder_says_which_folder(shared_dir: Path, suffix: str) -> None:
    mine, theirs = two_copies(shared_dir)
    out = shared_dir / "Merged plans"
    out.mkdir(mode=0o555)
    out.chmod(0o555)
    done = run_unprivileged("merge", str(mine), str(theirs), "--into", str(out / f"m.{suffix}"))
    assert done.returncode == 2
    assert "Wrote" not in done.stdout
    assert "“Merged plans” (the folder is read-only)" in one_sentence(done.stderr)
    assert list(out.iterdir()) == []


def test_a_failed_write_leaves_the_old_merged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = two_copies(tmp_path)
    out = tmp_path / "merged.json"
    out.write_bytes(b"last week's merge")
    capsys.readouterr()
    monkeypatch.setattr(atomic.os, "replace", fail_with(errno.EIO))
    assert main(["merge", str(mine), str(theirs), "--into", str(out)]) == 2
    captured = capsys.readouterr()
    assert "Wrote" not in captured.out
    assert "stopped answering" in one_sentence(captured.err)
    assert out.read_bytes() == b"last week's merge"
