"""Progress on disk: every choice saved as it is made, finished runs with their transcripts.

Names are imported on first use, so the app can start without loading the engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cold_to_gold.store.progress import (
        FinishedRun,
        ProgressStore,
        RunRecord,
        SavedRun,
        SaveFailed,
        StoreError,
    )
    from cold_to_gold.store.recorded import RecordedRun

_WHERE = {
    "FinishedRun": "cold_to_gold.store.records",
    "ProgressStore": "cold_to_gold.store.progress",
    "SavedRun": "cold_to_gold.store.records",
    "RunRecord": "cold_to_gold.store.records",
    "SaveFailed": "cold_to_gold.store.progress",
    "StoreError": "cold_to_gold.store.progress",
    "RecordedRun": "cold_to_gold.store.recorded",
}

__all__ = [
    "FinishedRun",
    "ProgressStore",
    "RecordedRun",
    "RunRecord",
    "SaveFailed",
    "SavedRun",
    "StoreError",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(import_module(_WHERE[name]), name)
