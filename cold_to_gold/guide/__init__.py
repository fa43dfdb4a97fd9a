"""The facilitator kit's generator: what the guide's pages say that the engine can work out.

It writes, from the bundled scenarios, the debriefs' numbers and each scenario's
answer key (`generate`, `answer_keys`), the handout's channel table (`ladder`),
the session plans' sizing table and their check that the blocks add up
(`plans`), the check's sheet and key (`check_sheet`), the branch maps
(`maps`), and the whole guide as printable HTML (`html`, styled by the
printed pages' `base/print.css`), with the rooms' own numbers on the debrief pages
(`rooms`). Its face, used by the command line:

    python -m cold_to_gold.guide            # rewrite what is out of date (`main`)
    python -m cold_to_gold.guide --check    # exit 1 if anything is out of date
    cold-to-gold guide --html DIR           # the printable guide (`write_guide`)

It sits above the classroom, beside the app: it reads the library, the engine
the author's tools and the classroom's records; only the command line imports it.
"""

from cold_to_gold.guide.generate import main
from cold_to_gold.guide.html import write_guide

__all__ = ["main", "write_guide"]
