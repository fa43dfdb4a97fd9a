"""`cold-to-gold guide --html DIR` — the facilitator guide as printable HTML pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from cold_to_gold.cli.common import EXIT_OK, fail


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.guide_html import write_guide
    from cold_to_gold.guide_rooms import records_block_for
    from cold_to_gold.paths import bundled_dir

    folder = bundled_dir("facilitator_guide")
    if not folder.is_dir():
        return fail(f"the facilitator guide is not installed (looked in {folder})")
    out = Path(args.html)
    if out.exists() and not out.is_dir():
        return fail(f"cannot write the guide to {out}: it is a file, not a folder")
    try:
        written = write_guide(folder, out, records_block_for())
    except OSError as error:
        where = error.filename or out
        return fail(f"cannot write the guide to {where}: {error.strerror or error}")
    print(f"wrote {len(written)} pages to {out}; open {out / 'index.html'} and print from there")
    return EXIT_OK
