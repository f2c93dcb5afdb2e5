"""Running generated source so that it can be debugged like any other.

Like attrs, every function the library generates is compiled under a file name of
its own (``<pse_recon decoder asobancaria-2001 162 06 lf>``) whose source is put in
:mod:`linecache`: a traceback through a generated decoder shows its line, and
``inspect.getsource`` and debuggers find it. The source of each generated function
stays on its compiled object too (``CompiledRecord.decoder_source`` and
``encoder_source``, ``Scanner.source``); ``python -m pse_recon.compile FORMAT
RECORD`` prints it.
"""

from __future__ import annotations

import itertools
import linecache
from typing import Any, TypeVar

T = TypeVar("T")

_SERIAL = itertools.count(1)


def filename(what: str) -> str:
    """A file name for generated source: ``<pse_recon …>``, made unique if another
    source was registered under it (two layouts may share a name and a width)."""
    name = f"<pse_recon {what}>"
    if name in linecache.cache:
        name = f"<pse_recon {what} #{next(_SERIAL)}>"
    return name


def run(source: str, what: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Compile and run ``source`` in ``namespace`` (filled with what it defines) and
    register it in :mod:`linecache` as ``what``; returns the namespace."""
    name = filename(what)
    exec(compile(source, name, "exec"), namespace)
    # (size, mtime, lines, name): a None mtime tells linecache.checkcache that the
    # entry has no file to be compared with, so it is kept.
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    return namespace


def indent(lines: list[str], depth: int) -> list[str]:
    """``lines`` (each possibly several lines of source) indented ``depth`` levels."""
    pad = "    " * depth
    return [pad + part for line in lines for part in line.split("\n")]


_TWINS: dict[type, type] = {}


def unfrozen_twin(cls: type[T]) -> type[T]:
    """A subclass of ``cls`` with plain attribute assignment and the same slots.

    For generated code only (decoders, constructors): it makes an instance of the
    twin, stores each slot directly (a specialised, very cheap operation) and then
    sets its ``__class__`` to ``cls``, which the identical memory layout allows. The
    result is an ordinary, frozen ``cls`` object, made about seven times faster than by
    the frozen ``__init__`` with its ``object.__setattr__`` call per field. Both
    ``__setattr__`` and ``__delattr__`` must be plain for CPython to assign slots
    directly.
    """
    twin = _TWINS.get(cls)
    if twin is None:
        namespace = {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cls.__module__,
        }
        twin = _TWINS[cls] = type(f"_Unfrozen{cls.__name__}", (cls,), namespace)
    return twin
