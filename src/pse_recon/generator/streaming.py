"""Generating a file from transactions that come one at a time: what ``pse-recon
generate`` does with a CSV, in flat memory, writing the bytes :func:`generate_lines`
gives for the same collection and raising its errors, in its order.

:func:`generate_lines` holds the collection, every record and every line: a million
transactions took 1.7 GB. :class:`FileStream` holds none of them. Each transaction,
as it is read, is selected (account, bank, approved) as ``generate`` selects, made
into its detail record (the same checks, by the same code) and that record's line
spooled (:mod:`~pse_recon.spill`) in the run it belongs to: its service's
lot, its state in ``pse-detail``, the one run of Asobancaria 1998. A run keeps its
count and exact sums (:class:`~pse_recon.declaration.computed.Tally`), its first
record and its first error; ``pse-summary``'s lines keep their
:class:`~pse_recon.generator.values.Group`.

Nothing is written before the last transaction is read (a lot follows its header,
and the lots follow the services): :meth:`FileStream.finish` then raises what
``generate`` would raise, in its order (the account and bank to choose, centavos
where the format has none, the header, each run's first error and its lot header in
lot order, the controls and sequence numbers), and only then gives the lines. So a
file that cannot be generated writes nothing, to a regular file or to a pipe, as
before. A detail that fails is not spooled, nor is anything after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from pse_recon import money
from pse_recon.codec.builder import Run, build_lines, built_stream, tally
from pse_recon.codec.reader import DEFAULT_ENCODING
from pse_recon.codec.writer import unencodable
from pse_recon.compile.codec import compile_format
from pse_recon.declaration import FileLayout, LotStructure, Role, StateStructure
from pse_recon.declaration.computed import Tally
from pse_recon.errors import EncodeError, GenerateError
from pse_recon.generator.core import (
    ACCOUNT_ROLES,
    DEFAULT_MODIFIER,
    _as_read,
    _bank_code,
    _error,
    _group_key,
    _group_keys,
    _group_lines,
    _made,
    _places_error,
    _select_account,
    _select_bank,
    _state_order,
    _too_precise,
    _Writer,
)
from pse_recon.generator.values import Group, local
from pse_recon.layouts import layout as get_layout
from pse_recon.model import Bank, CollectingAccount, Collection, PseState, Transaction
from pse_recon.records.base import Record
from pse_recon.spill import Spill

__all__ = ["FileStream", "Streamed"]

#: Bytes of lines handed to the writer at a time.
CHUNK = 1 << 16


@attrs.frozen
class Streamed:
    """A generated file to write: ``chunks`` of its bytes (a generator: read them once),
    its format's name, detail count and total, as :class:`~pse_recon.generator.core.Lines`."""

    format: str
    chunks: Iterator[bytes]
    details: int
    total: Decimal


class _Run:
    """The details of one run as they come: spooled lines (``group``: the run's number,
    cheaper to look up than a service), tally, first record, first error."""

    __slots__ = ("error", "first", "group", "key", "tally")

    def __init__(self, key: Hashable, group: int, tally: Tally) -> None:
        self.key, self.group = key, group
        self.tally = tally
        self.first: Record | None = None
        self.error: GenerateError | None = None


class FileStream:
    """``generate(format, collection, ...)``'s file, its transactions given one at a time
    (:meth:`add`, in the collection's order), the rest of the collection at the end
    (:meth:`finish`). The options are :func:`~pse_recon.generator.generate`'s.

    ``account`` and ``authorizing_bank`` select as the transactions come. The account
    chosen is the first of the collection's services' accounts with that number: the
    first seen, when the services are in the order their transactions come (a CSV's).
    """

    def __init__(self, format: str | FileLayout, *, width: int | None = None,
                 account: CollectingAccount | str | None = None,
                 authorizing_bank: Bank | str | None = None, created_at: dt.datetime | None = None,
                 modifier: str = DEFAULT_MODIFIER, newline: str = "\n") -> None:
        self.fmt = fmt = get_layout(format, width)
        self.width, self.newline = width, newline
        self.account, self.authorizing_bank = account, authorizing_bank
        self.created_at, self.modifier = created_at, modifier
        head = fmt[fmt.structure.header]
        self.one_account = any(head.role(r) is not None for r in ACCOUNT_ROLES)
        self.names_bank = head.role(Role.PAYING_BANK)
        self.bank_code = None if authorizing_bank is None else _bank_code(authorizing_bank)
        self.picks = account is not None or authorizing_bank is not None  # else by state only
        self.all_states = fmt.detail.role(Role.STATE) is not None
        self.keys = _group_keys(fmt) if fmt.detail.role(Role.TRANSACTIONS) is not None else None
        self.decimals = fmt.detail.field(fmt.amount_field).decimals
        # The detail's line at another width than the standard one, at which records check themselves.
        self.encode = (None if fmt == fmt.with_width(None)
                       else compile_format(fmt)[fmt.structure.detail].encode)
        self.kinds = {**tally(fmt).kinds, fmt.amount_field: fmt.detail.field(fmt.amount_field).kind}
        self.chosen: CollectingAccount | None = None
        self.banks: dict[str, Bank] = {}
        self.offender: Transaction | None = None
        self.failed = False
        self.runs: dict[Hashable, _Run] = {}
        self.by_id: dict[int, tuple[Any, _Run]] = {}
        self.groups: dict[tuple[Any, ...], Group] = {}
        self.group_error: GenerateError | None = None
        self.spool: Spill[int] = Spill()
        self.writer: _Writer | None = None
        self.progress: Callable[[Iterator[bytes]], Iterable[bytes]] | None = None

    # -- as the transactions come ----------------------------------------------------
    def add(self, t: Transaction, head: Collection) -> None:
        """One transaction of the collection whose company, cycle and code at PSE
        ``head`` has (its services and transactions are not looked at)."""
        if self.writer is None:
            self.writer = _Writer(self.fmt, head)
        if not (self._selected(t) if self.picks else self.all_states or t.state is PseState.APPROVED):
            return
        if self.names_bank is not None:
            self.banks[t.authorizing_bank.code] = t.authorizing_bank
        if self.offender is None and _too_precise(t, self.decimals):
            self.offender, self.failed = t, True
        if self.keys is not None:
            if self.group_error is not None:
                return
            try:
                key = _group_key(self.writer, self.keys, t)
            except GenerateError as exc:  # raised where generate raises it: at the lines
                self.group_error = exc
                return
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = Group(t)
            group.add(t)
            return
        found = self.by_id.get(id(t.service))
        run = found[1] if found is not None else self._run(t)
        if run.error is not None:
            return
        try:
            record, text = self.writer.detail_line(t)
            line = (text if self.encode is None else self.encode(record)).encode(DEFAULT_ENCODING)
        except GenerateError as exc:
            run.error, self.failed = exc, True
            return
        except UnicodeEncodeError:
            run.error, self.failed = _error(unencodable(record, DEFAULT_ENCODING), t), True
            return
        if run.first is None:
            run.first = record
        run.tally.add(record)
        if not self.failed:  # nothing will be written: no need to keep the lines
            self.spool.add(run.group, line)

    def _selected(self, t: Transaction) -> bool:
        """Whether ``t`` is one of the file's payments, as ``generate`` selects them."""
        if self.account is not None:
            account = t.service.account
            if self.chosen is None and (account == self.account or account.number == self.account):
                self.chosen = account
            if account != self.chosen:
                return False
        if self.bank_code is not None and t.authorizing_bank.code != self.bank_code:
            return False
        return self.all_states or t.state is PseState.APPROVED

    def _run(self, t: Transaction) -> _Run:
        """The run ``t``'s detail goes to: its service's lot, its state, or the one run.
        :meth:`add` looks a lot up by its service object first (a CSV's rows share
        them); here by value."""
        s = self.fmt.structure
        if isinstance(s, LotStructure):
            run = self._new_run(t.service)
            self.by_id[id(t.service)] = (t.service, run)  # the service kept, so its id is
            return run
        return self._new_run(t.state.value if isinstance(s, StateStructure) else None)

    def _new_run(self, key: Hashable) -> _Run:
        run = self.runs.get(key)
        if run is None:
            run = self.runs[key] = _Run(key, len(self.runs), Tally(self.kinds))
        return run

    # -- at the end -------------------------------------------------------------------
    def finish(self, collection: Collection, *,
               progress: Callable[[Iterator[bytes]], Iterable[bytes]] | None = None) -> Streamed:
        """The file, once every transaction was added; ``collection`` is the company,
        cycle, services and code at PSE (its transactions are not looked at).
        Raises GenerateError as ``generate`` does, before any line is given.
        ``progress``, when given, wraps the lines as they are written."""
        self.progress = progress
        try:
            return self._finish(collection)
        except BaseException:
            self.spool.close()
            raise

    def _finish(self, collection: Collection) -> Streamed:
        fmt, s = self.fmt, self.fmt.structure
        w = _Writer(fmt, collection)
        chosen = _select_account(collection, self.account) if self.one_account or self.account else None
        bank = (None if self.names_bank is None
                else _select_bank(fmt, self.names_bank, self.banks, self.authorizing_bank))
        if self.one_account and chosen is None:
            raise GenerateError(f"{fmt.name}: the collection has no service, so no account for the header")
        if self.offender is not None:
            raise _places_error(fmt, self.offender)
        moment = local(self.created_at) if self.created_at is not None else collection.cycle.closing
        header = w.record(s.header, w.scope(account=chosen, bank=bank, made=_made(fmt[s.header], moment),
                                            modifier=self.modifier))
        if self.keys is not None:
            return self._aggregated(w, header)
        body: Any
        if isinstance(s, LotStructure):
            body = []
            for service in collection.services:
                run = self.runs.get(service)
                if run is None or (chosen is not None and service.account != chosen):
                    continue
                self._check(run)
                lot_header = w.record(s.lot_header, w.scope(account=chosen, service=service))
                body.append((lot_header, self._ready(run)))
        elif isinstance(s, StateStructure):
            body = {key: self._ready(self._check(run))
                    for key, run in sorted(self.runs.items(), key=lambda kv: _state_order(kv[0]))}
        else:
            body = [self._ready(self._check(run)) for run in self.runs.values()]
        try:
            lines = built_stream(fmt, header, body, newline=self.newline)
        except EncodeError as exc:
            raise _error(exc, None) from exc
        runs = list(self.runs.values())
        total = money.total(r.tally.sums[fmt.amount_field] for r in runs)
        count = sum(r.tally.count for r in runs)
        return Streamed(fmt.name, self._chunks(lines), count, _as_read(fmt, total))

    @staticmethod
    def _check(run: _Run) -> _Run:
        if run.error is not None:
            raise run.error
        return run

    def _ready(self, run: _Run) -> Run:
        assert run.first is not None
        return Run(lambda: self.spool.items(run.group), run.tally, run.first)

    def _aggregated(self, w: _Writer, header: Record) -> Streamed:
        """``pse-summary``: a few lines, one per group, built as ``generate`` builds them."""
        if self.group_error is not None:
            raise self.group_error
        records = _group_lines(w, self.keys or (), self.groups)
        try:
            lines = iter(build_lines(self.fmt, header, records, width=self.width, newline=self.newline))
        except EncodeError as exc:
            raise _error(exc, None) from exc
        total = money.total(getattr(d, self.fmt.amount_field) for d in records)
        return Streamed(self.fmt.name, self._chunks(lines), len(records), _as_read(self.fmt, total))

    def _chunks(self, lines: Iterator[bytes]) -> Iterator[bytes]:
        """``lines`` joined into chunks of about :data:`CHUNK` bytes; the spool closed at the end."""
        if self.progress is not None:
            lines = iter(self.progress(lines))
        try:
            batch: list[bytes] = []
            size = 0
            for line in lines:
                batch.append(line)
                size += len(line)
                if size >= CHUNK:
                    yield b"".join(batch)
                    batch.clear()
                    size = 0
            if batch:
                yield b"".join(batch)
        finally:
            self.spool.close()
