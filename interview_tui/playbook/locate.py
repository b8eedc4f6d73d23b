"""Where a value sits in a playbook file: paths of keys and indexes walked through the YAML node tree.

pydantic names a problem by its `loc` (`("phases", 0, "minutes")`); the node tree that
`yaml.compose` builds keeps each node's start mark, so the same path gives a line and a column.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

Path = Sequence[str | int]


def node_at(node: yaml.Node | None, path: Path) -> yaml.Node | None:
    """The YAML node at a path of keys and indexes, or None where the path leaves the tree."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            # The last of equal keys, as YAML reads it (and a `<<:` merge puts merged keys first).
            node = next(
                (value for key, value in reversed(node.value) if isinstance(key, yaml.ScalarNode) and key.value == str(part)),
                None,
            )
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def key_node_at(root: yaml.Node | None, path: Path) -> yaml.Node | None:
    """The node of the last key in `path` (not its value): where an unknown key is written."""
    if not path:
        return None
    parent = node_at(root, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _value in reversed(parent.value):
            if isinstance(key, yaml.ScalarNode) and key.value == str(path[-1]):
                return key
    return None


def nearest_node(root: yaml.Node | None, path: Path) -> yaml.Node | None:
    """The node at `path`, or at the longest part of it that exists (a missing key's parent)."""
    for length in range(len(path), -1, -1):
        node = node_at(root, path[:length])
        if node is not None:
            return node
    return None


def mark_of(node: yaml.Node | None) -> tuple[int | None, int | None]:
    """1-based line and column where `node` starts, as editors count them."""
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


def line_and_column_at(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset into `text`."""
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
