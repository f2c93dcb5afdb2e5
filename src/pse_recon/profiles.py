"""Which rules are checked, and how severely: :class:`Rules`, the named :class:`Profile`\\s.

A finding's severity is decided in layers, the later winning (docs/guide.md, "Rule
selection and profiles"): the catalog's defaults (:mod:`pse_recon.rules`; a rule
marked ``off`` is not checked unless something turns it on), then the profile and the
profiles it is based on, then the configuration file's keys, then the caller's (the
command line's). Each layer is a :class:`Selection` of codes or code prefixes
(``PR1`` is every rule from PR100 to PR199):

* ``select``: when given, only what it names stays as the layers below set it, the
  rest is off (a rule off by default stays off: ``warn`` or ``error`` turn it on);
* ``ignore``: off;
* ``warn`` / ``error``: on, at that severity.

Within a layer the most specific pattern wins (``--ignore PR1 --select PR108`` keeps
PR108), and on a tie ``ignore`` wins, as in ruff. A layer that does not name a code
leaves it as the layers below set it.

Named profiles (:data:`PROFILES`), each documented with the manual's sentences it
enforces (docs/guide.md):

* ``default``: the catalog's severities: files as they really come;
* ``strict``: what ``strict=True`` / ``--strict`` always meant: producers' quirks are
  errors (ADR 0003);
* ``pse``: files as PSE writes them: ``strict``, and the values the manual says PSE
  writes (PR115) are errors;
* ``manual``: the manual to the letter: ``pse``, and obligatory fields, left-aligned
  text, one pse-summary line per bank and state, the PSE bank-code shape (PR108)
  and the grand-total state of pse-detail (PR118) as errors;
* ``bank``: files as banks write them at the counter: CRLF endings, ``000`` in
  ``causal_devolucion`` and a branch in ``codigo_sucursal`` are not reported.

A :class:`Rules` value is frozen, hashable and picklable (it travels to ``--jobs``
workers), and resolves to one table of severities per code, made once per value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from pse_recon.findings import Severity
from pse_recon.rules import RULES, Rule

#: What a layer may set a code to: a severity, or None (off: not reported).
Level = Severity | None

_ACTIONS: Final = ("select", "warn", "error", "ignore")  # ties: the later wins


def _codes(value: Iterable[str] | str) -> tuple[str, ...]:
    """Codes or prefixes, upper-cased, from a comma list or an iterable of them."""
    items = value.split(",") if isinstance(value, str) else [
        part for item in value for part in str(item).split(",")]
    found = tuple(item.strip().upper() for item in items if item.strip())
    unknown = [p for p in found if not any(code.startswith(p) for code in RULES)]
    if unknown:
        raise ValueError(f"unknown rule code or prefix {unknown[0]!r}: every code is in "
                         "docs/rules.md (pse-recon rules)")
    return found


@attrs.frozen(cache_hash=True)
class Selection:
    """One layer: the codes or prefixes it selects, ignores, warns of and errors on."""

    select: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    warn: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    error: tuple[str, ...] = attrs.field(default=(), converter=_codes)

    def __bool__(self) -> bool:
        return bool(self.select or self.ignore or self.warn or self.error)

    def apply(self, levels: dict[str, Level]) -> None:
        """Set ``levels`` (code → severity or off) as this layer says."""
        for code in levels:
            best: tuple[int, int, str] | None = None
            for rank, action in enumerate(_ACTIONS):
                for pattern in getattr(self, action):
                    if code.startswith(pattern) and (best is None or (len(pattern), rank) > best[:2]):
                        best = (len(pattern), rank, action)
            if best is None:
                if self.select:
                    levels[code] = None
                continue
            action = best[2]
            if action == "ignore":
                levels[code] = None
            elif action != "select":
                levels[code] = Severity.WARNING if action == "warn" else Severity.ERROR


@attrs.frozen(cache_hash=True)
class Profile:
    """A named set of severities over a ``base`` profile (None: over the catalog's
    defaults); ``enforces``: what it enforces, in the manual's words where it has them."""

    name: str
    base: str | None = "default"
    selection: Selection = attrs.field(factory=Selection)
    description: str = ""
    enforces: tuple[str, ...] = ()


def _escalated_by_strict() -> tuple[str, ...]:
    return tuple(code for code, rule in RULES.items() if rule.strict is Severity.ERROR)


_FIXED = "Procedencia de pago 2 Núm. Obligatorio 99” Valor fijo"
_MEDIO = "Para el caso de PSE, aplica el código 15 – Débito en cuenta por Internet"
_MODIFICADOR = "Modificador de archive 1 Alfanum Obligatorio A-Z,0-9 Valor fijo “0”."

#: The named profiles, by name.
PROFILES: Final[Mapping[str, Profile]] = MappingProxyType({p.name: p for p in (
    Profile("default", None, description="the catalog's severities: files as they really come"),
    Profile("strict", "default", Selection(error=_escalated_by_strict()),
            description="producers' quirks are errors (strict=True, --strict; ADR 0003)"),
    Profile("pse", "strict", Selection(error=("PR115",)),
            description="files as PSE writes them: strict, and PSE's fixed values are errors",
            enforces=(_FIXED, _MEDIO, _MODIFICADOR)),
    Profile("manual", "pse", Selection(error=("PR108", "PR116", "PR117", "PR118", "PR210",
                                              "PR211")),
            description="the manual to the letter",
            enforces=(
                "Referencia principal del usuario 48 Núm. Obligatorio Según cada empresa",
                "Los campos alfanuméricos se alinean a la izquierda y se rellenan con espacios a "
                "la derecha.",
                "Registro tipo 2: 1 línea por EF y Estado que tiene transacción con la EPP",
                "Código EF autorizadora s/ digito de chequeo",
            )),
    Profile("bank", "default", Selection(ignore=("PR006", "PR110", "PR111")),
            description="files as banks write them at the counter: CRLF, 000 in "
            "causal_devolucion and a branch in codigo_sucursal are not reported"),
)})


@attrs.frozen(cache_hash=True)
class Rules:
    """Which rules a run checks and at which severity: ``profile`` (a name of
    :data:`PROFILES` or of ``profiles``, or a :class:`Profile`), then ``config`` (the
    configuration file's layer), then ``select``/``ignore``/``warn``/``error`` (the
    caller's). ``profiles``: the profiles a configuration file declares."""

    profile: str | Profile = "default"
    select: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    warn: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    error: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    config: Selection = attrs.field(factory=Selection)
    profiles: tuple[Profile, ...] = ()

    def __attrs_post_init__(self) -> None:
        self._chain()  # an unknown profile, or a loop of bases, fails here

    def _chain(self) -> list[Profile]:
        """The profile and its bases, the root first."""
        known = {**PROFILES, **{p.name: p for p in self.profiles}}
        chain: list[Profile] = []
        current: str | Profile | None = self.profile
        while current is not None:
            if isinstance(current, str):
                if current not in known:
                    raise ValueError(f"unknown profile {current!r}; the profiles are "
                                     f"{', '.join(known)}")
                current = known[current]
            if current in chain or len(chain) > len(known):
                raise ValueError(f"profile {current.name!r} is based on itself")
            chain.append(current)
            current = current.base
        return chain[::-1]

    @property
    def name(self) -> str:
        return self.profile if isinstance(self.profile, str) else self.profile.name

    @property
    def strict(self) -> bool:
        """Whether the profile is ``strict`` or based on it (``Report.strict``)."""
        return any(p.name == "strict" for p in self._chain())

    def levels(self) -> Mapping[str, Level]:
        """Every catalog code's severity under these rules (None: off)."""
        return _levels(self)

    def stops_reading(self, rule: Rule, severity: Level) -> bool:
        """Whether a finding of ``rule`` at ``severity`` stops ``read`` (ADR 0008): a
        record or file reading cannot make, whatever its severity; and an error these
        rules raise from the catalog's warning (or turn on), as ``strict`` always did."""
        return rule.stops is not None or (
            severity is Severity.ERROR and (rule.off or rule.severity is not Severity.ERROR))

    @property
    def stops_more(self) -> bool:
        """Whether these rules stop ``read`` at more than the catalog's defaults do."""
        return _stops_more(self)


@functools.cache
def _levels(rules: Rules) -> Mapping[str, Level]:
    levels: dict[str, Level] = {c: None if r.off else r.severity for c, r in RULES.items()}
    layers = [p.selection for p in rules._chain()]
    layers += [rules.config, Selection(rules.select, rules.ignore, rules.warn, rules.error)]
    for layer in layers:
        if layer:
            layer.apply(levels)
    return MappingProxyType(levels)


@functools.cache
def _stops_more(rules: Rules) -> bool:
    return any(rules.stops_reading(RULES[c], level) and RULES[c].stops is None
               for c, level in rules.levels().items())


DEFAULT: Final = Rules()


def as_rules(rules: Rules | str | None, strict: bool) -> Rules:
    """The rules a call asked for: ``rules`` (a profile's name will do), or ``strict``'s
    profile; ValueError for both."""
    if rules is None:
        return Rules("strict") if strict else DEFAULT
    if strict:
        raise ValueError("give strict=True or rules, not both (strict is the 'strict' profile)")
    return Rules(rules) if isinstance(rules, str) else rules


def level_name(level: Level) -> str:
    """``error``, ``warning`` or ``off``."""
    return "off" if level is None else str(level)
