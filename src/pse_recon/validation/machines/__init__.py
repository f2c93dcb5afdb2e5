"""The structure machines: one small state machine per kind of structure
(:mod:`pse_recon.declaration.structures`), checking order, lot numbers, sequences,
counts and totals: :mod:`.scoped` for a header, details in scopes and controls
(Asobancaria, Andesco), :mod:`.states` for PSE's totals per state, on what
:mod:`.base` says every machine offers (and the :class:`Scope`).

The exact path (:mod:`pse_recon.validation.engine`) hands each record's values to the machine; the
fast paths (the scanner and the bulk checker) count and sum good details straight
into a :class:`Scope`, which the machine owns and gives them as an argument
(:meth:`Machine.fast_scope`): nothing reaches into a machine by name.

No cascades: a line that cannot be read at all (unknown type, wider than the cap)
is reported once; the counts and totals it might belong to are then reported as
not verified (PR306, a warning) instead of as wrong, the next sequence number and
lot number are taken as given, and a lot or file left without its control right
after such a line is not reported again (the unreadable line may have been it).
A field that is wrong is reported once; the totals that needed it are not verified.
"""

from __future__ import annotations

from pse_recon.compile.plan import FormatPlan
from pse_recon.declaration import StateStructure
from pse_recon.reporting import Emitter
from pse_recon.validation.machines.base import ONCE_CAP, Machine, Scope, Values, advance, money
from pse_recon.validation.machines.scoped import ScopedMachine
from pse_recon.validation.machines.states import StateMachine

__all__ = [
    "ONCE_CAP", "Machine", "Scope", "ScopedMachine", "StateMachine", "Values", "advance", "machine_for",
    "money",
]


def machine_for(plan: FormatPlan, out: Emitter) -> Machine:
    if isinstance(plan.fmt.structure, StateStructure):
        return StateMachine(plan, out)
    return ScopedMachine(plan, out)
