"""`cold-to-gold guide --html DIR` — the facilitator guide as printable HTML pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from cold_to_gold.cli.common import EXIT_OK, fail


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.base.paths import bundled_dir
    from cold_to_gold.guide import write_guide
    from cold_to_gold.guide.rooms import records_blocks

    folder = bundled_dir("facilitator_guide")
    if not folder.is_dir():
        return fail(f"the facilitator guide is not installed (looked in {folder})")
    out = Path(args.html)
    if out.exists() and not out.is_dir():
        return fail(f"cannot write the guide to {out}: it is a file, not a folder")
    try:
        with records_blocks() as block_for:
            written = write_guide(folder, out, block_for)
    except OSError as error:
        where = error.filename or out
        return fail(f"cannot write the guide to {where}: {error.strerror or error}")
    print(f"wrote {len(written)} pages to {out}; open {out / 'index.html'} and print from there")
    return EXIT_OK
