"""``python -m tests.snapshots``: rewrite the snapshots of generated code."""

from tests.snapshots import write

for name in write() or ["(every snapshot is current)"]:
    print(name)
