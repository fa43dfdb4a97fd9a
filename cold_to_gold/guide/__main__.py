"""`python -m cold_to_gold.guide`: rewrite the guide's engine-written parts (`--check`: report)."""

from cold_to_gold.guide import main

raise SystemExit(main())
