"""Cold to Gold: a sales-training simulator for the terminal.

The house, one layer a folder; a layer imports only the layers below it, and
layers on one row do not import each other (tests/test_layers.py keeps it so):

    cli         the `cold-to-gold` command (and check-setup's checks, `cli.preflight`)
    guide, tui  the facilitator kit's generator; the Textual app (its live-classroom
                screens in `tui/classroom/`)
    classroom   the live classroom: host, join, protocol, records, exports
    author,     the author's tools (lint, graph, starter, schema);
    store       progress on disk (SQLite)
    library     where scenarios come from, their cache, and the door they are loaded by
    engine      the run: rules, scoring, the best run, transcripts
    scenario    the format: YAML with positions, validation, the immutable model
    base        where files live, one-line safe text, the grade beside its outcome,
                the printed pages' stylesheet

At the top of the package only its face: this file (the version) and
`__main__.py` (`python -m cold_to_gold`). No import circles, within a layer or across.
"""

__version__ = "0.1.0"
