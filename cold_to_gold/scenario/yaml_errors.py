"""YAML syntax errors located where the fix is.

PyYAML marks two places: where it gave up (`problem_mark`) and the construct it
was reading (`context_mark`). For an unclosed quote or bracket the first is the
end of the file, far from the mistake; the author needs the line where the
quote or bracket opens, with the place the parser stopped as context.
"""

from __future__ import annotations

from typing import Any

import yaml

from cold_to_gold.base.one_line import one_line
from cold_to_gold.scenario.problems import START_OF_FILE, Where

_FLOW_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_INDENTATION = ("did not find expected key", "expected <block end>", "did not find expected '-'")


def _where(mark: Any) -> Where:
    return Where(mark.line + 1, mark.column + 1)


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def syntax_error(error: yaml.MarkedYAMLError, text: str, max_depth: int) -> tuple[Where, str]:
    """Where to report a syntax error, and its one-line message."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    problem = one_line(error.problem or error.context or "syntax error", 200)
    context = error.context or ""
    mark = problem_mark or context_mark
    where = _where(mark) if mark else START_OF_FILE
    if "nesting depth" in problem:
        return where, f"nesting is too deep (more than {max_depth} levels)"
    if "expected a single document" in context:
        return where, "more than one YAML document; a scenario is one document"
    if problem_mark is None:
        return where, f"YAML syntax error: {problem}"
    stopped = f"{problem} at {_at(problem_mark)}"
    if "quoted scalar" in context and context_mark and _ran_off(problem, problem_mark, text):
        return _where(context_mark), f"YAML syntax error: the quote here is not closed ({stopped})"
    if "flow" in context:
        opened = _open_bracket(text, problem_mark) or context_mark
        if opened is not None and opened.line != problem_mark.line:
            bracket = text[opened.index] if opened.index < len(text) else "["
            return _where(
                opened
            ), f"YAML syntax error: the '{bracket}' here is not closed ({stopped})"
    if "simple key" in context and context_mark and context_mark.line != problem_mark.line:
        return _where(context_mark), f"YAML syntax error: this key has no ':' after it ({stopped})"
    message = f"YAML syntax error: {problem}"
    if problem_mark.index < len(text) and text[problem_mark.index] == "\t":
        message += " (a tab: indent with spaces)"
    elif problem.startswith(_INDENTATION):
        message += " (check the indentation of this line"
        if context_mark and context_mark.line != problem_mark.line:
            message += f" against the block that starts at line {context_mark.line + 1}"
        message += ")"
    return where, message


def _ran_off(problem: str, mark: Any, text: str) -> bool:
    """Whether the parser reached the end of the file (or of the document) looking for the end."""
    return "end of stream" in problem or "document" in problem or mark.index >= len(text)


def _open_bracket(text: str, stop: Any) -> Any | None:
    """The mark of the innermost '[' or '{' still open where the parser stopped."""
    opened: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= stop.index:
                break
            if isinstance(token, _FLOW_OPEN):
                opened.append(token.start_mark)
            elif isinstance(token, _FLOW_CLOSE) and opened:
                opened.pop()
    except (yaml.YAMLError, RecursionError):
        pass  # the scanner stopped too: what was open by then is the answer
    return opened[-1] if opened else None
