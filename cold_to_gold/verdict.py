"""Judgments shown beside things: the deal's outcome beside a grade ("won · cold"), the
author's mark beside a choice they call a mistake.

The grade names the relationship and the outcome names the deal (revision B,
section 10): "won · cold" is a real result (won on price; nobody there knows
you), so wherever a grade is shown, the outcome stands beside it. No imports:
the store, the CLI, the app and the classroom all use it.
"""

from __future__ import annotations

SEPARATOR = " · "
# Revision B, section 11: a choice marked `mistake: true`, in words (never colour alone).
MISTAKE_MARK = "✗ a mistake, says the author"


def verdict(grade: str, outcome: str | None) -> str:
    """'won · cold'; just the grade when there is no outcome yet (a run not ended)."""
    if not grade:
        return ""
    return f"{outcome}{SEPARATOR}{grade}" if outcome else grade
