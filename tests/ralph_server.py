"""Ralph's LRS on 127.0.0.1 for the opt-in `pytest -m ralph`: started, awaited and stopped.

Ralph runs under its own Python (tests/external/ralph-requirements.txt), on a port
the system picks, with its `fs` backend, its credentials file and its settings all
in a folder of the test's. Its `fs` backend stores one write per folder: a later
POST that brings anything new is answered 500, while requests that need no write
(an identical resend, a conflict, a read) are answered as by any LRS.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

KEY, SECRET = "cold", "gold"
AUTHORITY_HOME = "http://127.0.0.1/"  # the home page of the account that signs what it stores
STARTED = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")
START_SECONDS = 60.0


@dataclass(frozen=True)
class Ralph:
    """A running Ralph: where its xAPI endpoint is, and its log (one line per request)."""

    endpoint: str
    log: Path

    def requests(self, method: str) -> list[int]:
        """The status of each `method` request to the statements resource, in order."""
        pattern = re.compile(rf'"{method} /xAPI/statements[^"]* HTTP/1\.1" (\d+)')
        return [int(found) for found in pattern.findall(self.log.read_text())]


def _fail(what: str, log: Path | None = None, output: str = "") -> None:
    tail = log.read_text()[-2000:] if log is not None and log.exists() else output[-2000:]
    pytest.fail(f"{what}\n{tail}", pytrace=False)


@contextmanager
def running_ralph(python: Path, folder: Path) -> Iterator[Ralph]:
    """Ralph's LRS serving from `folder` until the block ends; fails the test if it cannot start."""
    statements = folder / "statements"
    statements.mkdir(parents=True)
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(folder),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        # Read by `ralph auth` too, which otherwise looks for Elasticsearch.
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(statements),
    }
    auth = [
        str(python), "-m", "ralph", "auth", "--username", KEY, "--password", SECRET,
        "--scope", "all", "--agent-ifi-account", KEY, AUTHORITY_HOME, "--write-to-disk",
    ]  # fmt: skip
    made = subprocess.run(auth, env=env, cwd=folder, capture_output=True, text=True, timeout=60)
    if made.returncode != 0:
        _fail("`ralph auth` could not write the credentials:", output=made.stderr)
    log = folder / "ralph.log"
    # uvicorn directly: `ralph runserver` adds a reloader that watches the working folder.
    serve = [str(python), "-m", "uvicorn", "ralph.api:app", "--host", "127.0.0.1", "--port", "0"]
    with log.open("w") as out:
        server = subprocess.Popen(serve, env=env, cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_SECONDS
        while (found := STARTED.search(log.read_text())) is None:
            if server.poll() is not None:
                _fail(f"Ralph stopped on start (exit {server.returncode}):", log)
            if time.monotonic() > deadline:
                _fail(f"Ralph did not start within {START_SECONDS:.0f} s:", log)
            time.sleep(0.1)
        yield Ralph(f"http://127.0.0.1:{found.group(1)}/xAPI/", log)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
