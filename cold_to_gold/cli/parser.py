"""The command line's grammar, with help text a facilitator can read."""

from __future__ import annotations

import argparse

from cold_to_gold import __version__

ROSTER_HELP = (
    "a CSV of trainees' learner accounts for xAPI (header: name,email or name,account; "
    "accounts on $COLD_TO_GOLD_XAPI_HOMEPAGE)"
)

DESCRIPTION = """\
Cold to Gold: a sales-training simulator. Pick a channel at every decision
(post, email, call, meet) and feel why time spent together wins.
Run without a command to open the app."""

EPILOG = """\
exit codes: 0 success, 1 a problem with the input (invalid scenario, failed
test, locked choice), 2 wrong usage.
data: progress and your own scenarios live in the user data folder, or in
$COLD_TO_GOLD_HOME when it is set."""


def seconds(text: str) -> int:
    """A whole number of seconds, 1 to 3600."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of seconds") from None
    if not 1 <= value <= 3600:
        raise argparse.ArgumentTypeError("takes 1 to 3600 seconds")
    return value


def add_countdown(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--countdown",
        type=seconds,
        metavar="SECONDS",
        help="presenter mode: give the room this long to discuss each scene (off by default)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cold-to-gold",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    app = commands.add_parser(
        "app",
        help="open the app (the default; `cold-to-gold FILE...` works too)",
        description="Open the app: the scenario picker, with any files or folders given "
        "listed beside the bundled scenarios and your own.",
    )
    app.add_argument("paths", nargs="*", metavar="PATH", help="more scenario files or folders")
    add_countdown(app)

    play = commands.add_parser(
        "play",
        help="play one scenario (in the app, or headless with --choose)",
        description="Play a scenario by file or id. With --choose, play headless and print "
        "the result.",
    )
    play.add_argument("scenario", metavar="FILE|ID", help="a scenario file, or a library id")
    play.add_argument(
        "--choose",
        metavar="ID,ID,...",
        help="choice ids in order, comma-separated: play headless and print the result",
    )
    play.add_argument("--json", action="store_true", help="with --choose: print the transcript")
    play.add_argument(
        "--presenter", action="store_true", help="classroom mode: large type, reveal on vote"
    )
    add_countdown(play)
    play.add_argument(
        "--watch",
        action="store_true",
        help="live preview for authors: reload the file on every save (runs are not saved)",
    )

    validate = commands.add_parser(
        "validate",
        help="check scenario files; every error as path:line:column",
        description="Check scenario files (folders are searched for *.yaml and *.yml).",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH")

    test = commands.add_parser(
        "test",
        help="run the scripted playthroughs in the scenarios' tests:",
        description="Run each scenario's `tests:` and report what passed and what differed.",
    )
    test.add_argument("paths", nargs="+", metavar="PATH")

    lint = commands.add_parser(
        "lint",
        help="explore every run and warn about what the validator cannot see",
        description="Explore every reachable run of each scenario and report unreachable "
        "scenes and endings, choices never available, dead ends, untested best paths, and "
        "scenarios whose best run does not teach that in-person wins.",
    )
    lint.add_argument("paths", nargs="*", metavar="PATH", help="default: your own scenarios folder")
    lint.add_argument("--json", action="store_true", help="print the findings as JSON")
    lint.add_argument("--ignore", metavar="CODE,...", help="codes to leave out")

    graph = commands.add_parser(
        "graph",
        help="the branch map of a scenario: Mermaid, Graphviz DOT, or a picture (SVG, PNG)",
        description="Draw a scenario's scenes, endings and choices. Mermaid renders on any "
        "Markdown host (an --output ending in .md is written as a Markdown page); DOT is for "
        "Graphviz; svg and png are drawn by Graphviz's `dot` program, which must be installed. "
        "Without --format, an --output ending in .svg, .png, .dot or .gv picks the format.",
    )
    graph.add_argument("scenario", metavar="FILE|ID")
    graph.add_argument(
        "--format", choices=("mermaid", "dot", "svg", "png"), help="default: mermaid"
    )
    graph.add_argument("--output", metavar="PATH", help="write to a file instead of printing")

    script = commands.add_parser(
        "script",
        help="the script of a scenario: every scene, choice and ending, to sign off or read aloud",
        description="Print every scene (and its text variants with their conditions in words), "
        "every choice (channel, minutes, whom it reaches, what it builds, its effects, when it "
        "is locked, whether it is marked a mistake) with its feedback, and every ending, in the "
        "order of the file with each one's line number and an empty comments column. With "
        "--html, write DIR/<id>.html instead: one self-contained page to print.",
    )
    script.add_argument("scenario", metavar="FILE|ID")
    script.add_argument(
        "--html", metavar="DIR", help="write a printable page into DIR (created if needed)"
    )

    new = commands.add_parser(
        "new",
        help="write a commented starter scenario",
        description="Write a starter scenario that validates, lints clean and plays, with "
        "comments that explain each part. By default it goes to your own scenarios folder, "
        "so it appears in the app at once.",
    )
    new.add_argument("id", metavar="ID", help="the scenario's id: lowercase letters, digits, '-'")
    new.add_argument("--people", type=int, default=1, metavar="N", help="1 to 4 (default 1)")
    new.add_argument("--dir", metavar="PATH", help="where to write it (default: your scenarios)")

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description="Print a JSON Schema (draft 2020-12) of the format, generated from the "
        "definitions the validator uses. Save it and point your editor's YAML language server "
        "at it: `# yaml-language-server: $schema=./cold-to-gold.schema.json`.",
    )

    history = commands.add_parser("history", help="your finished runs, from the progress store")
    history.add_argument("--scenario", metavar="ID", help="only the runs of this scenario")
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument("--csv", metavar="FILE", help="write the runs as a gradebook")
    history.add_argument("--xapi", metavar="FILE", help="write the runs as xAPI 1.0.3 statements")

    add_classroom(commands)
    add_facilitator(commands)

    listing = commands.add_parser("list", help="the scenario library: bundled and your own")
    listing.add_argument("paths", nargs="*", metavar="PATH", help="more files or folders")
    listing.add_argument("--json", action="store_true", help="print JSON")
    return parser


def add_facilitator(commands: argparse._SubParsersAction) -> None:
    """`check-setup` and `guide`: getting a laptop and the printed kit ready."""
    commands.add_parser(
        "check-setup",
        help="check that this laptop can run the workshop (exit 0 ready, 1 not)",
        description="Check Python, the installed packages, the terminal's size, colours and "
        "symbols, that the data folder can be written, that the bundled scenarios load, "
        "and the optional parts: Graphviz, the network for a live class, the browser and "
        "SSH extras. Prints one line per check: ok, warn (works, or optional) or FAIL.",
    )
    guide = commands.add_parser(
        "guide",
        help="write the facilitator guide as printable HTML pages",
        description="Write every page of the facilitator guide (session plans, handout, "
        "answer keys, debriefs, the check) as self-contained HTML with a print stylesheet "
        "and the branch maps drawn inside the pages. Open DIR/index.html in a browser and "
        "print from there.",
    )
    guide.add_argument(
        "--html", metavar="DIR", required=True, help="the folder to write (created if needed)"
    )


def add_classroom(commands: argparse._SubParsersAction) -> None:
    """`host`, `join` and `export`: the live classroom."""
    host = commands.add_parser(
        "host",
        help="host a live class: trainees join from a terminal or a browser",
        description="Start a class session on a scenario and show the facilitator's console "
        "(or, with --headless, print one JSON object per event). Listens on this machine "
        "only unless --lan is given.",
    )
    host.add_argument("scenario", nargs="?", metavar="FILE|ID", help="the scenario to play")
    host.add_argument(
        "--pace",
        choices=("together", "free"),
        default="together",
        help="together: everyone at the same decision, feedback on reveal; free: own pace",
    )
    host.add_argument("--port", type=int, metavar="N", help="the port (default: any free one)")
    host.add_argument(
        "--lan", action="store_true", help="listen on the local network, not only this machine"
    )
    host.add_argument(
        "--headless", action="store_true", help="no console: one JSON line per event on stdout"
    )
    host.add_argument(
        "--projector", action="store_true", help="open the console on the projector view"
    )
    host.add_argument("--resume", metavar="SESSION", help="carry on a session (its id or code)")
    host.add_argument("--roster", metavar="FILE", help=ROSTER_HELP)
    host.add_argument(
        "--auto-reveal",
        action="store_true",
        help="reveal a decision as soon as everyone connected has answered "
        "(always on with --headless, which also opens the next decision at once)",
    )
    host.add_argument(
        "--browser",
        action="store_true",
        help="let trainees join from a web browser (needs the 'browser' extra)",
    )
    host.add_argument(
        "--ssh",
        type=int,
        metavar="PORT",
        help="also let trainees join by `ssh -p PORT NAME@HOST` (needs the 'ssh' extra)",
    )

    join = commands.add_parser(
        "join",
        help="join a live class as a trainee",
        description="Join a class session: CODE@HOST:PORT as the facilitator's screen shows "
        "it (or the join link). With --choose, play those choices as a scripted trainee and "
        "exit 0 when the run ended, 1 when the host refused something.",
    )
    join.add_argument("address", metavar="CODE@HOST:PORT")
    join.add_argument("--name", metavar="NAME", help="your name as the facilitator sees it")
    join.add_argument(
        "--choose", metavar="ID,ID,...", help="scripted: the choice ids to make, in order"
    )
    join.add_argument(
        "--retry",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="how long to keep trying to reach the host after a drop (default 600)",
    )

    export = commands.add_parser(
        "export",
        help="a class session's results as a CSV gradebook or xAPI statements",
        description="Export a session (by its id or join code) from the classroom records; "
        "works after the host has stopped.",
    )
    export.add_argument("session", metavar="SESSION|CODE")
    export.add_argument("--csv", metavar="FILE", help="write a gradebook: a row per trainee")
    export.add_argument("--xapi", metavar="FILE", help="write xAPI 1.0.3 statements (JSON)")
    export.add_argument("--roster", metavar="FILE", help=ROSTER_HELP)

    report = commands.add_parser(
        "report",
        help="a class report: per decision, per channel, per path, per trainee",
        description="The room's own numbers for one session (by its id or join code), or, with "
        "--scenario, across every stored session of a scenario (and your own runs, apart). "
        "Prints a summary; --html writes a self-contained page to project, print or keep.",
    )
    report.add_argument("session", metavar="SESSION|CODE", nargs="?")
    report.add_argument("--scenario", metavar="ID", help="every session of this scenario")
    report.add_argument(
        "--since", metavar="DATE", help="with --scenario: sessions from this date (YYYY-MM-DD)"
    )
    report.add_argument("--html", metavar="DIR", help="write the page DIR/report-....html")
    report.add_argument("--pdf", metavar="FILE", help="print the page to a PDF (needs Chromium)")
    report.add_argument("--json", action="store_true", help="print the numbers as JSON")
    report.add_argument(
        "--anonymous", action="store_true", help="leave out the trainees' names (to project)"
    )
