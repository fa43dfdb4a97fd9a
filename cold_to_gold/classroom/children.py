"""The environment of the app processes the host starts for browser and SSH trainees.

Such a process runs on the facilitator's laptop as the facilitator, for
someone else. It gets only what a terminal app needs: no LRS secret, no
tokens, nothing else of the facilitator's environment; a home and working
folder of its own (a fresh temporary folder, so nothing it writes lands in the
facilitator's home); and `COLD_TO_GOLD_REMOTE=1`, which turns off the app's
screenshot and command palette.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

KEPT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SYSTEMROOT")
# What textual-serve sets for each page's process: passed on, by name, from the shell.
TEXTUAL_SERVE = (
    "TEXTUAL_DRIVER", "TEXTUAL_FPS", "TEXTUAL_COLOR_SYSTEM", "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION", "COLUMNS", "ROWS",
)  # fmt: skip
REMOTE = "COLD_TO_GOLD_REMOTE"
OWN_FOLDER = "COLD_TO_GOLD_DEVICE_FOLDER"  # set: the data folder is this trainee device's own


def remote_folder() -> Path:
    """A private folder for the processes of one host (removed when the host stops)."""
    return Path(tempfile.mkdtemp(prefix="cold-to-gold-trainees-"))


def child_environment(folder: Path, device: Path | None = None, **extra: str) -> dict[str, str]:
    """The whole environment of a trainee's app process started by the host; `device`,
    a data folder of that trainee's device alone (a browser's), where it keeps its seat."""
    env = {name: os.environ[name] for name in KEPT if name in os.environ}
    env |= {
        "HOME": str(folder),
        "COLD_TO_GOLD_HOME": str(device or folder / "data"),
        "XDG_DOWNLOAD_DIR": str(folder),
        REMOTE: "1",
    }
    if device is not None:
        env[OWN_FOLDER] = "1"
    return env | extra


def scrubbed_command(argv: list[str], folder: Path, device: Path | None = None) -> str:
    """A shell command that runs `argv` in `folder` with only `child_environment`
    (plus textual-serve's own variables, which it sets for each page)."""
    env = child_environment(folder, device)
    settings = [shlex.quote(f"{k}={v}") for k, v in env.items()]
    passed = [f'${{{name}+"{name}=${name}"}}' for name in TEXTUAL_SERVE]
    return f"cd {shlex.quote(str(folder))} && exec env -i " + " ".join(
        [*settings, *passed, shlex.join(argv)]
    )
