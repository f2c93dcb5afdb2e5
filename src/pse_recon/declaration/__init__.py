"""The declaration language: what a layout file is written in.

A format is declared once, as data (:mod:`pse_recon.layouts`):

* :mod:`.kinds`: what a field holds (``Numeric()``, ``Amount(2)``, ``Time(4)`` …),
  each kind owning everything about its fields: checking, converting, the code the
  compilers generate, the fast paths' tests, docs and strategies;
* :mod:`.fields`: a field (name, length, kind) and the helpers layouts use
  (:func:`numeric`, :func:`amount`, :func:`constant` …);
* :mod:`.computed`: the fields a writer computes and a validator checks (counts,
  sums, lot numbers, sequences);
* :mod:`.roles`: what a field means (the payment's reference, amount, bank …),
  what the code that needs a meaning asks a layout for;
* :mod:`.layout` and :mod:`.structures`: records made of fields, files made of
  records and how they nest.

Everything else (positions, record classes, the compiled codec and validator,
docs, hypothesis strategies) is derived from these declarations.
"""

from pse_recon.declaration.computed import Computed, Count, LotNumber, Sequence, Sum
from pse_recon.declaration.fields import (
    Field,
    amount,
    code,
    constant,
    date,
    digits,
    filler,
    numeric,
    text,
    time,
)
from pse_recon.declaration.kinds import (
    END_OF_DAY,
    KINDS,
    Amount,
    Code,
    Constant,
    Date,
    DigitKind,
    Digits,
    Filler,
    Kind,
    Numeric,
    Problem,
    Text,
    Time,
)
from pse_recon.declaration.layout import FileLayout, RecordLayout, RecordMap, record
from pse_recon.declaration.roles import Role
from pse_recon.declaration.structures import FlatStructure, LotStructure, StateStructure, Structure

__all__ = [
    "END_OF_DAY",
    "KINDS",
    "Amount",
    "Code",
    "Computed",
    "Constant",
    "Count",
    "Date",
    "DigitKind",
    "Digits",
    "Field",
    "FileLayout",
    "Filler",
    "FlatStructure",
    "Kind",
    "LotNumber",
    "LotStructure",
    "Numeric",
    "Problem",
    "RecordLayout",
    "RecordMap",
    "Role",
    "Sequence",
    "StateStructure",
    "Structure",
    "Sum",
    "Text",
    "Time",
    "amount",
    "code",
    "constant",
    "date",
    "digits",
    "filler",
    "numeric",
    "record",
    "text",
    "time",
]
