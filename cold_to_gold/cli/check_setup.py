"""`cold-to-gold check-setup` — can this laptop run the workshop? Exit 0 yes, 1 no."""

from __future__ import annotations

import argparse
import shutil
import textwrap

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK

MARKS = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}  # words, not colours, carry the meaning


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.cli.preflight import run_checks

    width = min(shutil.get_terminal_size().columns, 100) - 1
    print("Cold to Gold: can this laptop run the workshop?\n")
    findings = run_checks()
    for finding in findings:
        line = f"  {MARKS[finding.status]}  {finding.message}"
        print(textwrap.fill(line, width, subsequent_indent=" " * 8, break_on_hyphens=False))
    failed = sum(finding.status == "fail" for finding in findings)
    warned = sum(finding.status == "warn" for finding in findings)
    print()
    if failed:
        print(f"Not ready: {_count(failed, 'problem')} to fix (FAIL above).")
        return EXIT_INPUT
    notes = f" ({_count(warned, 'warning')}: optional parts, or worth a look)" if warned else ""
    print(textwrap.fill(f"Ready: this laptop can run the workshop{notes}.", width))
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
