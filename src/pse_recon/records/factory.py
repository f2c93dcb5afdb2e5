"""Record classes derived from the layouts: one attrs class per record type.

Classes are made once per format and shared by its width variants (fillers are
not attributes, so a 150-column and a 162-column detail are the same record).

A record checks its values when it is made (``__init__``, ``attrs.evolve``): it
encodes itself with its format's compiled encoder, so a value of the wrong type,
too long, negative, with too many decimals, timezone-aware or holding a control
character raises :class:`~pse_recon.errors.EncodeError` naming the record type and
field at once, not later in ``build`` or ``dumps``; the check is the encoder's,
so construction and writing can never disagree. Only the character encoding,
which writing chooses, is checked later. The compiled decoders make records
without ``__init__``, so reading does not pay for it.

A built-in format's classes live in its module: ``__module__`` and ``__qualname__``
say ``pse_recon.records.asobancaria_2001.Detail``, where pickle (and a reader of a
traceback) finds them. A layout declared elsewhere has no such module; its records
pickle with their layout (:meth:`.Record.__reduce_ex__`), and unpickle as records
of the equal layout's classes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from pse_recon import layouts
from pse_recon.compile.codegen import unfrozen_twin
from pse_recon.declaration import FileLayout, RecordLayout
from pse_recon.layouts import layout as get_layout
from pse_recon.records.base import Record


def class_name(rec: RecordLayout) -> str:
    """``"lot control"`` → ``"LotControl"``, ``"bank and state totals"`` →
    ``"BankStateTotals"``."""
    return "".join(word.capitalize() for word in rec.name.split() if word != "and")


def make_record_class(fmt: FileLayout, rec: RecordLayout) -> type[Record]:
    these = {
        f.name: attrs.field(default=f.default, type=f.python_type, kw_only=True)
        for f in rec.attributes
    }
    cls: type[Record] = attrs.make_class(
        class_name(rec), these, bases=(Record,), frozen=True, slots=True, kw_only=True,
        class_body={"__attrs_post_init__": _check_values},
    )
    cls.record_type = rec.record_type
    cls.format = fmt.name
    cls.layout = rec
    cls.file_layout = fmt
    cls.__module__ = module_name(fmt) or __name__
    cls.__qualname__ = cls.__name__
    cls.__doc__ = f"{fmt.name} record {rec.record_type}: {rec.name}."
    return cls


def module_name(fmt: FileLayout) -> str | None:
    """The module the record classes of ``fmt`` live in (``pse_recon.records.andesco``),
    or None for a layout that is not a built-in format."""
    if layouts.FORMATS.get(fmt.name) != fmt.with_width(None):
        return None
    return f"pse_recon.records.{fmt.name.replace('-', '_')}"


_ENCODERS: dict[type[Record], Callable[[Record], str]] = {}


def _check_values(record: Record) -> None:
    """Encode ``record`` at its format's standard width: raises EncodeError naming
    the field whose value cannot be written. The encoder is found once per class."""
    encoder(record.__class__)(record)


def made_and_encoded(cls: type[Record], values: Mapping[str, Any]) -> tuple[Record, str]:
    """``cls(**values)`` and its line at its format's standard width, encoded once: the
    record's own check is that encoding (:func:`_check_values`), so a writer of a
    million records (``pse-recon generate``) need not encode each twice. The record is
    made as the decoders make them (:func:`unfrozen_twin`); values that ``__init__``
    would refuse for their names are left to ``__init__``, which raises."""
    found = _DEFAULTS.get(cls)
    if found is None:
        fields = attrs.fields(cls)
        simple = not any(isinstance(a.default, attrs.Factory) for a in fields)  # type: ignore[arg-type]
        found = _DEFAULTS[cls] = ({a.name: a.default for a in fields} if simple else {},
                                  frozenset(a.name for a in fields if a.init))
    defaults, names = found
    if not defaults or len(values.keys() - names) or any(
        d is attrs.NOTHING and name not in values for name, d in defaults.items()
    ):
        record = cls(**values)  # as __init__ makes it, or raises TypeError
        return record, encoder(cls)(record)
    twin = unfrozen_twin(cls)
    made = twin.__new__(twin)
    for name, default in defaults.items():
        setattr(made, name, values.get(name, default))
    made.__class__ = cls
    return made, encoder(cls)(made)


def encoder(cls: type[Record]) -> Callable[[Record], str]:
    """The compiled encoder of ``cls`` at its format's standard width, found once."""
    encode = _ENCODERS.get(cls)
    if encode is None:
        from pse_recon.compile.codec import compile_format  # it compiles these classes

        encode = _ENCODERS[cls] = compile_format(cls.file_layout)[cls.record_type].encode
    return encode


#: Record class → its fields' defaults ({} when one is a factory) and the names __init__ takes.
_DEFAULTS: dict[type[Record], tuple[dict[str, Any], frozenset[str]]] = {}


def record_classes(fmt: FileLayout | str) -> Mapping[str, type[Record]]:
    """Record type code → record class, for a layout (or a built-in format's name).

    Classes belong to the layout at its standard width and are shared by its width
    variants: fillers are not attributes, so a 150-column and a 162-column 2001
    detail are the same record."""
    layout = get_layout(fmt) if isinstance(fmt, str) else fmt
    return _classes(layout.with_width(None))


@functools.cache
def _classes(fmt: FileLayout) -> Mapping[str, type[Record]]:
    return MappingProxyType({code: make_record_class(fmt, rec) for code, rec in fmt.records.items()})
