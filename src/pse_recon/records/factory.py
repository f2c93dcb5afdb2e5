"""Record classes derived from the layouts: one attrs class per record type.

Classes are made once per format and shared by its width variants (fillers are
not attributes, so a 150-column and a 162-column detail are the same record).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from pse_recon.layouts import layout as get_layout
from pse_recon.layouts.base import RecordLayout
from pse_recon.records.base import Record


def class_name(rec: RecordLayout) -> str:
    """``"lot control"`` → ``"LotControl"``."""
    return "".join(word.capitalize() for word in rec.name.split())


def make_record_class(format_name: str, rec: RecordLayout) -> type[Record]:
    these = {
        f.name: attrs.field(default=f.default, type=f.python_type, kw_only=True)
        for f in rec.attributes
    }
    cls: type[Record] = attrs.make_class(
        class_name(rec), these, bases=(Record,), frozen=True, slots=True, kw_only=True
    )
    cls.record_type = rec.record_type
    cls.format = format_name
    cls.layout = rec
    cls.__module__ = "pse_recon.records"
    cls.__doc__ = f"{format_name} record {rec.record_type}: {rec.name}."
    return cls


_TWINS: dict[type[Record], type[Record]] = {}


def unfrozen_twin(cls: type[Record]) -> type[Record]:
    """A subclass of ``cls`` with plain attribute assignment and the same slots.

    For the generated decoders only: they make an instance of the twin, store
    each slot directly (a specialised, very cheap operation) and then set its
    ``__class__`` to ``cls``, which the identical memory layout allows. The result
    is an ordinary, frozen ``cls`` record, made about seven times faster than by
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


@functools.cache
def record_classes(format_name: str) -> Mapping[str, type[Record]]:
    """Record type code → record class, for ``format_name``."""
    fmt = get_layout(format_name)
    return MappingProxyType(
        {code: make_record_class(format_name, rec) for code, rec in fmt.records.items()}
    )
