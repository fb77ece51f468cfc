"""Places where a live plan is at risk: cloud-synced folders and network shares.

Sync clients (OneDrive, Dropbox, iCloud Drive, Google Drive, Box) copy a database while it
is being written and can hand back an older or mixed version; network file systems often
get SQLite's locks wrong. Both can silently corrupt a plan. `cloud_or_network_reason` gives
the sentence to warn with, or None. It only looks at what is cheap and reliable: the path's
folder names, a Windows UNC prefix, and on Linux the file-system type in /proc/mounts.
A network volume under /Volumes on macOS cannot be told apart cheaply, so it is not.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

# Folder names (compared case-insensitively) that sync services create, and their labels.
_SYNC_FOLDERS: tuple[tuple[str, str], ...] = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("icloud drive", "iCloud Drive"),
    ("icloud~", "iCloud Drive"),
    ("com~apple~clouddocs", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("shared drives", "Google Drive"),
    ("box", "Box"),
    ("box sync", "Box"),
    ("cloudstorage", "cloud storage"),  # macOS ~/Library/CloudStorage holds every provider
)
_NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afs",
        "9p",
        "ncpfs",
        "fuse.sshfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "davfs",
        "fuse.davfs2",
        "ceph",
        "glusterfs",
    }
)


def _sync_service(name: str) -> str | None:
    lowered = name.casefold()
    for prefix, label in _SYNC_FOLDERS:
        # "OneDrive - Riverside USD", "Dropbox (Personal)", "GoogleDrive-me@x.org" count too.
        if lowered == prefix or lowered.startswith((prefix + " ", prefix + "-", prefix + "(")):
            return label
    return None


def sync_folder_of(path: PurePath) -> str | None:
    """The sync service whose folder holds `path`, from the folder names alone."""
    for part in path.parts[:-1]:
        label = _sync_service(part)
        if label:
            return label
    return None


def is_unc(path: str) -> bool:
    r"""A Windows network path: \\server\share or \\?\UNC\server\share (not \\?\C:\...)."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, fs type) pairs from /proc/mounts text (octal escapes decoded)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
            mounts.append((point, fields[2]))
    return mounts


def network_fs_of(path: PurePosixPath, mounts: list[tuple[str, str]]) -> str | None:
    """The network file-system type of the mount holding `path`, or None if local."""
    best, best_type = "", ""
    for point, fstype in mounts:
        inside = path == PurePosixPath(point) or PurePosixPath(point) in path.parents
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type if best_type in _NETWORK_FS else None


def _read_mounts() -> list[tuple[str, str]]:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
            return parse_mounts(handle.read())
    except OSError:
        return []


def cloud_or_network_reason(
    path: str | Path, *, platform: str | None = None, mounts: list[tuple[str, str]] | None = None
) -> str | None:
    """A sentence warning that `path` is in a synced folder or on a network share, or None.

    `platform` (sys.platform) and `mounts` (parse_mounts output) are for tests; by default
    they come from this machine.
    """
    platform = platform or sys.platform
    text = str(path)
    windows = platform.startswith("win")
    if windows and is_unc(text):
        return (
            "This plan is on a network share. Shared drives can damage a plan while it is "
            "open; keep your working plan on this computer and use Save a Copy to share it."
        )
    pure: PurePath = PureWindowsPath(text) if windows else PurePosixPath(text)
    if not windows:
        pure = PurePosixPath(os.path.abspath(text)) if platform == sys.platform else pure
    service = sync_folder_of(pure)
    if service:
        return (
            f"This plan is in a {service} folder. Sync services can damage a plan while it "
            "is open; keep your working plan in a folder that is not synced and use Save a "
            f"Copy to put one in {service}."
        )
    if platform.startswith("linux"):
        fstype = network_fs_of(PurePosixPath(pure), _read_mounts() if mounts is None else mounts)
        if fstype:
            return (
                f"This plan is on a network drive ({fstype}). Network drives can damage a "
                "plan while it is open; keep your working plan on this computer and use "
                "Save a Copy to share it."
            )
    return None
