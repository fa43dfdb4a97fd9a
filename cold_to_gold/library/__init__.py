"""The scenario library: where scenarios come from and the door they are loaded through.

`listing` finds the bundled scenarios, the user's own and any paths given; `entry`
is one file as a list shows it; `cache` remembers each file's verdict so the
picker lists the library before the validator is imported; `load` is the one
door a scenario is played through: the format's validation (`scenario.read`),
then the engine's best-run refusal. Above the format and the engine.
"""
