"""Line heights of a long list where nearly every item is one line, and which item a line shows.

A note pane holds up to 100,000 notes, but only those that were on screen were ever wrapped: the
others count as one line. So only the heights that differ from 1 are kept, as sorted (index, extra
lines) pairs, and their running sums are rebuilt lazily: appending, forgetting every height (a
resize) and cutting the tail (a replay step back) cost O(1) or O(taller items), never O(items).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class LineHeights:
    def __init__(self, count: int = 0) -> None:
        self._count = count
        self._index: list[int] = []  # items taller than one line, ascending
        self._extra: list[int] = []  # their lines beyond the first
        self._starts: list[int] | None = None  # first line of each, rebuilt when needed
        self._extra_before: list[int] = []  # extra lines before each (and one past the last)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> int:
        position = bisect_left(self._index, index)
        if position < len(self._index) and self._index[position] == index:
            return 1 + self._extra[position]
        return 1

    def reset(self, count: int) -> None:
        """`count` items of one line each."""
        self._count = count
        self._index, self._extra = [], []
        self._starts = None

    def extend(self, count: int) -> None:
        """`count` more items of one line each, at the end."""
        self._count += count

    def truncate(self, count: int) -> None:
        """Keep the first `count` items."""
        position = bisect_left(self._index, count)
        del self._index[position:], self._extra[position:]
        self._count = min(self._count, count)
        self._starts = None

    def set(self, index: int, height: int) -> None:
        extra = max(height, 1) - 1
        position = bisect_left(self._index, index)
        present = position < len(self._index) and self._index[position] == index
        if present and extra:
            if self._extra[position] == extra:
                return
            self._extra[position] = extra
        elif present:
            del self._index[position], self._extra[position]
        elif extra:
            self._index.insert(position, index)
            self._extra.insert(position, extra)
        else:
            return
        self._starts = None

    def _sums(self) -> list[int]:
        if self._starts is None:
            before, starts, extra_before = 0, [], []
            for index, extra in zip(self._index, self._extra):
                starts.append(index + before)
                extra_before.append(before)
                before += extra
            extra_before.append(before)
            self._starts, self._extra_before = starts, extra_before
        return self._starts

    def prefix(self, count: int) -> int:
        """Lines taken by the first `count` items."""
        self._sums()
        return count + self._extra_before[bisect_left(self._index, count)]

    @property
    def total(self) -> int:
        return self.prefix(self._count)

    def find(self, line: int) -> tuple[int, int]:
        """(item, line within it) for a line, 0 <= line < total."""
        starts = self._sums()
        position = bisect_right(starts, line) - 1
        if position < 0:
            return line, 0  # before the first tall item, every item is one line
        start, height = starts[position], 1 + self._extra[position]
        if line < start + height:
            return self._index[position], line - start
        return self._index[position] + 1 + (line - start - height), 0
