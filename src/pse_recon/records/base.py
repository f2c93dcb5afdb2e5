"""The base of every record class.

Record classes are attrs classes generated from the layouts
(:mod:`pse_recon.records.factory`): frozen, slotted, keyword-only, one attribute
per non-filler field. Besides the fields, a record knows the 1-based ``line`` it was
read from and keeps the ``raw`` bytes of that line (terminator included), which is
what makes ``dumps(read(b)) == b`` hold even for files that deviate from the
manual. Neither takes part in equality, and :func:`attrs.evolve` drops ``raw``, so
a changed record is always written from its values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, SupportsIndex

import attrs

if TYPE_CHECKING:
    from pse_recon.declaration import FileLayout, RecordLayout


@attrs.frozen(kw_only=True, slots=True, init=False)  # each record class makes its own
class Record:
    """A record of any format. Subclasses add one attribute per field."""

    record_type: ClassVar[str]
    format: ClassVar[str]
    layout: ClassVar[RecordLayout]
    #: The file layout the class belongs to, at its standard width.
    file_layout: ClassVar[FileLayout]

    line: int = attrs.field(default=0, eq=False, repr=False)
    raw: bytes | None = attrs.field(default=None, init=False, eq=False, repr=False)

    if TYPE_CHECKING:
        # Subclasses are generated at import; the built-in formats' are declared to type
        # checkers in their modules' stubs (records/*.pyi, ADR 0014), fields and all.
        def __init__(self, **fields: Any) -> None: ...

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        """Pickled by class reference for the built-in formats (their classes live in
        their modules), else with the layout, which the class is remade from."""
        cls = type(self)
        if cls.__module__ != "pse_recon.records.factory":
            return super().__reduce_ex__(protocol)
        return (_remade, (cls.file_layout, cls.record_type), self.__getstate__())

    def values(self) -> dict[str, Any]:
        """The record's field values by name, in column order."""
        return {f.name: getattr(self, f.name) for f in self.layout.attributes}


def _remade(layout: FileLayout, record_type: str) -> Record:
    """An empty record of ``layout``'s class for ``record_type``, for pickle to fill."""
    from pse_recon.records.factory import record_classes

    cls = record_classes(layout)[record_type]
    record: Record = cls.__new__(cls)
    return record
