"""Lines kept in groups, in the order added, for a writer that must see every input
before it writes the first line (``pse-recon generate``: a lot's details follow its
header, and the lots follow the services, so nothing is written until the last
transaction is read).

Inputs are opened once (standard input, pipes, gz and zip members cannot be read
twice), so the lines are spooled rather than made again from a second pass: in
memory up to :data:`BUDGET` bytes, past it in one unnamed temporary file (removed by
the system whatever happens) as blocks of each group's lines, read back group by
group. A small file never touches the disk; a million lines hold a few MB.
"""

from __future__ import annotations

import tempfile
from collections.abc import Hashable, Iterator
from typing import IO, Final

#: Bytes of lines held in memory before they go to the temporary file.
BUDGET: Final = 4 << 20


class Spool:
    """Lines (bytes without a line feed) by group, given back in the order added."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.held: dict[Hashable, list[bytes]] = {}
        self.blocks: dict[Hashable, list[tuple[int, int]]] = {}
        self.size = 0
        self.file: IO[bytes] | None = None

    def add(self, group: Hashable, line: bytes) -> None:
        lines = self.held.get(group)
        if lines is None:
            lines = self.held[group] = []
        lines.append(line)
        self.size += len(line) + 1
        if self.size > self.budget:
            self._flush()

    def _flush(self) -> None:
        """Every group's held lines to the end of the file, as one block each."""
        if self.file is None:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        f = self.file
        f.seek(0, 2)
        for group, lines in self.held.items():
            if lines:
                data = b"\n".join(lines) + b"\n"
                self.blocks.setdefault(group, []).append((f.tell(), len(data)))
                f.write(data)
                lines.clear()
        self.size = 0

    def lines(self, group: Hashable) -> Iterator[bytes]:
        """The lines of ``group``, in the order they were added."""
        for offset, size in self.blocks.get(group, ()):
            assert self.file is not None
            self.file.seek(offset)
            yield from self.file.read(size).split(b"\n")[:-1]
        yield from self.held.get(group, ())

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
