"""How many sheets each page of the facilitator guide takes when printed.

Writes the guide as HTML (`cold-to-gold guide --html`), prints every page with
Debian's headless Chromium on A4 and on US Letter, and counts the pages of
each PDF with pdfinfo (poppler-utils). The page size is set for each run; the
stylesheet itself leaves it to the printer.

Goal: the handout on one sheet on both papers; every other page prints
(the maps each on a page of their own).

    python benchmarks/print_pages.py        # needs: apt-get install chromium poppler-utils
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.guide.html import write_guide

PAPERS = ("A4", "letter")
ONE_SHEET = ("handout.html",)


def pages(chromium: str, html: Path, paper: str) -> int:
    sized = html.with_name(f".{html.stem}-{paper}.html")
    text = html.read_text(encoding="utf-8")
    sized.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1))
    pdf = sized.with_suffix(".pdf")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", sized.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None or shutil.which("pdfinfo") is None:
        print("needs Debian's chromium and poppler-utils: apt-get install chromium poppler-utils")
        return 1
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        written = write_guide(bundled_dir("facilitator_guide"), out)
        print(f"{'page':<40} {'A4':>4} {'Letter':>7}")
        for html in sorted(written):
            counts = [pages(chromium, html, paper) for paper in PAPERS]
            name = html.relative_to(out).as_posix()
            goal = name in ONE_SHEET and any(count != 1 for count in counts)
            failed |= goal or 0 in counts
            mark = "  <- goal: 1 sheet" if goal else ""
            print(f"{name:<40} {counts[0]:>4} {counts[1]:>7}{mark}")
    print("goal met: the handout prints on one sheet" if not failed else "goal missed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
