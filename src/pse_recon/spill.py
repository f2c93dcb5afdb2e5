"""Items kept by group for a command that must see all its input before it writes,
in flat memory: ``pse-recon generate`` (a lot's detail lines wait for its header and
control) and ``pse-recon reconcile`` (payments and expectations wait for their
bucket to be paired, outcomes for their turn to be printed).

Inputs are opened once (standard input, pipes, gz and zip members cannot be read
twice), so what a later step needs is spilled rather than made again: in memory up
to a budget of items, past it in one unnamed temporary file (removed by the system
whatever happens) as chunks of each group's items written with :mod:`marshal`. The
items are this process's own (bytes, text, integers and tuples of them), read back
by it; amounts travel as their decimal text, which reads back to the same
``Decimal``. A small input never touches the disk.
"""

from __future__ import annotations

import marshal
import tempfile
from array import array
from collections.abc import Hashable, Iterator
from typing import IO, Any, Final, Generic, TypeVar

#: Items held in memory before they go to the temporary file (a few MB of lines or
#: tuples); what grows past it is the index of chunks, 16 bytes a chunk.
BUDGET: Final = 16_384


#: What names a group: a lot's key, a bucket's number.
K = TypeVar("K", bound=Hashable)


class Spill(Generic[K]):
    """Items appended to groups, given back per group in the order added."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.held: dict[K, list[Any]] = {}
        self.chunks: dict[K, array[int]] = {}  # per group: offset, size, offset, size …
        self.file: IO[bytes] | None = None
        self._size = 0
        self._end = 0

    def add(self, group: K, item: Any) -> None:
        held = self.held.get(group)
        if held is None:
            held = self.held[group] = []
        held.append(item)
        self._size += 1
        if self._size >= self.budget:
            self._flush()

    def _flush(self) -> None:
        """Every group's held items to the end of the file, one chunk each."""
        if self.file is None:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.file.seek(self._end)
        for group, items in self.held.items():
            if items:
                data = marshal.dumps(items)
                self.chunks.setdefault(group, array("q")).extend((self._end, len(data)))
                self.file.write(data)
                self._end += len(data)
        self.held.clear()
        self._size = 0

    def groups(self) -> set[K]:
        return {*self.chunks, *self.held}

    def items(self, group: K, *, once: bool = False) -> Iterator[Any]:
        """The items of ``group`` in the order added, a chunk at a time; ``once``: the
        last time, so what it holds in memory is let go as it is given."""
        chunks = self.chunks.get(group, ())
        for offset, size in zip(chunks[::2], chunks[1::2], strict=True):
            assert self.file is not None
            self.file.seek(offset)
            yield from marshal.loads(self.file.read(size))
        held = self.held.get(group, [])
        if once:
            self._size -= len(self.held.pop(group, ()))
        yield from held

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.held.clear()
        self.chunks.clear()
