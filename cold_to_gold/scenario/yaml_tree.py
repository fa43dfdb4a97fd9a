"""Safe YAML loading into a tree that remembers where every key and value stands.

PyYAML's `safe_load` forgets line numbers and silently keeps the last of two
duplicate keys. Here the document is composed into nodes (libyaml when
available), then copied into `YamlNode`s that keep each position, every key
of a mapping (duplicates included) and the source text of each scalar.
Hostile input is refused with a located problem: files over 1 MB, binary or
non-UTF-8 bytes, nesting deeper than `MAX_DEPTH`, alias bombs and recursive
aliases.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from cold_to_gold.base.one_line import one_line
from cold_to_gold.scenario.problems import START_OF_FILE, Where
from cold_to_gold.scenario.yaml_errors import syntax_error
from cold_to_gold.scenario.yaml_values import MERGE, ValueProblem, check_collection, scalar_value

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 60_000
MAX_ITEMS = 40_000  # lines plus commas: a generous ceiling for any hand-written scenario

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, counting nodes as it composes them so a flood stops early."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.composed = 0

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        self.composed += 1
        if self.composed > MAX_NODES:
            raise _TooManyNodes
        return super().resolve(kind, value, implicit)


class _TooManyNodes(Exception):
    pass


class SourceError(Exception):
    """The file cannot be read as YAML at all; one located message."""

    def __init__(self, where: Where, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


class YamlNode(NamedTuple):
    """A mapping, sequence or scalar with its position in the file.

    `value` is a tuple of (key, value) node pairs for a mapping, a tuple of
    nodes for a sequence, and the resolved Python value for a scalar (with
    decimals as `Decimal`, never `float`). `text` is a scalar's source text.
    A named tuple: large files have tens of thousands of these.
    """

    kind: str
    value: Any
    where: Where
    text: str = ""
    style: str = ""
    end_line: int = 0

    @property
    def quoted(self) -> bool:
        """Quoted or block text: the author meant a string, whatever it looks like."""
        return self.style != ""

    @property
    def is_map(self) -> bool:
        return self.kind == "map"

    @property
    def is_seq(self) -> bool:
        return self.kind == "seq"

    @property
    def is_scalar(self) -> bool:
        return self.kind == "scalar"


def read_source(path: Path) -> str:
    """Read a scenario file as text, refusing what is not a small regular UTF-8 text file.

    A named pipe, a device or a socket is refused before it is read (opening a pipe
    would wait for a writer; `/dev/zero` never ends), and the size is checked first.
    """
    kind = _special_kind(path)
    if kind == "a folder":
        raise SourceError(START_OF_FILE, _folder_problem(path))
    if kind is not None:
        raise SourceError(START_OF_FILE, f"not a regular file ({kind})")
    try:
        # O_NONBLOCK: should the path become a pipe after the check, opening it returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SourceError(START_OF_FILE, f"cannot read file: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as file:
        try:
            found = os.fstat(file.fileno())  # what was opened, whatever the path says now
            if not stat.S_ISREG(found.st_mode):
                raise SourceError(START_OF_FILE, "not a regular file")
            if found.st_size > MAX_BYTES:
                raise SourceError(
                    START_OF_FILE, f"file is larger than 1 MB ({found.st_size:,} bytes)"
                )
            data = file.read(MAX_BYTES + 1)
        except OSError as error:
            raise SourceError(
                START_OF_FILE, f"cannot read file: {error.strerror or error}"
            ) from None
    if len(data) > MAX_BYTES:
        raise SourceError(START_OF_FILE, "file is larger than 1 MB")
    return decode_source(data)


def _folder_problem(path: Path) -> str:
    """A folder given where a scenario file was expected: say why it cannot be used."""
    try:
        with os.scandir(path):
            pass
    except OSError as error:  # a folder a scan could not enter: as an unreadable file is
        return f"cannot read folder: {error.strerror or error}"
    return f"cannot read file: {os.strerror(errno.EISDIR)}"


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _special_kind(path: Path) -> str | None:
    """What `path` is (after links) when it is not a regular file; None for a file or
    when it cannot be looked at (opening it then says why)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None


def decode_source(data: bytes) -> str:
    """Decode UTF-8 bytes (an optional BOM allowed), refusing binary data."""
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise SourceError(_where_in_bytes(data, nul), "binary file (contains a NUL byte)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            _where_in_bytes(data, error.start),
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x})",
        ) from None


def _where_in_bytes(data: bytes, offset: int) -> Where:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Where(data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _where_in_text(text: str, offset: int) -> Where:
    line_start = text.rfind("\n", 0, offset) + 1
    return Where(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def parse_yaml(text: str) -> YamlNode | None:
    """Compose one YAML document into located nodes; None for an empty document."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SourceError(START_OF_FILE, "file is larger than 1 MB")
    items = text.count("\n") + text.count(",")
    if items > MAX_ITEMS:
        raise SourceError(
            START_OF_FILE,
            f"file has {items:,} lines and commas; a scenario has far fewer than {MAX_ITEMS:,}",
        )
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except _TooManyNodes:
        raise SourceError(START_OF_FILE, f"file has more than {MAX_NODES:,} values") from None
    except yaml.MarkedYAMLError as error:
        raise SourceError(*syntax_error(error, text, MAX_DEPTH)) from None
    except yaml.reader.ReaderError as error:
        character = error.character
        code = character if isinstance(character, int) else ord(character[:1] or "\0")
        raise SourceError(
            _where_in_text(text, error.position),
            f"character #x{code:04x} is not allowed in YAML (a control character)",
        ) from None
    except yaml.YAMLError as error:
        raise SourceError(START_OF_FILE, one_line(f"YAML error: {error}")) from None
    except RecursionError:
        raise SourceError(
            START_OF_FILE, f"nesting is too deep (more than {MAX_DEPTH} levels)"
        ) from None
    finally:
        loader.dispose()
    if root is None:
        return None
    return _Converter(loader).convert(root)


def _where(node: yaml.Node) -> Where:
    return Where(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Copies a composed node graph into `YamlNode`s, with limits on size and depth.

    A node reached again through an alias is converted once and shared; its
    expanded size still counts, so an alias bomb is refused without expanding it.
    """

    def __init__(self, loader: Any) -> None:
        self._loader = loader
        self._expanded = 0
        self._open: set[int] = set()
        self._done: dict[int, tuple[YamlNode, int, int]] = {}  # id -> (node, size, height)
        self._heights: dict[int, int] = {}  # id of a converted mapping or list -> its height

    def _count(self, node: yaml.Node, size: int) -> None:
        self._expanded += size
        if self._expanded > MAX_NODES:
            raise SourceError(
                _where(node),
                f"more than {MAX_NODES:,} values once aliases are expanded (an alias bomb?)",
            )

    def convert(self, node: yaml.Node, depth: int = 0) -> YamlNode:
        if depth > MAX_DEPTH:
            raise SourceError(_where(node), f"nesting is too deep (more than {MAX_DEPTH} levels)")
        if isinstance(node, yaml.ScalarNode):
            self._count(node, 1)
            return self._scalar(node)
        done = self._done.get(id(node))
        if done is not None:
            converted, size, height = done
            if depth + height > MAX_DEPTH:
                raise SourceError(
                    _where(node), f"nesting is too deep (more than {MAX_DEPTH} levels)"
                )
            self._count(node, size)
            return converted
        if id(node) in self._open:
            raise SourceError(_where(node), "an alias refers to itself (recursive structure)")
        try:
            check_collection(node.tag, isinstance(node, yaml.SequenceNode))
        except ValueProblem as problem:
            raise SourceError(_where(node), str(problem)) from None
        self._open.add(id(node))
        before = self._expanded
        if isinstance(node, yaml.SequenceNode):
            items = tuple(self.convert(item, depth + 1) for item in node.value)
            converted = YamlNode("seq", items, _where(node))
            children = items
        else:
            pairs = self._pairs(node, depth)
            converted = YamlNode("map", pairs, _where(node))
            children = tuple(part for pair in pairs for part in pair)
        self._open.discard(id(node))
        self._count(node, 1)
        height = 1 + max((self._heights.get(id(child), 0) for child in children), default=0)
        self._heights[id(converted)] = height
        self._done[id(node)] = (converted, self._expanded - before, height)
        return converted

    def _pairs(self, node: yaml.MappingNode, depth: int) -> tuple[tuple[YamlNode, YamlNode], ...]:
        merged: list[tuple[YamlNode, YamlNode]] = []
        own: list[tuple[YamlNode, YamlNode]] = []
        for key, value in node.value:
            if key.tag == MERGE:
                merged.extend(self._merge(value, depth))
            else:
                own.append((self.convert(key, depth + 1), self.convert(value, depth + 1)))
        if merged:
            # `<<: *base` supplies defaults: the mapping's own keys win, without a duplicate error.
            own_names = {key.text for key, _ in own}
            seen: set[str] = set()
            kept = []
            for key, value in merged:
                if key.text not in own_names and key.text not in seen:
                    seen.add(key.text)
                    kept.append((key, value))
            own = kept + own
        return tuple(own)

    def _merge(self, value: yaml.Node, depth: int) -> list[tuple[YamlNode, YamlNode]]:
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        pairs: list[tuple[YamlNode, YamlNode]] = []
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise SourceError(_where(source), "`<<` merges only mappings")
            converted = self.convert(source, depth + 1)
            pairs.extend(converted.value)
        return pairs

    def _scalar(self, node: yaml.ScalarNode) -> YamlNode:
        return YamlNode(
            "scalar",
            self._resolve(node),
            _where(node),
            node.value,
            node.style or "",
            node.end_mark.line + 1,
        )

    def _resolve(self, node: yaml.ScalarNode) -> Any:
        try:
            return scalar_value(self._loader, node.tag, node.value)
        except ValueProblem as problem:
            raise SourceError(_where(node), str(problem)) from None
