"""What the generator writes into the field of each role (:mod:`pse_recon.declaration.roles`): one
rule per role, from the model objects in scope, so that any layout whose fields say
what they are is generated, whatever its fields are called.

A value is made for the field it goes to: the last digits of a CUS or a service code,
as many as the field holds, and the first characters of an account (the manual's
rules); a bank's 3-digit transit code in a 3-digit field, its PSE code in a wider one;
a text of the model (a reference, an authorization code) as it is in a text field and,
in a field of digits, only when it is digits (the payment reference then falls back
to the ticket id: :func:`payment_reference`). ``None`` leaves the field at its default
(the manual's optional zeros or blanks). Nothing is rounded or cut otherwise: a value
that does not fit is given as it is, and the record refuses it, naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from pse_recon import catalogs, money
from pse_recon.calendar import COLOMBIA_TZ
from pse_recon.compile.codegen import run, unfrozen_twin
from pse_recon.declaration import Field, Role
from pse_recon.errors import GenerateError
from pse_recon.model import Bank, CollectingAccount, Collection, Service, Transaction
from pse_recon.records.base import Record
from pse_recon.records.factory import encoder, made_and_encoded

__all__ = ["Group", "Scope", "Values", "local", "payment_reference", "values"]


def payment_reference(reference_1: str, ticket_id: str) -> str:
    """The reference a recaudo file carries for a payment: ``reference_1`` when it is
    all ASCII digits (the payer's client or invoice number), else ``ticket_id``.

    Recaudo references are numeric fields, so an alphanumeric reference cannot be
    written; the manual describes the field as the ticket id "asignado por la Empresa
    o por el usuario", which is the fallback. Reconciliation applies the same rule
    to ``pse-detail`` lines, so a payment has the same reference in every format.
    """
    ref = reference_1.strip()
    return ref if ref and ref.isascii() and ref.isdigit() else ticket_id


@attrs.frozen(kw_only=True)
class Scope:
    """What one record's values come from: the collection, and what the record is of.

    A header has the file's ``account`` (and ``bank``, when it names one paying bank)
    and ``made``, its creation date and time; a lot header its ``service``; a detail
    its ``transaction`` (its account is the transaction's service's); an aggregate
    line the :class:`Group` of its transactions, the first one as ``transaction``.
    """

    collection: Collection
    title: str
    account: CollectingAccount | None = None
    bank: Bank | None = None
    service: Service | None = None
    transaction: Transaction | None = None
    group: Group | None = None
    made: tuple[dt.date, dt.time] | None = None
    modifier: str = ""


class Group:
    """The transactions of one aggregate line (``pse-summary``: a state and a bank) as
    the line needs them: the first, how many, and their amounts and VAT added up
    exactly as :func:`money.total` adds them, so a line of a million payments holds
    three numbers, not the payments."""

    __slots__ = ("amount", "count", "first", "iva")

    def __init__(self, first: Transaction) -> None:
        self.first = first
        self.count = 0
        self.amount = self.iva = money.total(())

    def add(self, t: Transaction) -> None:
        self.count += 1
        self.amount = money.total((self.amount, t.amount))
        self.iva = money.total((self.iva, t.iva))


def local(moment: dt.datetime) -> dt.datetime:
    """Naive Colombian local time (aware values are converted to UTC-5 first)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(COLOMBIA_TZ).replace(tzinfo=None)
    return moment


def _digits(f: Field, text: str) -> str | None:
    """A text of the model for ``f``: as it is in a text field; in a field of digits
    stripped, when it is all digits (None otherwise)."""
    if f.kind.holds_text:
        return text
    text = text.strip()
    return text if text and text.isascii() and text.isdigit() else None


def _bank(f: Field, bank: Bank | None) -> str | None:
    if bank is None:
        return None
    return bank.transit_code if f.length == len(bank.transit_code) else bank.code


def _authorization(f: Field, t: Transaction) -> str | None:
    """The authorization code; in a field of digits its last characters when they are
    all digits (never a made-up number: None keeps the optional zeros)."""
    code = t.authorization_code
    if f.kind.holds_text:
        return code
    tail = code.strip()[-f.length :]
    return tail if tail and tail.isascii() and tail.isdigit() else None


def _account(f: Field, s: Scope) -> str | None:
    if s.account is None:
        return None
    number = s.account.number
    if not f.kind.holds_text and not (number.isascii() and number.isdigit()):
        raise GenerateError(
            f"field {f.name}: {s.title} needs a numeric account; account {number!r} is not all digits",
            field=f.name,
        )
    return number[: f.length]  # the manual: "los primeros 15 dígitos"


def _time(f: Field, moment: dt.datetime) -> dt.time:
    """What an HHMMSS field (or, to the minute, an HHMM one) holds of ``moment``."""
    t = moment.time().replace(microsecond=0)
    return t.replace(second=0) if f.length == 4 else t


#: Role → what one payment gives a field of that role: a detail's value, from its
#: transaction alone (:data:`RULES` takes it for every scope with a transaction, an
#: aggregate line's amounts excepted; :meth:`Values.maker` calls it with the
#: transaction of a detail, no scope made).
OF_PAYMENT: Final[Mapping[Role, Callable[[Field, Transaction], Any]]] = MappingProxyType({
    Role.REFERENCE: lambda f, t: (
        t.reference_1 if f.kind.holds_text else payment_reference(t.reference_1, t.ticket_id)),
    Role.SECONDARY_REFERENCE: lambda f, t: _digits(f, t.reference_2),
    Role.THIRD_REFERENCE: lambda f, t: _digits(f, t.reference_3),
    Role.TICKET: lambda f, t: t.ticket_id,
    Role.AMOUNT: lambda f, t: t.amount,
    Role.VAT: lambda f, t: t.iva,
    Role.STATE: lambda f, t: t.state.value,
    Role.PAYING_BANK: lambda f, t: _bank(f, t.authorizing_bank),
    Role.CUS: lambda f, t: t.cus[-f.length :],
    Role.AUTHORIZATION: _authorization,
    Role.PAYMENT_ORIGIN: lambda f, t: catalogs.PROCEDENCIA_PSE,
    Role.PAYMENT_CHANNEL: lambda f, t: catalogs.MEDIO_PAGO_PSE,
    Role.CYCLE: lambda f, t: str(t.cycle.number),
    Role.PROCESS_DATE: lambda f, t: local(t.processed_at).date(),
    Role.REGISTERED_TIME: lambda f, t: _time(f, local(t.created_at)),
    Role.SERVICE: lambda f, t: t.service.code[-f.length :],
})


def _of_payment(role: Role, otherwise: Callable[[Field, Scope], Any] = lambda f, s: None,
                ) -> Callable[[Field, Scope], Any]:
    """The rule of ``role`` in any scope: its transaction's value (:data:`OF_PAYMENT`),
    else ``otherwise``'s."""
    payment = OF_PAYMENT[role]
    return lambda f, s: otherwise(f, s) if (t := s.transaction) is None else payment(f, t)


def _summed(role: Role, of_group: Callable[[Group], Any]) -> Callable[[Field, Scope], Any]:
    """The rule of an amount: an aggregate line's group's total, else the transaction's."""
    rule = _of_payment(role)
    return lambda f, s: rule(f, s) if s.group is None else of_group(s.group)


#: Role → the value of a field of that role in a record of that scope (None: its default).
RULES: Final[Mapping[Role, Callable[[Field, Scope], Any]]] = MappingProxyType({
    **{role: _of_payment(role) for role in OF_PAYMENT},
    Role.AMOUNT: _summed(Role.AMOUNT, lambda g: g.amount),
    Role.VAT: _summed(Role.VAT, lambda g: g.iva),
    Role.TRANSACTIONS: lambda f, s: None if s.group is None else s.group.count,
    Role.PAYMENT_ORIGIN: lambda f, s: catalogs.PROCEDENCIA_PSE,
    Role.PAYMENT_CHANNEL: lambda f, s: catalogs.MEDIO_PAGO_PSE,
    Role.PAYING_BANK: _of_payment(Role.PAYING_BANK, lambda f, s: _bank(f, s.bank)),
    Role.CYCLE: _of_payment(Role.CYCLE, lambda f, s: str(s.collection.cycle.number)),
    Role.SERVICE: _of_payment(
        Role.SERVICE, lambda f, s: None if s.service is None else s.service.code[-f.length :]),
    Role.ACCOUNT: _account,
    Role.ACCOUNT_TYPE: lambda f, s: None if s.account is None else s.account.account_type,
    Role.COLLECTING_BANK: lambda f, s: None if s.account is None else _bank(f, s.account.bank),
    Role.COMPANY_NIT: lambda f, s: s.collection.company.nit_with_dv,
    Role.COMPANY_CODE: lambda f, s: s.collection.company.nit,
    Role.PSE_CODE: lambda f, s: s.collection.pse_code or "0",
    Role.DATE: lambda f, s: s.collection.cycle.closing_date,
    Role.CLOSING_TIME: lambda f, s: s.collection.cycle.closing_time,
    Role.FILE_DATE: lambda f, s: None if s.made is None else s.made[0],
    Role.FILE_TIME: lambda f, s: None if s.made is None else s.made[1],
    Role.FILE_MODIFIER: lambda f, s: s.modifier or None,
})


def value(f: Field, scope: Scope) -> Any:
    """What field ``f`` gets in ``scope`` (None: its default, or no role)."""
    return None if f.role is None else RULES[f.role](f, scope)


def values(fields: Sequence[Field], scope: Scope, record_type: str) -> dict[str, Any]:
    """The values of ``fields`` (a record's attributes) in ``scope``, by field name:
    every field with a role the scope has a value for; constants and computed fields
    are the builder's. GenerateError naming the field when a field no default fills is
    left without a value (a role missing from a layout declared outside the package)."""
    return Values(fields, record_type)(scope)


class Values:
    """:func:`values` of one record type, its fields' rules looked up once: called
    for every detail of a file, it is most of what a payment costs to generate
    (:meth:`maker` compiles it with the record's making)."""

    def __init__(self, fields: Sequence[Field], record_type: str) -> None:
        self.record_type = record_type
        self.plan = [
            (f, f.name, (lambda f, s: None) if f.role is None else RULES[f.role], f.default is attrs.NOTHING)
            for f in fields
            if f.constant is None and f.computed is None
        ]

    def __call__(self, scope: Scope) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f, name, rule, required in self.plan:
            v = rule(f, scope)
            if v is not None:
                out[name] = v
            elif required:
                role = f"role {f.role!s}" if f.role is not None else "no role"
                raise GenerateError(
                    f"{scope.title}: record {self.record_type}, field {name} ({role}) has nothing "
                    "to be written from: declare the role of what it holds, or make it optional",
                    field=name, record_type=self.record_type,
                )
        return out

    def maker(self, cls: type[Record], scope_of: Callable[[Transaction], Scope]
              ) -> Callable[[Transaction], tuple[Record, str]]:
        """The detail of a payment: ``made_and_encoded(cls, self(scope_of(t)))`` (the
        record of the payment's scope and its line at the standard width) as one
        generated function. A field whose role a payment gives (:data:`OF_PAYMENT`)
        takes its value from the transaction; the others from the scope, made only
        when one needs it. Each value is stored in the record as the decoders store
        them, a field left without a value given its default; a field no default fills
        sends the payment to the generic path, which raises. The generic path itself
        where the record class has a default factory, or a field without a default
        that no rule fills."""
        fields = attrs.fields(cls)
        ruled = {name: i for i, (_, name, _, _) in enumerate(self.plan)}

        def slow(t: Transaction) -> tuple[Record, str]:
            return made_and_encoded(cls, self(scope_of(t)))

        if any(isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
               or (a.default is attrs.NOTHING and a.name not in ruled) for a in fields):
            return slow
        namespace: dict[str, Any] = {
            "_cls": cls, "_twin": unfrozen_twin(cls), "_new": object.__new__,
            "_encode": encoder(cls), "_slow": slow, "_scope_of": scope_of,
        }
        body = []
        scoped = False  # whether a field needs the scope
        for i, (f, name, rule, required) in enumerate(self.plan):
            namespace[f"_f{i}"] = f
            if f.role is None:
                body.append(f"    v{i} = None  # no role")
            elif f.role in OF_PAYMENT:
                namespace[f"_rule{i}"] = OF_PAYMENT[f.role]
                body.append(f"    v{i} = _rule{i}(_f{i}, t)")
            else:
                namespace[f"_rule{i}"], scoped = rule, True
                body.append(f"    v{i} = _rule{i}(_f{i}, s)")
            if required:
                body.append(f"    if v{i} is None:\n        return _slow(t)  # it raises, naming the field")
            else:
                namespace[f"_default{i}"] = attrs.fields_dict(cls)[name].default
                body.append(f"    if v{i} is None:\n        v{i} = _default{i}")
        if scoped:
            body.insert(0, "    s = _scope_of(t)")
        body.append("    r = _new(_twin)")
        for j, a in enumerate(fields):
            if a.name in ruled:
                body.append(f"    r.{a.name} = v{ruled[a.name]}")
            else:
                namespace[f"_fixed{j}"] = a.default
                body.append(f"    r.{a.name} = _fixed{j}")
        source = "def made(t):\n" + "\n".join(body) + "\n    r.__class__ = _cls\n    return r, _encode(r)\n"
        made: Callable[[Transaction], tuple[Record, str]] = run(
            source, f"detail {cls.__module__}.{cls.__qualname__}", namespace)["made"]
        return made
