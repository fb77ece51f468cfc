"""Warnings for plans kept in synced folders or on network shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from coherence_planner.storage.locations import (
    cloud_or_network_reason,
    is_unc,
    parse_mounts,
)

MOUNTS = parse_mounts(
    "/dev/sda1 / ext4 rw 0 0\n"
    "server:/export /mnt/nfs nfs4 rw 0 0\n"
    "//nas/plans /mnt/nas\\040share cifs rw 0 0\n"
    "me@host:/ /home/me/remote fuse.sshfs rw 0 0\n"
    "tmpfs /mnt/nfs/local tmpfs rw 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "platform", "service"),
    [
        (r"C:\Users\ana\OneDrive - Riverside USD\Plans\p.coherence", "win32", "OneDrive"),
        (r"C:\Users\ana\Dropbox (Personal)\p.coherence", "win32", "Dropbox"),
        (r"G:\My Drive\p.coherence", "win32", "Google Drive"),
        (r"C:\Users\ana\Box\p.coherence", "win32", "Box"),
        (
            "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/p.coherence",
            "darwin",
            "iCloud Drive",
        ),
        (
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@x.org/p.coherence",
            "darwin",
            "cloud storage",
        ),
        ("/home/ana/Dropbox/p.coherence", "linux", "Dropbox"),
    ],
)
def test_sync_folders(path: str, platform: str, service: str) -> None:
    reason = cloud_or_network_reason(path, platform=platform, mounts=[])
    assert reason is not None and f"in a {service} folder" in reason


@pytest.mark.parametrize(
    ("path", "platform"),
    [
        (r"C:\Users\ana\Documents\p.coherence", "win32"),
        (r"C:\Users\ana\Documents\Dropbox.coherence", "win32"),  # only folders count
        (r"C:\Users\ana\Boxing club\p.coherence", "win32"),
        ("/Users/ana/Documents/p.coherence", "darwin"),
        ("/mnt/nfs/local/p.coherence", "linux"),  # a local mount inside a network one
        ("/home/ana/p.coherence", "linux"),
    ],
)
def test_local_paths_are_quiet(path: str, platform: str) -> None:
    assert cloud_or_network_reason(path, platform=platform, mounts=MOUNTS) is None


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/mnt/nfs/plans/p.coherence", "nfs4"),
        ("/mnt/nas share/p.coherence", "cifs"),
        ("/home/me/remote/p.coherence", "fuse.sshfs"),
    ],
)
def test_linux_network_mounts(path: str, fstype: str) -> None:
    reason = cloud_or_network_reason(path, platform="linux", mounts=MOUNTS)
    assert reason == (
        f"This plan is on a network drive ({fstype}). Network drives can damage "
        "a plan while it is open; keep your working plan on this computer and use "
        "Save a Copy to share it."
    )


def test_unc_paths() -> None:
    assert is_unc(r"\\server\share\p.coherence")
    assert is_unc("//server/share/p.coherence")
    assert is_unc(r"\\?\UNC\server\share\p.coherence")
    assert not is_unc(r"\\?\C:\Users\p.coherence")
    assert not is_unc(r"C:\p.coherence")
    reason = cloud_or_network_reason(r"\\server\share\p.coherence", platform="win32")
    assert reason is not None and "network share" in reason


def test_this_machine_tmp_path_is_local(tmp_path: Path) -> None:
    assert cloud_or_network_reason(tmp_path / "p.coherence") is None
