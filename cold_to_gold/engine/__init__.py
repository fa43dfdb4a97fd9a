"""The engine: runs, rules, scoring, the best path and transcripts. It never imports Textual."""

from cold_to_gold.engine.best import Best, SearchTooLarge, find_best
from cold_to_gold.engine.playthrough import PlayError, TestOutcome, check, check_all, play
from cold_to_gold.engine.result import Result, best_for, result_of
from cold_to_gold.engine.run import (
    ChoiceLocked,
    Option,
    Run,
    RunError,
    RunFinished,
    Step,
    UnknownChoice,
)
from cold_to_gold.engine.transcript import transcript

__all__ = [
    "Best",
    "ChoiceLocked",
    "Option",
    "PlayError",
    "Result",
    "Run",
    "RunError",
    "RunFinished",
    "SearchTooLarge",
    "Step",
    "TestOutcome",
    "UnknownChoice",
    "best_for",
    "check",
    "check_all",
    "find_best",
    "play",
    "result_of",
    "transcript",
]
