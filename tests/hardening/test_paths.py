"""Audit case 7: paths that are not ordinary files, and a disk that fills during an export.

A FIFO named `x.coherence` or `x.json` blocked `check` forever in sniff(); a symbolic link
that leads back to itself as `--into` raised ELOOP; the PNG export on a full disk raised a
bare OSError, and the xlsx export printed a stray ZipFile traceback after its message.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model.district import District
from coherence_planner.storage.interchange import write_json
from tests.hardening.places import small_disk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks are POSIX")


def one_line(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


@pytest.mark.parametrize("name", ["x.coherence", "x.json", "x.csv", "x.xlsx"])
def test_a_fifo_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    started = time.monotonic()
    command = "import" if name.endswith(("csv", "xlsx")) else "check"
    argv = [command, str(fifo)] + (
        ["--into", str(tmp_path / "p.coherence")] if command == "import" else []
    )
    assert main(argv) == 2
    assert time.monotonic() - started < 2.0
    one_line(capsys, name, "pipe")


def test_a_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert main(["check", "/dev/zero"]) == 2
    one_line(capsys, "zero", "device")


def test_a_symlink_loop_is_refused_as_source_and_target(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.coherence"
    loop.symlink_to(loop)
    source = tmp_path / "d.json"
    write_json(district, source)
    assert main(["import", str(source), "--into", str(loop), "--replace"]) == 2
    one_line(capsys, "loop.coherence", "leads back to itself")
    assert main(["check", str(loop)]) == 2
    one_line(capsys, "loop.coherence", "leads back to itself")
    assert loop.is_symlink()  # left as it was


@pytest.mark.parametrize("suffix", ["png", "xlsx", "pdf", "svg", "json", "csv"])
def test_exports_on_a_full_disk_say_so_in_one_line(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    source = tmp_path / "d.json"
    write_json(district, source)
    with small_disk(tmp_path / "disk", 16) as disk:
        (disk / "filler").write_bytes(b"\0" * 12_000)
        assert main(["export", str(source), str(disk / f"out.{suffix}")]) == 2
        one_line(capsys, f"out.{suffix}", "full")
        assert sorted(os.listdir(disk)) == ["filler"]
