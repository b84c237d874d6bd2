"""Reading the demo fixture files with messages that say which file and which entry is wrong.

The files are hand-transcribed from the seeds, so a slip (a missing key, a
number typed as text) must come back as one clear line, never a traceback.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any


class DemoDataError(Exception):
    """A fixture file is unreadable or says something the app cannot store."""


@dataclass(frozen=True)
class Node:
    """A JSON value with the path that leads to it, e.g. ``plan_….json: priorities[2].actions[0]``."""

    value: Any
    where: str

    def fail(self, message: str) -> DemoDataError:
        return DemoDataError(f"{self.where}: {message}")

    def _child(self, key: str) -> "Node":
        if not isinstance(self.value, dict):
            raise self.fail("expected an object")
        if key not in self.value:
            raise self.fail(f"'{key}' is missing")
        return Node(self.value[key], f"{self.where}.{key}")

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and key in self.value

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and not self.has(key):
            return default
        node = self._child(key)
        if node.value is None and default is not None:
            return default
        if not isinstance(node.value, str):
            raise node.fail("expected text")
        return node.value

    def optional_text(self, key: str) -> str | None:
        """Text, or None where the file says null or leaves the key out."""
        if not self.has(key) or self.value[key] is None:
            return None
        return self.text(key)

    def items(self, key: str) -> list["Node"]:
        node = self._child(key)
        if not isinstance(node.value, list):
            raise node.fail("expected a list")
        return [Node(item, f"{node.where}[{index}]") for index, item in enumerate(node.value)]

    def child(self, key: str) -> "Node":
        node = self._child(key)
        if not isinstance(node.value, dict):
            raise node.fail("expected an object")
        return node

    def paragraphs(self, key: str) -> str:
        """A list of paragraphs → text; a paragraph that is a list is a bullet list ('- ' lines)."""
        parts = []
        for item in self.items(key):
            if isinstance(item.value, str):
                parts.append(item.value)
            elif isinstance(item.value, list) and all(isinstance(line, str) for line in item.value):
                parts.append("\n".join(f"- {line}" for line in item.value))
            else:
                raise item.fail("expected a paragraph (text) or a bullet list (list of text)")
        return "\n\n".join(parts)

    def lines(self, key: str, bullet: str = "") -> str:
        """Text, or a list of text kept one item per line (optionally bulleted)."""
        node = self._child(key)
        if isinstance(node.value, str):
            return node.value
        if isinstance(node.value, list) and all(isinstance(line, str) for line in node.value):
            return "\n".join(f"{bullet}{line}" for line in node.value)
        raise node.fail("expected text or a list of text")


def read_document(path: Path) -> Node:
    """Parse one fixture file; JSON errors name the file, line and column."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{path.name}: cannot be read ({error})") from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        ) from error
    node = Node(data, path.name)
    if not isinstance(data, dict):
        raise node.fail("expected an object at the top level")
    return node


_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def start_year(node: Node, key: str = "plan_year") -> int:
    """'2013-14' → 2013; anything else is refused."""
    label = node.text(key)
    match = _YEAR.match(label)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise node.fail(f"'{key}' must be a financial year written like 2013-14, not {label!r}")
    return int(match.group(1))


_FIGURE = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def figure(node: Node, key: str) -> Decimal:
    """A figure as printed in a table, '2,146.4' or '-716.9', as a Decimal."""
    text = node.text(key).strip()
    if not _FIGURE.match(text):
        raise node.fail(f"'{key}' must be a figure as printed, e.g. '2,146.4', not {text!r}")
    return Decimal(text.replace(",", ""))


_VALUE = re.compile(r"^£(?P<amount>\d+(?:\.\d+)?)\s*(?P<scale>m|k|bn)?(?:\s*\((?P<note>[^()]+)\))?$")
_SCALES = {None: Decimal(1), "k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}


def pounds(node: Node, key: str) -> tuple[Decimal | None, str]:
    """An expected value as printed → (pounds, qualifier): '£1.1m (p/a)' → (1100000, 'p/a'); 'N/A' → (None, '')."""
    text = node.text(key).strip()
    if text.upper() == "N/A":
        return None, ""
    match = _VALUE.match(text)
    if not match:
        raise node.fail(f"'{key}' must be a value like '£36.3m', '£1.1m (p/a)' or 'N/A', not {text!r}")
    try:
        amount = Decimal(match.group("amount")) * _SCALES[match.group("scale")]
    except InvalidOperation as error:  # pragma: no cover - the pattern only admits plain decimals
        raise node.fail(f"'{key}' is not a number: {text!r}") from error
    return amount.quantize(Decimal("0.01")), (match.group("note") or "").strip()
