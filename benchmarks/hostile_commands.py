"""Each hostile-but-valid scenario through the real commands, each command in its own process.

    python benchmarks/hostile_commands.py [SHAPE ...] [--timeout SECONDS]

For every shape in `hostile_valid.CASES`: `validate`, `lint` and a headless
`play --choose` (its first choice), each timed and its peak memory (RSS) read
from the operating system. The goal: each within 5 s and 500 MB, or refused
at the scenario's `start` line with the fix.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_valid

COMMANDS = {
    "validate": ["validate"],
    "lint": ["lint"],
    "play": ["play", "--choose", "{first}"],
}


def measure(arguments: list[str], timeout: float) -> tuple[float, float, int | None, str]:
    """Seconds, peak MB, exit code (None: killed at the timeout), the first line of output."""
    script = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    done = subprocess.run(sys.argv[2:], capture_output=True, text=True,"
        " timeout=float(sys.argv[1]))\n"
        "    code, out = done.returncode, (done.stdout + done.stderr)\n"
        "except subprocess.TimeoutExpired:\n"
        "    code, out = None, ''\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([seconds, peak, code, out.strip().splitlines()[:1]]))\n"
    )
    command = [sys.executable, "-c", script, str(timeout), sys.executable, "-m", "cold_to_gold"]
    done = subprocess.run([*command, *arguments], capture_output=True, text=True, check=True)
    import json

    seconds, peak, code, first = json.loads(done.stdout)
    return seconds, peak, code, (first[0] if first else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shapes", nargs="*")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--commands", default=",".join(COMMANDS), help="e.g. validate,lint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, (make, arguments)) in enumerate(hostile_valid.CASES.items()):
            if args.shapes and make.__name__ not in args.shapes:
                continue
            path = Path(folder, f"{make.__name__}-{number}.yaml")
            text = make(*arguments)
            path.write_text(text, encoding="utf-8")
            first = next(
                line.split("id: ")[1].split(",")[0]
                for line in text.splitlines()
                if line.startswith("      - {id:")
            )
            print(f"{name}  [{make.__name__}{tuple(arguments) or ''}]")
            for label, template in COMMANDS.items():
                if label not in args.commands.split(","):
                    continue
                command = [part.replace("{first}", first) for part in template]
                seconds, peak, code, line = measure([*command, str(path)], args.timeout)
                verdict = "killed at the timeout" if code is None else f"exit {code}"
                ok = code is not None and seconds < 5 and peak < 500
                print(
                    f"  {label:<8} {seconds:6.2f} s  peak {peak:6.0f} MB  {verdict:<8}"
                    f"  {'ok' if ok else 'OVER'}  {line[:110]}"
                )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # never take the machine down
    main()
