"""Progress on disk: every choice saved as it is made, finished runs with their transcripts."""

from cold_to_gold.store.progress import FinishedRun, ProgressStore, SavedRun
from cold_to_gold.store.recorded import RecordedRun

__all__ = ["FinishedRun", "ProgressStore", "RecordedRun", "SavedRun"]
