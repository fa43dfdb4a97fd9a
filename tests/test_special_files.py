"""Only regular files are read: pipes, devices and sockets are refused at once, and a folder
that cannot be read is reported as an unreadable file is."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL

from cold_to_gold.cli import main
from cold_to_gold.library.listing import discover
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario import ScenarioInvalid


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in its own process: a read that hangs fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "cold_to_gold", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["validate", "lint", "test", "list", "play", "graph"])
def test_a_named_pipe_is_refused_not_waited_on(fifo: Path, command: str) -> None:
    done = cli(command, str(fifo))
    output = done.stdout + done.stderr
    assert f"{fifo}:1:1: not a regular file (a named pipe)" in output
    assert done.returncode == (0 if command == "list" else 1)  # list shows it as invalid
    assert "Traceback" not in output


def test_a_link_to_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    done = cli("validate", str(link))
    assert done.stdout == f"{link}:1:1: not a regular file (a character device)\n"
    assert done.returncode == 1


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(ScenarioInvalid) as caught:
            load_scenario(path)
    finally:
        server.close()
    assert str(caught.value) == f"{path}:1:1: not a regular file (a socket)"


def test_folder_scans_leave_special_files_out(fifo: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(MINIMAL)
    assert main(["validate", str(tmp_path)]) == 0


def unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a folder unreadable; as root (whom modes do not stop), its listing fails instead."""
    folder.chmod(0)
    if os.access(folder, os.R_OK):
        real = os.scandir

        def refuse(path: object = ".") -> object:
            if Path(os.fsdecode(path)) == folder:  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", refuse)


def test_an_unreadable_folder_is_reported_like_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.yaml").write_text(MINIMAL)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.yaml").write_text(MINIMAL)
    unreadable(locked, monkeypatch)
    try:
        assert main(["validate", str(tmp_path)]) == 1
        out = capsys.readouterr().out.splitlines()
        assert out == [
            f"{locked}:1:1: cannot read folder: Permission denied",
            f"OK {tmp_path}/ok.yaml",
        ]
        entries = discover([tmp_path])
        [entry] = [entry for entry in entries if entry.path == locked]
        assert not entry.valid
        assert entry.problems[0].message == "cannot read folder: Permission denied"
    finally:
        locked.chmod(0o755)
