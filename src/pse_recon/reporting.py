"""Findings made from the rule catalog, the same way for reading and validation.

:func:`finding` builds one finding of a catalog rule; an :class:`Emitter` renders a
rule's message in the language asked for, keeps findings in emission order (up to
a cap), and, for reading, stops at the first error that stops reading
(:meth:`pse_recon.rules.Rule.stops_reading`): ``read`` and ``validate`` then say the
same thing in the same words, because the words come from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pse_recon.declaration import Field
from pse_recon.findings import Finding, Severity
from pse_recon.profiles import Rules, as_rules
from pse_recon.rules import RULES, Rule


def finding(
    code: str,
    line: int,
    message: str,
    *,
    record: str | None = None,
    field: Field | None = None,
    columns: tuple[int, int] = (0, 0),
    text: str = "",
    strict: bool = False,
    severity: Severity | None = None,
) -> Finding:
    """A finding of catalog rule ``code``, its severity ``severity`` or the catalog's."""
    if field is not None:
        columns = (field.start, field.end)
    return Finding(
        line=line,
        column=columns[0],
        end_column=columns[1],
        record=record,
        field=field.name if field else None,
        code=code,
        severity=severity or RULES[code].severity_for(strict),
        message=message,
        text=text,
    )


class Stop(Exception):
    """Raised by an :class:`Emitter` at the first finding that stops reading."""

    def __init__(self, found: Finding) -> None:
        super().__init__(found.code)
        self.finding = found


class Emitter:
    """Findings in emission order, at most ``max_findings`` kept (None: all), the rest
    counted, each at the severity ``rules`` give its code (strict: the ``strict``
    profile; a code the rules turn off is not kept). ``stop(rule, severity)`` (when
    given) says which findings raise :class:`Stop`; ``keep(rule)`` which are kept at all."""

    def __init__(
        self,
        rules: Rules | bool,
        lang: str,
        max_findings: int | None,
        *,
        stop: Callable[[Rule, Severity | None], bool] | None = None,
        keep: Callable[[Rule], bool] | None = None,
    ) -> None:
        self.rules = as_rules(None, rules) if isinstance(rules, bool) else rules
        self.levels = self.rules.levels()
        self.strict = self.rules.strict
        self.lang = lang
        self.max_findings = max_findings
        self.stop = stop
        self.keep = keep
        self.findings: list[Finding] = []
        self.left_out = 0
        self.left_out_errors = 0

    def emit(
        self,
        code: str,
        line: int,
        *,
        record: str | None = None,
        field: Field | None = None,
        columns: tuple[int, int] = (0, 0),
        text: str = "",
        **params: Any,
    ) -> Severity | None:
        rule = RULES[code]
        severity = self.levels[code]
        stops = self.stop is not None and self.stop(rule, severity)
        if not stops:
            if severity is None or (self.keep is not None and not self.keep(rule)):
                return severity
            if self.max_findings is not None and len(self.findings) >= self.max_findings:
                self.left_out += 1
                self.left_out_errors += severity is Severity.ERROR
                return severity
        if field is not None:
            params.setdefault("field", field.name)
        if record is not None:
            params.setdefault("record", record)
        params.setdefault("text", text)
        message = rule.render(self.lang, params)
        found = finding(code, line, message, record=record, field=field, columns=columns,
                        text=text, severity=severity or rule.severity)
        if stops:
            raise Stop(found)
        self.findings.append(found)
        return severity
