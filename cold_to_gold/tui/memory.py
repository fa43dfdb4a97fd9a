"""Memory at start-up: what the app and the picker do so that start-up work is not walked again."""

from __future__ import annotations

import gc


def keep_out_of_collections() -> None:
    """Leave the objects made so far out of the garbage collector's full passes.

    Importing Textual and the app makes tens of thousands of objects that live as
    long as the process. Each full collection would walk them all again (25 ms on
    a small machine: long enough to be seen, and one tends to fall just before the
    first frame); frozen, they are skipped. Called at start and once more when the
    engine has been loaded.
    """
    gc.freeze()
