"""Watching a session folder: the kernel's events where they arrive, a poll where they cannot."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from interview_tui.session.watch import FolderWatcher, events_arrive, filesystem_type

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:26 / /home/ana/shared rw shared:9 - nfs4 server:/export rw,vers=4.2
31 30 0:27 / /home/ana/shared/local rw shared:10 - ext4 /dev/sdb1 rw
32 22 0:28 / /mnt/c rw - 9p drvfs rw,dirsync,aname=drvfs
33 22 0:29 / /home/ana/remote\\040box rw - fuse.sshfs ana@box:/ rw,user_id=0
"""


def test_the_filesystem_of_a_folder_is_its_longest_mount_point():
    assert filesystem_type("/home/ana/sessions/x", MOUNTINFO) == "ext4"
    assert filesystem_type("/home/ana/shared/x", MOUNTINFO) == "nfs4"
    assert filesystem_type("/home/ana/shared/local/x", MOUNTINFO) == "ext4"  # a disk mounted inside the share
    assert filesystem_type("/home/ana/sharedness", MOUNTINFO) == "ext4"  # a prefix of a name is not a parent
    assert filesystem_type("/home/ana/remote box/s", MOUNTINFO) == "fuse.sshfs"  # \040 is a space


def test_network_fuse_and_wsl_folders_are_polled_local_disks_are_not(monkeypatch):
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    assert events_arrive("/home/ana/sessions", MOUNTINFO)
    for folder in ("/home/ana/shared/s", "/mnt/c/Users/ana/s", "/home/ana/remote box/s"):
        assert not events_arrive(folder, MOUNTINFO), folder
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")  # watchfiles' own switch, honoured here too
    assert not events_arrive("/home/ana/sessions", MOUNTINFO)


@pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux's; elsewhere watchfiles' thread reports changes")
async def test_another_writers_change_is_reported_its_own_writes_are_not(tmp_path, monkeypatch):
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    own, other = tmp_path / "wown.jsonl", tmp_path / "wother.jsonl"
    own.write_text("{}\n")
    changes = []
    reported = asyncio.Event()

    def changed() -> None:
        changes.append(1)
        reported.set()

    watcher = FolderWatcher(tmp_path, changed, own_path=own)
    try:
        assert watcher.start() == "events"  # no thread: the loop reads the kernel's descriptor
        with open(own, "a") as handle:  # this process's note, then its presence heartbeat
            handle.write("{}\n")
        os.utime(own)
        (tmp_path / ".wnew.jsonl.new").write_text("{}\n")  # a writer's staged header: no session file yet
        watcher._inotify_ready()  # the kernel queued those events at once: none of them is news
        assert changes == []
        other.write_text("{}\n")  # another writer appears
        await asyncio.wait_for(reported.wait(), timeout=30)
        assert changes == [1]
    finally:
        watcher.stop()
    other.write_text("{}\n{}\n")
    await asyncio.sleep(0)
    assert changes == [1]  # stopped: nothing more


async def test_a_folder_where_events_do_not_arrive_is_left_to_the_callers_poll(tmp_path, monkeypatch):
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")
    watcher = FolderWatcher(tmp_path, lambda: None)
    assert watcher.start() == "poll"
    watcher.stop()
