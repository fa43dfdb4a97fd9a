"""`python -m cold_to_gold` runs the command line."""

from cold_to_gold.cli import main

raise SystemExit(main())
