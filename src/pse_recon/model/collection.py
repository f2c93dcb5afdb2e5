"""What a company collected in a cycle: the input of :func:`pse_recon.generate`.

Everything a :class:`Collection` is made of (:class:`~pse_recon.model.Company`,
:class:`~pse_recon.model.Cycle`, :class:`~pse_recon.model.Service`,
:class:`~pse_recon.model.CollectingAccount`, :class:`~pse_recon.model.Bank`,
:class:`~pse_recon.model.Transaction`, :class:`~pse_recon.model.PseState`) is
importable from where it is: this package, :mod:`pse_recon.generator` and
:mod:`pse_recon`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pse_recon.model.entities import CollectingAccount, Company, Cycle, Service
from pse_recon.model.transactions import PseState, Transaction

__all__ = ["Collection"]


def _transactions(value: Iterable[Transaction]) -> tuple[Transaction, ...]:
    return tuple(value)


def _services(value: Iterable[Service]) -> tuple[Service, ...]:
    return tuple(value)


def _services_of(collection: Any) -> tuple[Service, ...]:
    seen: dict[Service, None] = {}
    for t in getattr(collection, "transactions", ()):
        if isinstance(t, Transaction):
            seen.setdefault(t.service, None)
    return tuple(seen)


def _check_instances(kind: type, name: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise TypeError(
                    f"Collection.{name}[{i}] must be a {kind.__name__}, got {type(item).__name__}: {item!r}"
                )

    return check


def _check_pse_code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"Collection.pse_code must be a str, got {type(value).__name__}: {value!r}")
    if value and not (value.isascii() and value.isdigit()):
        raise ValueError(f"Collection.pse_code must be digits (or empty), got {value!r}")


@attrs.frozen(kw_only=True)
class Collection:
    """What a company collected: the input of :func:`generate`.

    ``cycle`` is the cycle the file reports (its closing date is the file's fecha de
    pago); each transaction keeps its own cycle, written where a format has a
    per-payment cycle (``codigo_sucursal``, ``ciclo_proceso``). ``services`` gives the
    lots and their order; by default the services of the transactions, in order of
    first appearance. ``pse_code`` is the company's code at PSE, written as
    ``codigo_entidad_origen`` of the PSE headers (zeros when empty). No two
    transactions have the same CUS.
    """

    company: Company = attrs.field(validator=attrs.validators.instance_of(Company))
    cycle: Cycle = attrs.field(validator=attrs.validators.instance_of(Cycle))
    transactions: tuple[Transaction, ...] = attrs.field(
        default=(), converter=_transactions, validator=_check_instances(Transaction, "transactions")
    )
    services: tuple[Service, ...] = attrs.field(
        default=attrs.Factory(_services_of, takes_self=True),
        converter=_services,
        validator=_check_instances(Service, "services"),
    )
    pse_code: str = attrs.field(default="", validator=_check_pse_code)

    def __attrs_post_init__(self) -> None:
        first: dict[str, int] = {}
        for i, t in enumerate(self.transactions):
            if first.setdefault(t.cus, i) != i:
                raise ValueError(
                    f"Collection.transactions[{i}]: CUS {t.cus} is also transactions[{first[t.cus]}]; "
                    "a CUS identifies one payment"
                )
        codes: dict[str, Service] = {}
        for s in self.services:
            if s.code in codes and codes[s.code] != s:
                raise ValueError(f"Collection.services has two different services with code {s.code!r}")
            codes[s.code] = s
        for t in self.transactions:
            if t.service not in self.services:
                raise ValueError(
                    f"Collection.transactions: CUS {t.cus} is for service {t.service.code!r}, "
                    "which is not among Collection.services"
                )

    @property
    def accounts(self) -> tuple[CollectingAccount, ...]:
        """The distinct collecting accounts of the services, in service order."""
        return tuple(dict.fromkeys(s.account for s in self.services))

    @property
    def approved(self) -> tuple[Transaction, ...]:
        return tuple(t for t in self.transactions if t.state is PseState.APPROVED)
