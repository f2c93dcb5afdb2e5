"""Records made of fields, files made of records.

A layout file lists fields in order; :func:`record` computes every field's
columns from that order, so positions are never typed. A :class:`FileLayout`
adds the file's structure (:mod:`.structures`: which record opens, closes and
groups what), which is all the reader, writer, builder and validator need to
know about a format.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from pse_recon.declaration.fields import Field
from pse_recon.declaration.roles import Role
from pse_recon.declaration.structures import Structure


@attrs.frozen
class RecordLayout:
    """One record type: its code (``"06"``), a short role name and its fields."""

    record_type: str
    name: str
    fields: tuple[Field, ...]
    description: str = ""

    @property
    def width(self) -> int:
        return self.fields[-1].end

    @property
    def attributes(self) -> tuple[Field, ...]:
        """The fields that become attributes of the record class (no fillers)."""
        return tuple(f for f in self.fields if f.is_attribute)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"record {self.record_type} has no field {name!r}")

    def role(self, role: Role) -> Field | None:
        """The field that has ``role`` (:mod:`.roles`), or None when this record
        declares none."""
        for f in self.fields:
            if f.role is role:
                return f
        return None

    def field_at(self, column: int) -> Field | None:
        """The field covering 1-based ``column``, or None past the record's end."""
        for f in self.fields:
            if f.start <= column <= f.end:
                return f
        return None

    def with_width(self, width: int) -> RecordLayout:
        """The same record with its trailing filler resized to reach ``width``.

        This is how the 150-column Asobancaria 2001 variant is declared: not a copy
        of the layout, the same one with a shorter ``reservado``.
        """
        last = self.fields[-1]
        delta = width - self.width
        if delta == 0:
            return self
        if last.is_attribute or last.length + delta < 1:
            raise ValueError(f"record {self.record_type} cannot be {width} columns wide")
        fields = (*self.fields[:-1], attrs.evolve(last, length=last.length + delta, start=0, end=0))
        return record(self.record_type, self.name, *fields, description=self.description)


def record(record_type: str, name: str, *fields: Field, description: str = "") -> RecordLayout:
    """Declare a record: columns are computed from the order of ``fields``."""
    placed: list[Field] = []
    column = 1
    for f in fields:
        placed.append(attrs.evolve(f, start=column, end=column + f.length - 1))
        column += f.length
    names = [f.name for f in placed if f.is_attribute]
    if len(names) != len(set(names)):
        raise ValueError(f"record {record_type}: duplicate field names")
    roles = [f.role for f in placed if f.role is not None]
    if len(roles) != len(set(roles)):
        raise ValueError(f"record {record_type}: a role is declared by two fields")
    first = placed[0]
    if first.constant != record_type:
        raise ValueError(f"record {record_type}: the first field must be the constant type code")
    return RecordLayout(record_type, name, tuple(placed), description)


class RecordMap(Mapping[str, RecordLayout]):
    """A file layout's records by type code, in declaration order: read-only and
    hashable, so that a layout is a value that keys the caches of what is derived from
    it (compiled codecs, validation plans, record classes)."""

    __slots__ = ("_hash", "_records")

    def __init__(self, records: Mapping[str, RecordLayout]) -> None:
        self._records = dict(records)
        self._hash = hash(tuple(self._records.items()))

    def __getitem__(self, record_type: str) -> RecordLayout:
        return self._records[record_type]

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return list(self.items()) == list(other.items())

    def __repr__(self) -> str:
        return f"RecordMap({self._records!r})"

    def __reduce__(self) -> tuple[type[RecordMap], tuple[dict[str, RecordLayout]]]:
        return RecordMap, (self._records,)  # the hash is made anew: str hashes vary by process


def _record_map(records: Mapping[str, RecordLayout]) -> RecordMap:
    return records if isinstance(records, RecordMap) else RecordMap(records)


def _standard_width(layout: FileLayout) -> int | None:
    return layout.width


@attrs.frozen(cache_hash=True)
class FileLayout:
    """A whole format: its records in declaration order and its structure.

    A layout is a value: frozen, hashable, compared by content, so whatever is derived
    from it (the compiled codec, the validation plans, the record classes) is cached
    on the layout itself, and a layout declared outside the package is read and
    validated like the built-in ones.

    ``width`` is the common line width of formats whose records all share one
    (None for the PSE formats, whose record types differ in width);
    ``variants`` lists the other widths a format is read and written at, and
    ``standard`` the width it is declared at (what :meth:`with_width` of None gives).
    """

    name: str
    title: str
    records: RecordMap = attrs.field(converter=_record_map)
    structure: Structure
    width: int | None
    variants: tuple[int, ...] = ()
    description: str = ""
    standard: int | None = attrs.field(default=attrs.Factory(_standard_width, takes_self=True))

    def __attrs_post_init__(self) -> None:
        lengths = {len(code) for code in self.records}
        if len(lengths) != 1:
            raise ValueError(f"{self.name}: record type codes differ in length")
        if self.width is not None:
            for rec in self.records.values():
                if rec.width != self.width:
                    raise ValueError(
                        f"{self.name}: record {rec.record_type} is {rec.width} wide, not {self.width}"
                    )

    @property
    def type_length(self) -> int:
        """How many leading characters hold the record type."""
        return len(next(iter(self.records)))

    @property
    def widths(self) -> tuple[int, ...]:
        """Every width this format may have (the standard one first)."""
        if self.width is None or self.standard is None:
            return ()
        return (self.standard, *(w for w in (self.width, *self.variants) if w != self.standard))

    @property
    def detail(self) -> RecordLayout:
        """The record type that carries one payment (or one bank-state line in PSE)."""
        return self.records[self.structure.detail]

    @property
    def amount_field(self) -> str:
        """The detail's money field, what totals add up: the one with
        :attr:`~.roles.Role.AMOUNT`, or the detail's only amount when none declares it."""
        f = self.detail.role(Role.AMOUNT)
        if f is None:
            money = [f for f in self.detail.fields if f.kind.money]
            if len(money) != 1:
                raise ValueError(
                    f"{self.name}: record {self.structure.detail} has {len(money)} amounts and "
                    "none with role=Role.AMOUNT (what the totals add up)"
                )
            f = money[0]
        return f.name

    def __iter__(self) -> Iterator[RecordLayout]:
        return iter(self.records.values())

    def __getitem__(self, record_type: str) -> RecordLayout:
        return self.records[record_type]

    def with_width(self, width: int | None) -> FileLayout:
        """This format at another of its widths (see :meth:`RecordLayout.with_width`);
        None is the standard width."""
        if width is None:
            width = self.standard
        if width is None or width == self.width:
            return self
        if width not in self.variants:
            allowed = ", ".join(map(str, self.widths)) or "none"
            raise ValueError(f"{self.name} has no {width}-column variant (widths: {allowed})")
        return attrs.evolve(
            self,
            records={code: rec.with_width(width) for code, rec in self.records.items()},
            width=width,
            variants=tuple(w for w in self.widths if w != width),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """A built-in format pickles as its name and width (what it is looked up by
        again); any other layout by value."""
        from pse_recon.layouts import FORMATS, layout

        if FORMATS.get(self.name) == self.with_width(None):
            return layout, (self.name, self.width)
        by_value = object.__reduce__(self)
        assert isinstance(by_value, tuple)  # a str only for module-level singletons
        return by_value

    # -- a bank's variant: one call, not a copy of the layout ----------------------
    def with_variant(self, width: int, *, name: str | None = None) -> FileLayout:
        """This format at a ``width`` it does not declare (a bank's longer or shorter
        lines: every record's trailing filler resized), its declared widths kept as
        variants; ``name`` renames it, so that files and reports say which it is."""
        if self.width is None:
            raise ValueError(f"{self.name}: its records differ in width; change a field instead")
        variants = self.variants if width in self.widths else (*self.variants, width)
        grown = attrs.evolve(self, variants=variants, name=self.name if name is None else name)
        return grown.with_width(width)

    def with_field(self, record_type: str, field: Field, *, name: str | None = None) -> FileLayout:
        """This format with ``field`` instead of record ``record_type``'s field of that
        name (another length, kind, role or catalog): the columns after it move, and
        the record's trailing filler takes up the difference so the width stays;
        ``name`` renames the layout."""
        rec = self.records[record_type]
        rec.field(field.name)  # KeyError naming the record when it has no such field
        fields = [attrs.evolve(field if f.name == field.name else f, start=0, end=0) for f in rec.fields]
        changed = record(record_type, rec.name, *fields, description=rec.description)
        if changed.width != rec.width:
            changed = changed.with_width(rec.width)
        return attrs.evolve(self, records={**self.records, record_type: changed},
                            name=self.name if name is None else name)
