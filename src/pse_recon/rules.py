"""The rule catalog: every finding's code, severity, meaning and source, in one place.

Codes are stable: a code is never reused for another meaning, so CI configurations
and people may rely on them. The validator's implemented rules and this catalog
are checked to be the same set by the test suite.

Each rule carries its one-line title and its message template in English and in
Spanish (``title``/``title_es``, ``message``/``message_es``); a finding's message
is its rule's template filled with the finding's parameters (field name, text
found, expected value …), in the language asked for. Templates use
:meth:`str.format` fields; :meth:`Rule.render` never fails on a missing one.

:data:`EXPLANATIONS` says more of each rule, for ``pse-recon explain`` and
docs/rules.md: what it checks and why, how to fix it, the manual's words and an
example file that breaks it (checked by the test suite against the validator and the
manual). It is a block of its own after the rules, keyed by code, so that editing a
rule's explanation and editing the rule stay apart; the module is long because the
catalog is one table, which would be harder to keep whole in pieces.
"""

# The module is longer than most because it is the catalog: one short entry per
# rule, all in one place on purpose (split, a code would be looked for in several).
# Its docstring is the opening of docs/rules.md, so the reason is said here.

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from pse_recon.findings import Severity

#: The languages every title and message exists in.
LANGUAGES: Final = ("en", "es")


@attrs.frozen
class Rule:
    """A rule: ``severity`` is the lenient one; ``strict`` may raise it to an error."""

    code: str
    severity: Severity
    title: str
    source: str
    strict: Severity | None = None
    title_es: str = ""
    message: str = ""
    message_es: str = ""
    #: What an error of this rule stops (ADR 0008): ``"record"`` when the record cannot
    #: be typed (``read`` and ``iter_records`` raise), ``"file"`` when the file cannot be
    #: structured (``read`` raises); None for what reading does not need. In strict mode
    #: every rule that ``strict`` raises to an error stops reading too.
    stops: str | None = None
    #: A producer's quirk that reading tolerates (ADR 0010): reported in ``File.findings``.
    quirk: bool = False
    #: Not checked unless a profile or a selection turns it on (``severity`` is then its
    #: severity): what only some files must satisfy (:mod:`pse_recon.profiles`).
    off: bool = False

    def severity_for(self, strict: bool) -> Severity:
        return self.strict if strict and self.strict is not None else self.severity

    def stops_reading(self, strict: bool) -> bool:
        """Whether an error of this rule stops ``read`` (``strict`` or lenient)."""
        return self.stops is not None or (strict and self.strict is not None)

    def title_in(self, lang: str) -> str:
        return self.title_es if lang == "es" else self.title

    def template(self, lang: str) -> str:
        return self.message_es if lang == "es" else self.message

    def render(self, lang: str, params: Mapping[str, Any]) -> str:
        """The message in ``lang`` with ``params`` filled in; a missing parameter is
        shown as ``{name}`` rather than failing (a finding must never be lost)."""
        return string.Formatter().vformat(self.template(lang), (), _Lenient(params))


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


E, W = Severity.ERROR, Severity.WARNING
_REAL = "corpus/real/README.md: what real producers do"

_RULES = [
    # -- input and lines ----------------------------------------------------------
    Rule(
        "PR001", E, "the file is empty", "manual 7.2: a file holds a header and a control",
        title_es="el archivo está vacío",
        message="the file is empty",
        message_es="el archivo está vacío",
        stops="file",
    ),
    Rule(
        "PR002", E, "the format cannot be detected from the content", "spec: formats",
        title_es="no se puede detectar el formato por el contenido",
        message="cannot detect the format: {seen}; {why}. Give the format explicitly",
        message_es="no se puede detectar el formato: {seen}; {why}. Indique el formato",
        stops="file",
    ),
    Rule(
        "PR003", E, "a line is longer than the line-length cap", "hardening bound",
        title_es="una línea supera el largo máximo admitido",
        message="the line is longer than {cap} bytes; the rest of it was skipped unread",
        message_es="la línea supera los {cap} bytes; el resto se omitió sin leerlo",
        stops="record",
    ),
    Rule(
        "PR004", E, "a line is not as wide as its record type", "manual 7.2: record lengths",
        title_es="una línea no tiene el ancho de su tipo de registro",
        message="record {record} is {actual} columns wide, it must be {width}",
        message_es="el registro {record} tiene {actual} posiciones y debe tener {width}",
        stops="record",
    ),
    Rule(
        "PR005", E, "unknown record type", "manual 7.2: record type codes",
        title_es="tipo de registro desconocido",
        message="unknown record type {type!r}; {format} has record types {known}",
        message_es="tipo de registro desconocido {type!r}; {format} tiene los tipos {known}",
        stops="record",
    ),
    Rule(
        "PR006", W, "CRLF line ending (reported once per file)", _REAL, strict=E,
        title_es="fin de línea CRLF (se informa una vez por archivo)",
        message="lines end in CRLF, not LF (reported once, for the whole file)",
        message_es="las líneas terminan en CRLF y no en LF (se informa una sola vez por archivo)",
        quirk=True,
    ),
    Rule(
        "PR007", W, "the last record has no line ending", _REAL, strict=E,
        title_es="el último registro no tiene fin de línea",
        message="the last record has no line ending",
        message_es="el último registro no termina en salto de línea",
        quirk=True,
    ),
    Rule(
        "PR008", W, "the last record is not padded to the full width", _REAL, strict=E,
        title_es="el último registro no está completado hasta su ancho",
        message="the last record is {actual} columns wide: it is not padded with blanks to {width}",
        message_es="el último registro tiene {actual} posiciones: no está completado con "
        "espacios hasta {width}",
        quirk=True,
    ),
    Rule(
        "PR009", W, "trailing blanks of a record were trimmed", _REAL, strict=E,
        title_es="se recortaron los espacios finales de un registro",
        message="record {record} is {actual} columns wide: its trailing blanks were trimmed "
        "(it must be {width}; the file's other trimmed records are not reported)",
        message_es="el registro {record} tiene {actual} posiciones: le quitaron los espacios "
        "finales (debe tener {width}; los demás registros recortados del archivo no se informan)",
        quirk=True,
    ),
    Rule(
        "PR010", E, "a byte is not a character of the file's encoding", "spec: one byte a column",
        title_es="un byte no es un carácter de la codificación del archivo",
        message="byte {byte} at column {column} is not valid {encoding}",
        message_es="el byte {byte} de la posición {column} no es válido en {encoding}",
        stops="record",
    ),
    # Producers' quirks at the file's edges and line ends (ADR 0010): each read, kept
    # byte for byte, and reported once per file.
    Rule(
        "PR011", W, "the file starts with a UTF-8 byte-order mark", _REAL, strict=E,
        title_es="el archivo empieza con una marca de orden de bytes UTF-8",
        message="the file starts with a UTF-8 byte-order mark (EF BB BF) before its first record",
        message_es="el archivo empieza con una marca de orden de bytes UTF-8 (EF BB BF) antes de "
        "su primer registro",
        quirk=True,
    ),
    Rule(
        "PR012", W, "the file ends with empty lines", _REAL, strict=E,
        title_es="el archivo termina con líneas vacías",
        message="the file ends with {count} empty line(s) after its last record",
        message_es="el archivo termina con {count} línea(s) vacía(s) después de su último registro",
        quirk=True,
    ),
    Rule(
        "PR013", W, "the file ends with a DOS end-of-file byte (0x1A)", _REAL, strict=E,
        title_es="el archivo termina con un byte de fin de archivo de DOS (0x1A)",
        message="the file ends with a DOS end-of-file byte (0x1A, Ctrl-Z)",
        message_es="el archivo termina con un byte de fin de archivo de DOS (0x1A, Ctrl-Z)",
        quirk=True,
    ),
    Rule(
        "PR014", W, "lines end in CR alone (reported once per file)", _REAL, strict=E,
        title_es="las líneas terminan solo en CR (se informa una vez por archivo)",
        message="lines end in CR alone, not LF (reported once, for the whole file)",
        message_es="las líneas terminan solo en CR y no en LF (se informa una sola vez por archivo)",
        quirk=True,
    ),
    Rule(
        "PR015", W, "lines end in CR CR LF (reported once per file)", _REAL, strict=E,
        title_es="las líneas terminan en CR CR LF (se informa una vez por archivo)",
        message="lines end in CR CR LF, not LF: a CRLF file converted to CRLF again "
        "(reported once, for the whole file)",
        message_es="las líneas terminan en CR CR LF y no en LF: un archivo CRLF convertido otra "
        "vez a CRLF (se informa una sola vez por archivo)",
        quirk=True,
    ),
    Rule(
        "PR016", W, "a record is padded with blanks past its width (reported once per file)",
        _REAL, strict=E,
        title_es="un registro tiene espacios de más después de su ancho "
        "(se informa una vez por archivo)",
        message="record {record} is {actual} columns wide: blanks pad it past its {width} "
        "columns (reported once per file)",
        message_es="el registro {record} tiene {actual} posiciones: lo completan espacios más "
        "allá de sus {width} posiciones (se informa una vez por archivo)",
        quirk=True,
    ),
    # -- fields -------------------------------------------------------------------
    Rule(
        "PR101", E, "a numeric field holds something other than digits", "manual 7.2: Núm.",
        title_es="un campo numérico tiene algo distinto de dígitos",
        message="{field} must hold digits only, found {text!r}",
        message_es="{field} solo admite dígitos y tiene {text!r}",
        stops="record",
    ),
    Rule(
        "PR102", E, "a date field is not a calendar date AAAAMMDD", "manual 7.2: AAAAMMDD",
        title_es="un campo de fecha no es una fecha real AAAAMMDD",
        message="{field} is not a calendar date AAAAMMDD: {text!r}",
        message_es="{field} no es una fecha válida AAAAMMDD: {text!r}",
        stops="record",
    ),
    Rule(
        "PR103", E, "a time field is not a valid HHMM or HHMMSS", "spec decision 4",
        title_es="un campo de hora no es una hora válida HHMM o HHMMSS",
        message="{field} is not a valid time {pattern}: {text!r}",
        message_es="{field} no es una hora válida {pattern}: {text!r}",
        stops="record",
    ),
    Rule(
        "PR104", E, "a constant field does not hold its fixed value", "manual 7.2: Valor fijo",
        title_es="un campo constante no tiene su valor fijo",
        message="{field} must be {expected!r}, found {text!r}",
        message_es="{field} debe ser {expected!r} y tiene {text!r}",
        stops="record",
    ),
    Rule(
        "PR105", E, "a reserved or filler field is not blank", "manual 7.2: Reservado, blanco",
        title_es="un campo reservado o de relleno no está en blanco",
        message="{field} must be blank, found {text!r}",
        message_es="{field} debe estar en blanco y tiene {text!r}",
    ),
    Rule(
        "PR106", E, "a code is not one of its catalog's values",
        "spec decisions 6-10: procedencia, medio de pago, tipo de cuenta, modificador, states",
        title_es="un código no pertenece a su catálogo",
        message="{field} holds {text!r}, which is not in the {catalog} catalog (allowed: {allowed})",
        message_es="{field} tiene {text!r}, que no está en el catálogo {catalog} "
        "(valores permitidos: {allowed})",
    ),
    Rule(
        "PR107", W, "a bank code is not in the list of known banks (reported once per code)",
        "spec decision 11: the list is public data, not authoritative",
        title_es="un código de entidad no está en la lista de bancos conocidos "
        "(se informa una vez por código)",
        message="{field} {text!r} is not a known bank code; the list of banks is not "
        "authoritative (reported once per code)",
        message_es="{field} {text!r} no es un código de entidad conocido; la lista de bancos "
        "no es oficial (se informa una vez por código)",
    ),
    Rule(
        "PR108", W, "a PSE bank code is not the 4-digit code zero-filled to 8 digits",
        "manual 7.2, formatos PSE: código EF sin dígito de chequeo; spec decision 11 (the "
        "list is unofficial: an error in the manual profile)",
        title_es="un código de entidad PSE no es el código de 4 dígitos completado con ceros a 8",
        message="{field} must be a 4-digit PSE bank code zero-filled to 8 digits (0000NNNN), "
        "found {text!r}",
        message_es="{field} debe ser un código de entidad PSE de 4 dígitos completado con ceros "
        "hasta 8 (0000NNNN) y tiene {text!r}",
    ),
    Rule(
        "PR109", W, "an HHMM time is 0000, outside the manual's 0001 to 2400", "spec decision 4",
        strict=E,
        title_es="una hora HHMM es 0000, fuera del rango 0001 a 2400 del manual",
        message="{field} is 0000; the manual allows 0001 to 2400 (2400 is midnight)",
        message_es="{field} es 0000; el manual admite de 0001 a 2400 (2400 es la medianoche)",
    ),
    Rule(
        "PR110", W, "causal_devolucion is 000 instead of blank (reported once per file)",
        f"manual 7.2 (2001 detail: blank unless a return); {_REAL}", strict=E,
        title_es="causal_devolucion es 000 en vez de blancos (se informa una vez por archivo)",
        message="{field} is '000' where the manual wants blanks when there is no return "
        "(reported once per file)",
        message_es="{field} es '000' y el manual pide blancos cuando no hay devolución "
        "(se informa una vez por archivo)",
    ),
    Rule(
        "PR111", W,
        "codigo_sucursal holds a bank branch, not a PSE cycle number (reported once per file)",
        f"manual 7.2 (2001 and Andesco detail: número de ciclo); {_REAL}", strict=E,
        title_es="codigo_sucursal tiene una sucursal bancaria y no un número de ciclo PSE "
        "(se informa una vez por archivo)",
        message="{field} is {text!r}, not a PSE cycle number 0001 to 0009 (a bank branch?); "
        "reported once per file",
        message_es="{field} es {text!r}, que no es un número de ciclo PSE de 0001 a 0009 "
        "(¿una sucursal del banco?); se informa una vez por archivo",
    ),
    Rule(
        "PR112", E, "a field that is blank or digits holds something else",
        "manual 7.2 (2001 detail: causal de devolución, blanco o código numérico)",
        title_es="un campo que va en blanco o con dígitos tiene otra cosa",
        message="{field} must be blank or digits, found {text!r}",
        message_es="{field} debe estar en blanco o tener solo dígitos y tiene {text!r}",
        stops="record",
    ),
    Rule(
        "PR113", W, "a return cause is not in the list of known causes (reported once per code)",
        "catalogs.md: causales de devolución de cheques (Asobancaria); the list is public data, "
        "not authoritative",
        title_es="una causal de devolución no está en la lista de causales conocidas "
        "(se informa una vez por código)",
        message="{field} {text!r} is not a known return cause; the list of causes is not "
        "authoritative (reported once per code)",
        message_es="{field} {text!r} no es una causal de devolución conocida; la lista de "
        "causales no es oficial (se informa una vez por código)",
    ),
    Rule(
        "PR114", E, "a text field holds a control character",
        "manual 7.2: alphanumeric fields are printable text",
        title_es="un campo de texto tiene un carácter de control",
        message="{field} holds the control character {char} at column {column}; the manual's "
        "fields are printable text",
        message_es="{field} tiene el carácter de control {char} en la posición {column}; los "
        "campos del manual son texto imprimible",
    ),
    # Checked under a profile (pse_recon.profiles): what the manual asks of the files
    # PSE writes, or to the letter, and real producers do not all do.
    Rule(
        "PR115", E, "a field does not hold the value PSE writes",
        "manual 7.2: Valor fijo; spec decision 13 (the pse and manual profiles)",
        title_es="un campo no tiene el valor que escribe PSE",
        message="{field} is {text!r}; files PSE writes carry {expected!r}",
        message_es="{field} es {text!r}; los archivos que escribe PSE llevan {expected!r}",
        off=True,
    ),
    Rule(
        "PR116", E, "an obligatory field is blank or all zeros",
        "manual 7.2: Requisito Obligatorio (the manual profile)",
        title_es="un campo obligatorio está en blanco o en ceros",
        message="{field} is obligatory, but it is blank or all zeros",
        message_es="{field} es obligatorio, pero está en blanco o en ceros",
        off=True,
    ),
    Rule(
        "PR117", E, "an alphanumeric field is not left-aligned",
        "manual 7.2: los campos alfanuméricos se alinean a la izquierda (the manual profile)",
        title_es="un campo alfanumérico no está alineado a la izquierda",
        message="{field} {text!r} starts with blanks; alphanumeric fields are left-aligned, "
        "blanks on the right",
        message_es="{field} {text!r} empieza con espacios; los campos alfanuméricos se alinean "
        "a la izquierda, con los espacios a la derecha",
        off=True,
    ),
    Rule(
        "PR118", W, "the grand-total line of pse-detail does not carry state 9",
        "ADR 0002; spec decision 14 (an error in the manual profile)",
        title_es="la línea de gran total de pse-detail no lleva el estado 9",
        message="{field} of the grand-total line is {text!r}; pse_recon writes {expected!r} "
        "(taken for the grand total all the same)",
        message_es="{field} de la línea de gran total es {text!r}; pse_recon escribe "
        "{expected!r} (se toma igual como el gran total)",
    ),
    # -- structure ----------------------------------------------------------------
    Rule(
        "PR201", E, "the file does not start with its header record", "manual 7.2: encabezado",
        title_es="el archivo no empieza con su registro de encabezado",
        message="the file must start with record {header}, it starts with record {record}",
        message_es="el archivo debe empezar con el registro {header} y empieza con el "
        "registro {record}",
        stops="file",
    ),
    Rule(
        "PR202", E, "a record is out of place in the file's structure", "manual 7.2: structure",
        title_es="un registro está fuera de lugar en la estructura del archivo",
        message="record {record} cannot come here (expected {expected})",
        message_es="el registro {record} no puede ir aquí (se esperaba {expected})",
        stops="file",
    ),
    Rule(
        "PR203", E, "the file ends before its control record, or leaves a lot open",
        "manual 7.2: control records",
        title_es="el archivo termina sin su registro de control, o deja un lote abierto",
        message="record {opener} of line {opened} is never closed: record {missing} is missing",
        message_es="el registro {opener} de la línea {opened} nunca se cierra: falta el "
        "registro {missing}",
        stops="file",
    ),
    Rule(
        "PR204", E, "a record follows the file's control record", "manual 7.2: control last",
        title_es="hay registros después del registro de control del archivo",
        message="record {record} follows record {closing} of line {closed}, which closes the "
        "file; nothing may follow it",
        message_es="el registro {record} está después del registro {closing} de la línea "
        "{closed}, que cierra el archivo; después de él no puede haber nada",
        stops="file",
    ),
    Rule(
        "PR205", E, "a PSE state-totals line is missing",
        "manual 7.2, formatos PSE: registro tipo 3 (pse-detail: 5 lines; pse-summary: one "
        "per state with transactions)",
        title_es="falta una línea de totales por estado PSE",
        message="there is no totals line (record {record}) for state {state}",
        message_es="falta la línea de totales (registro {record}) del estado {state}",
        stops="file",
    ),
    Rule(
        "PR206", E, "a PSE state has more than one totals line",
        "manual 7.2, formatos PSE: registro tipo 3, solamente 1 línea por cada estado",
        title_es="un estado PSE tiene más de una línea de totales",
        message="state {state} already has a totals line, at line {first}",
        message_es="el estado {state} ya tiene línea de totales, en la línea {first}",
        stops="file",
    ),
    Rule(
        "PR207", W, "a lot has no detail records", "manual 7.2: a lot groups the payments of a "
        "service", strict=E,
        title_es="un lote no tiene registros de detalle",
        message="the lot of line {opened} has no detail records",
        message_es="el lote de la línea {opened} no tiene registros de detalle",
    ),
    Rule(
        "PR208", W, "the file has no lots", "manual 7.2: a file holds the lots of the day",
        strict=E,
        title_es="el archivo no tiene lotes",
        message="the file has no lots: record {record} of line {closed} closes it right after "
        "its header",
        message_es="el archivo no tiene lotes: el registro {record} de la línea {closed} lo "
        "cierra justo después de su encabezado",
    ),
    Rule(
        "PR209", W, "the file has no detail records", "manual 7.2: a file reports payments",
        strict=E,
        title_es="el archivo no tiene registros de detalle",
        message="the file has no detail records (record {detail})",
        message_es="el archivo no tiene registros de detalle (registro {detail})",
    ),
    Rule(
        "PR210", E, "a pse-summary file has more than one line for a bank and state",
        "manual 7.2, formatos PSE: registro tipo 2, 1 línea por EF y Estado (the manual "
        "profile)",
        title_es="un archivo pse-summary tiene más de una línea para un banco y estado",
        message="there is already a line for {key}, at line {first}",
        message_es="ya hay una línea para {key}, en la línea {first}",
        off=True,
    ),
    Rule(
        "PR211", E, "a pse-summary line has no transactions",
        "manual 7.2, formatos PSE: registro tipo 2, por EF y Estado que tiene transacción (the "
        "manual profile)",
        title_es="una línea de pse-summary no tiene transacciones",
        message="{field} is zero; a line is written for a bank and state that has transactions",
        message_es="{field} es cero; solo hay línea para un banco y estado que tiene "
        "transacciones",
        off=True,
    ),
    # -- computed fields: counts, totals, lot numbers, sequences -------------------
    Rule(
        "PR301", E, "a control count differs from the number of detail records",
        "manual 7.2: total registros; spec decision 5",
        title_es="un conteo de control no coincide con el número de registros de detalle",
        message="{field} says {declared} records, but there are {actual}",
        message_es="{field} dice {declared} registros, pero hay {actual}",
    ),
    Rule(
        "PR302", E, "a control total differs from the sum of the detail records",
        "manual 7.2: valor total; spec decision 2",
        title_es="un total de control no coincide con la suma de los registros de detalle",
        message="{field} says {declared}, but {source} of the details adds up to {actual}",
        message_es="{field} dice {declared}, pero la suma de {source} en los detalles da {actual}",
    ),
    Rule(
        "PR303", E, "lot numbers do not run 1, 2, 3 … in file order",
        "manual 7.2: número de lote, consecutivo iniciando en 1",
        title_es="los números de lote no van 1, 2, 3 … en el orden del archivo",
        message="{field} is {found}, expected {expected}: lots are numbered from 1 in file order",
        message_es="{field} es {found} y se esperaba {expected}: los lotes se numeran desde 1 "
        "en el orden del archivo",
    ),
    Rule(
        "PR304", E, "a lot control's lot number differs from its lot header's",
        "manual 7.2: número de lote del control",
        title_es="el número de lote del control no coincide con el de su encabezado",
        message="{field} is {found}, but the lot header of line {header_line} says {expected}",
        message_es="{field} es {found}, pero el encabezado del lote (línea {header_line}) "
        "dice {expected}",
    ),
    Rule(
        "PR305", E, "a detail's sequence number is not the next one",
        "manual 7.2: secuencia, inicia en 2; spec decision 3",
        title_es="la secuencia de un registro de detalle no es la siguiente",
        message="{field} is {found}, expected {expected}",
        message_es="{field} es {found} y se esperaba {expected}",
    ),
    Rule(
        "PR306", W, "a control could not be checked: a record it covers is unreadable",
        "validation design: no cascades from one bad line",
        title_es="no se pudo verificar un control: un registro que cubre no se puede leer",
        message="{fields} not checked: line {cause}, which these totals cover, could not be read",
        message_es="no se pudo verificar {fields}: la línea {cause}, incluida en estos totales, "
        "no se pudo leer",
    ),
]

RULES: Final = MappingProxyType({rule.code: rule for rule in _RULES})

#: The phrases PR002 is made of (``seen`` and ``why``), in every language: what
#: detection saw in the file, and why each format was ruled out
#: (:mod:`pse_recon.codec.detect`).
DETECTION_PHRASES: Final = MappingProxyType(
    {
        "seen": {
            "en": "the first line starts with {first!r} and is {width} columns wide",
            "es": "la primera línea empieza por {first!r} y tiene {width} posiciones",
        },
        "compressed": {
            "en": "the content is {kind} data, not text lines",
            "es": "el contenido son datos {kind}, no líneas de texto",
        },
        "decompress": {
            "en": "decompress it first",
            "es": "descomprímalo primero",
        },
        "binary": {
            "en": "the content is binary data (control bytes {bytes}), not text lines",
            "es": "el contenido son datos binarios (bytes de control {bytes}), no líneas de texto",
        },
        "no_format": {
            "en": "no format fits: {reasons}",
            "es": "ningún formato encaja: {reasons}",
        },
        "header": {
            "en": "{format} opens with a header {header} of {width} columns",
            "es": "{format} empieza con un encabezado {header} de {width} posiciones",
        },
        "line": {
            "en": "{format} has no record like line {line} ({width} columns, type {type!r})",
            "es": "{format} no tiene un registro como la línea {line} ({width} posiciones, "
            "tipo {type!r})",
        },
        "several": {
            "en": "it could be {formats}",
            "es": "podría ser {formats}",
        },
        "or": {"en": " or ", "es": " o "},
    }
)


def phrase(key: str, lang: str, **params: Any) -> str:
    """One of :data:`DETECTION_PHRASES` in ``lang``, filled in."""
    return DETECTION_PHRASES[key][lang].format(**params)


# -- what `pse-recon explain` says of each rule ------------------------------------
@attrs.frozen
class Example:
    """A file that breaks a rule, as one change to a valid file: the golden file of
    ``format`` (``tests/golden/``, at the format's standard width) with ``replaces``
    lines from line ``line`` on replaced by ``lines`` (0: inserted before ``line``;
    None: every line from ``line`` to the end), its lines then ended with ``newline``.
    Line ``n + 1`` of a file of ``n`` lines is the empty text after its last line
    ending: replacing it with nothing leaves the last line without one. A line is
    padded with blanks to its record type's width unless ``pad`` is false; its text
    is written one byte a character (latin-1), and validated as ``encoding``.

    ``columns``: where the rule's finding points in the last changed line (in line
    ``line`` when no line is given; None: at a whole line or the file). ``also``: the
    codes the change inevitably breaks too (an unreadable amount leaves the totals
    unverified: PR306). The test suite applies
    every example to its golden file and checks that it gives its rule's finding
    there and no other but ``also``, so examples cannot drift from the validator.
    """

    format: str
    line: int
    lines: tuple[str, ...]
    replaces: int | None = 1
    columns: tuple[int, int] | None = None
    also: tuple[str, ...] = ()
    pad: bool = True
    newline: str = "\n"
    encoding: str = "latin-1"

    def apply(self, golden: bytes) -> bytes:
        """The golden file's bytes (LF-ended lines) with this change made."""
        from pse_recon.layouts import FORMATS

        records = FORMATS[self.format].records
        old = golden.decode("latin-1").split("\n")
        end = len(old) if self.replaces is None else self.line - 1 + self.replaces
        new = []
        for text in self.lines:
            record = next((r for code, r in records.items() if text.startswith(code)), None)
            new.append(text.ljust(record.width) if self.pad and record is not None else text)
        return self.newline.join([*old[: self.line - 1], *new, *old[end:]]).encode("latin-1")


@attrs.frozen
class Explanation:
    """What ``pse-recon explain CODE`` (and docs/rules.md) says of a rule beyond its
    title: what it checks and why (``explanation``), how to fix what breaks it
    (``fix``), in English and Spanish; the manual's words (``manual``: verbatim
    fragments of its Spanish text, table cells joined by a blank; empty when the
    manual says nothing of it) and an :class:`Example`."""

    explanation: str
    explanation_es: str
    fix: str
    fix_es: str
    example: Example
    manual: tuple[str, ...] = ()

    def text(self, part: str, lang: str) -> str:
        """``explanation`` or ``fix`` in ``lang``."""
        return str(getattr(self, f"{part}_es" if lang == "es" else part))


_2001, _1998, _PSE = "asobancaria-2001", "asobancaria-1998", "pse-detail"
_HEADER_2001 = "0189090499612026112000712345678901      202611212400A02"
_DETAIL_2001 = "060000000000000000000000000000000000000000000210530000000854000099154233558812050510003"
_CONTROL_2001 = "09000000004000000000158663555"
_LENGTH = "La longitud de los registros es de 150 posiciones."
_BLANKS = "Los campos alfanuméricos se alinean a la izquierda y se rellenan con espacios a la derecha."
_NUMBERS = "Los campos numéricos contenidos en los archivos se alinean a la derecha y se rellenan con " \
    "ceros a la izquierda."
_CAUSAL = "Causal de devolución 3 Alfanum Obligatorio para devoluciones Blanco"
_HOUR = "Hora de grabación del archivo en formato de hora militar, es decir, de 0001 hasta las 2400."
_LOTS = "Consecutivo del lote dentro del archivo iniciando en 1. Cada archivo tiene su propia " \
    "secuencia de numeración de lotes."
_NOT_IN_MANUAL_EN = "The manual says nothing of line endings or of bytes outside the records; "
_NOT_IN_MANUAL_ES = "El manual no habla de fines de línea ni de bytes fuera de los registros; "

#: What ``pse-recon explain`` says of each rule, by code (every code of :data:`RULES`).
EXPLANATIONS: Final = MappingProxyType({
    "PR001": Explanation(
        "A file holds at least its header and its control record. An empty file is most "
        "often a failed transfer or an export that found nothing to write.",
        "Un archivo tiene al menos su registro de encabezado y su registro de control. Un "
        "archivo vacío suele ser una transferencia fallida o una exportación que no encontró "
        "nada que escribir.",
        "Download or export the file again, and check the producer's log for that day.",
        "Descargue o exporte de nuevo el archivo y revise el registro del productor de ese día.",
        Example(_2001, 1, (), None),
        ("01 (constante) Indica encabezado.", "09 (constante) Indica tipo de registro"),
    ),
    "PR002": Explanation(
        "Without --format the format is detected from the first lines: the header's record "
        "type and width say which format it is. When no format fits, or several do, nothing "
        "is guessed; the message says what the first line looks like and why each format "
        "was ruled out.",
        "Sin --format, el formato se detecta por las primeras líneas: el tipo de registro y el "
        "ancho del encabezado dicen cuál es. Cuando ningún formato encaja, o encajan varios, no "
        "se adivina nada; el mensaje dice cómo es la primera línea y por qué se descartó cada "
        "formato.",
        "Check that this is the bank file and not another export (a spreadsheet, a report); "
        "if it is, give its format with --format (and --width for the 150-column variant).",
        "Verifique que sea el archivo del banco y no otra exportación (una hoja de cálculo, un "
        "informe); si lo es, indique su formato con --format (y --width para la variante de "
        "150 posiciones).",
        Example(_2001, 1, ("REFERENCIA;VALOR;FECHA",), None),
        ("A continuación se describe la estructura y contenido de cada uno de los formatos de "
         "archivos que se pueden configurar a través del módulo.",),
    ),
    "PR003": Explanation(
        "No record of any format is longer than 235 columns, so a line of more than 4096 "
        "bytes is not a record: the rest of it is skipped unread, which keeps memory flat "
        "whatever the input.",
        "Ningún registro de ningún formato supera las 235 posiciones, así que una línea de más "
        "de 4096 bytes no es un registro: el resto se omite sin leerlo, y la memoria no crece "
        "con la entrada.",
        "The file is not a collection file, or its line endings were lost (a file converted "
        "badly, every record on one line): get it again from its producer.",
        "El archivo no es de recaudo, o perdió sus fines de línea (un archivo mal convertido, "
        "todos los registros en una línea): pídalo de nuevo a su productor.",
        Example(_2001, 3, (_DETAIL_2001 + "0000002" + "0" * 4100,), columns=(4097, 4097),
                also=("PR306",)),
        (_LENGTH,),
    ),
    "PR004": Explanation(
        "Every record type has a fixed width (162 or 150 columns in Asobancaria 2001, 110 in "
        "Andesco, 64 in 1998, per record type in PSE). A line of another width has lost or "
        "gained characters, so its fields are not where the layout puts them.",
        "Cada tipo de registro tiene un ancho fijo (162 o 150 posiciones en Asobancaria 2001, "
        "110 en Andesco, 64 en 1998, según el tipo de registro en PSE). Una línea de otro "
        "ancho perdió o ganó caracteres, así que sus campos no están donde los pone el diseño.",
        "Find what was added or removed in the line (often a value longer than its field) and "
        "write the record again at its width.",
        "Busque qué se agregó o quitó en la línea (a menudo un valor más largo que su campo) y "
        "escriba de nuevo el registro con su ancho.",
        Example(_2001, 2, ("0577012340000110001" + " " * 143 + "0",), columns=(163, 163),
                pad=False),
        (_LENGTH, "La longitud de los registros es de 110 posiciones."),
    ),
    "PR005": Explanation(
        "A record's first columns say its type, and each format has a few (01, 05, 06, 08, 09 "
        "in Asobancaria 2001; 1, 2, 3 in PSE). Any other type is a line the layout does not "
        "describe; a blank line inside the file is one too.",
        "Las primeras posiciones de un registro dicen su tipo, y cada formato tiene pocos (01, "
        "05, 06, 08, 09 en Asobancaria 2001; 1, 2, 3 en PSE). Cualquier otro tipo es una línea "
        "que el diseño no describe; una línea en blanco dentro del archivo también lo es.",
        "Remove the line, or correct its record type; if the file is of another format, give "
        "it with --format.",
        "Quite la línea o corrija su tipo de registro; si el archivo es de otro formato, "
        "indíquelo con --format.",
        Example(_2001, 4, ("0700000000000000000000000000000000000000000098765400000000123456991500"
                           "000000000001300030000003",), columns=(1, 2), also=("PR306",)),
        ("Tipo de registro 2 Núm. Obligatorio 05 (constante) Indica el tipo de registro",),
    ),
    "PR006": Explanation(
        _NOT_IN_MANUAL_EN + "files made on Windows end their lines in CR LF. Reading "
        "accepts it and keeps the bytes; it is reported once, for the whole file, as a "
        "warning (an error with --strict, for files you produce).",
        _NOT_IN_MANUAL_ES + "los archivos hechos en Windows terminan sus líneas en CR LF. La "
        "lectura lo acepta y conserva los bytes; se informa una vez, para todo el archivo, "
        "como advertencia (error con --strict, para los archivos que usted produce).",
        "Nothing, for a file you receive. For a file you produce, write LF line endings "
        "(pse_recon.dumps(f, canonical=True) writes them).",
        "Nada, en un archivo que recibe. En un archivo que produce, escriba fines de línea LF "
        "(pse_recon.dumps(f, canonical=True) los escribe).",
        Example(_2001, 1, (), 0, columns=(163, 164), newline="\r\n"),
    ),
    "PR007": Explanation(
        _NOT_IN_MANUAL_EN + "some producers leave the last record without its line ending. "
        "Reading accepts it; strict validation wants every record ended.",
        _NOT_IN_MANUAL_ES + "algunos productores dejan el último registro sin su fin de "
        "línea. La lectura lo acepta; la validación estricta pide que todo registro termine.",
        "End the last record with a line ending, as the others.",
        "Termine el último registro con un fin de línea, como los demás.",
        Example(_2001, 10, (_CONTROL_2001,), None, columns=(163, 163)),
    ),
    "PR008": Explanation(
        "Records are padded with blanks to their full width, the last one too. A last record "
        "cut after its last non-blank character is read as if padded (its missing columns are "
        "all blanks the layout allows); strict validation wants it whole.",
        "Los registros se completan con espacios hasta su ancho, también el último. Un último "
        "registro cortado tras su último carácter no blanco se lee como si estuviera completo "
        "(las posiciones que faltan son blancos que el diseño admite); la validación estricta "
        "lo pide entero.",
        "Pad the last record with blanks to its width.",
        "Complete el último registro con espacios hasta su ancho.",
        Example(_2001, 10, (_CONTROL_2001,), columns=(30, 162), pad=False),
        (_BLANKS, _LENGTH),
    ),
    "PR009": Explanation(
        "A record whose trailing blanks were trimmed (by an editor, a database export, a "
        "transfer) is shorter than its width. When the missing columns are all fields that "
        "blanks satisfy, it is read as if padded, and the first such record of the file is "
        "reported (a file is trimmed as a whole: one warning says it); otherwise it is PR004.",
        "Un registro al que le quitaron los espacios finales (un editor, una exportación de "
        "base de datos, una transferencia) es más corto que su ancho. Cuando las posiciones "
        "que faltan son campos que admiten blancos, se lee como si estuviera completo y se "
        "informa el primero del archivo (un archivo se recorta entero: basta un aviso); si no, "
        "es PR004.",
        "Write records at their full width; do not let the tool that moves the file trim lines.",
        "Escriba los registros con su ancho completo; que la herramienta que mueve el archivo "
        "no recorte las líneas.",
        Example(_2001, 3, (_DETAIL_2001 + "0000002",), columns=(95, 162), pad=False),
        (_BLANKS, _LENGTH),
    ),
    "PR010": Explanation(
        "Validation reads one byte a column in the encoding asked for (latin-1 by default, in "
        "which every byte is a character). With another encoding (encoding='ascii' in the "
        "API), a byte that is no character of it is reported where it stands.",
        "La validación lee un byte por posición en la codificación pedida (latin-1 por "
        "omisión, en la que todo byte es un carácter). Con otra codificación (encoding='ascii' "
        "en la API), un byte que no es carácter de ella se informa donde está.",
        "Write the text in the encoding agreed with the receiver, or validate with the "
        "encoding the producer used.",
        "Escriba el texto en la codificación acordada con quien lo recibe, o valide con la "
        "codificación que usó el productor.",
        Example(_2001, 1, (_HEADER_2001[:34] + "é" + _HEADER_2001[35:],), columns=(35, 35),
                encoding="ascii"),
    ),
    "PR011": Explanation(
        _NOT_IN_MANUAL_EN + "Windows editors write a UTF-8 byte-order mark (EF BB BF) before "
        "the first record. Reading skips it and keeps it; it is reported once.",
        _NOT_IN_MANUAL_ES + "los editores de Windows escriben una marca de orden de bytes "
        "UTF-8 (EF BB BF) antes del primer registro. La lectura la salta y la conserva; se "
        "informa una vez.",
        "Save the file without a byte-order mark (\"UTF-8 without BOM\", or latin-1).",
        "Guarde el archivo sin marca de orden de bytes (\"UTF-8 sin BOM\", o latin-1).",
        Example(_2001, 1, ("ï»¿" + _HEADER_2001 + " " * 107,), columns=(1, 3), pad=False),
    ),
    "PR012": Explanation(
        _NOT_IN_MANUAL_EN + "empty lines after the last record are the file's tail, not "
        "records: read, kept and reported once.",
        _NOT_IN_MANUAL_ES + "las líneas vacías después del último registro son la cola del "
        "archivo, no registros: se leen, se conservan y se informan una vez.",
        "End the file with the line ending of its last record.",
        "Termine el archivo con el fin de línea de su último registro.",
        Example(_2001, 10, (_CONTROL_2001, "", ""), None),
    ),
    "PR013": Explanation(
        _NOT_IN_MANUAL_EN + "old DOS tools end a file with the byte 0x1A (Ctrl-Z). Reading "
        "accepts it after the last record and keeps it; it is reported once.",
        _NOT_IN_MANUAL_ES + "las herramientas antiguas de DOS terminan un archivo con el byte "
        "0x1A (Ctrl-Z). La lectura lo acepta después del último registro y lo conserva; se "
        "informa una vez.",
        "Write the file without the end-of-file byte.",
        "Escriba el archivo sin el byte de fin de archivo.",
        Example(_2001, 10, (_CONTROL_2001, "\x1a"), None, columns=(1, 1)),
    ),
    "PR014": Explanation(
        _NOT_IN_MANUAL_EN + "files from old Mac tools end lines in CR alone. Reading accepts "
        "it and keeps the bytes; it is reported once, for the whole file.",
        _NOT_IN_MANUAL_ES + "los archivos de herramientas Mac antiguas terminan las líneas "
        "solo en CR. La lectura lo acepta y conserva los bytes; se informa una vez, para todo "
        "el archivo.",
        "Write LF line endings.",
        "Escriba fines de línea LF.",
        Example(_2001, 1, (), 0, columns=(163, 163), newline="\r"),
    ),
    "PR015": Explanation(
        _NOT_IN_MANUAL_EN + "CR CR LF is a CRLF file converted to CRLF once more (by a "
        "transfer in text mode). Reading accepts it and keeps the bytes; it is reported once.",
        _NOT_IN_MANUAL_ES + "CR CR LF es un archivo CRLF convertido otra vez a CRLF (una "
        "transferencia en modo texto). La lectura lo acepta y conserva los bytes; se informa "
        "una vez.",
        "Transfer the file in binary mode, and write LF line endings.",
        "Transfiera el archivo en modo binario y escriba fines de línea LF.",
        Example(_2001, 1, (), 0, columns=(163, 165), newline="\r\r\n"),
    ),
    "PR016": Explanation(
        "A record padded with blanks past its width (a fixed-width export wider than the "
        "layout) holds nothing more; reading takes its first columns and keeps the bytes. "
        "It is reported once per file.",
        "Un registro completado con espacios más allá de su ancho (una exportación de ancho "
        "fijo más ancha que el diseño) no tiene nada más; la lectura toma sus primeras "
        "posiciones y conserva los bytes. Se informa una vez por archivo.",
        "Write each record at its layout's width, without extra blanks.",
        "Escriba cada registro con el ancho de su diseño, sin espacios de más.",
        Example(_2001, 1, (_HEADER_2001 + " " * 110,), columns=(163, 165), pad=False),
        (_LENGTH,),
    ),
    "PR101": Explanation(
        "Numeric fields (counts, amounts, sequences) hold digits only, zero-filled on the "
        "left. A letter, a blank or a sign makes the value unreadable, so the record cannot "
        "be read and the totals it belongs to cannot be checked (PR306).",
        "Los campos numéricos (conteos, valores, secuencias) solo tienen dígitos, completados "
        "con ceros a la izquierda. Una letra, un blanco o un signo hacen ilegible el valor, así "
        "que el registro no se puede leer y los totales que lo incluyen no se pueden "
        "verificar (PR306).",
        "Write the value with digits only, right-aligned and zero-filled (an O typed for a 0 "
        "is a common case).",
        "Escriba el valor solo con dígitos, alineado a la derecha y completado con ceros (una "
        "O escrita por un 0 es un caso común).",
        Example(_2001, 3, (_DETAIL_2001[:63] + "O" + _DETAIL_2001[64:] + "0000002",),
                columns=(51, 64), also=("PR306",)),
        (_NUMBERS,),
    ),
    "PR102": Explanation(
        "Dates are AAAAMMDD and must be days of the calendar: 20261131 (November has 30 "
        "days) or 00000000 is no date.",
        "Las fechas son AAAAMMDD y deben ser días del calendario: 20261131 (noviembre tiene "
        "30 días) o 00000000 no son fechas.",
        "Write the real date, year first: 20261130.",
        "Escriba la fecha real, el año primero: 20261130.",
        Example(_2001, 1, ("018909049961" + "20261131" + _HEADER_2001[20:],), columns=(13, 20)),
        ("Fecha de pago 8 Núm. Obligatorio AAAAMMDD Fecha de cierre de ciclo.",),
    ),
    "PR103": Explanation(
        "Times are HHMM (Asobancaria, Andesco) or HHMMSS (PSE). HHMM runs from 0001 to 2400 "
        "(2400 is midnight at the end of the day); hours above 24 and minutes above 59 are no "
        "time.",
        "Las horas son HHMM (Asobancaria, Andesco) o HHMMSS (PSE). HHMM va de 0001 a 2400 "
        "(2400 es la medianoche al final del día); horas mayores que 24 y minutos mayores que "
        "59 no son horas.",
        "Write the time on the 24-hour clock: 2359, not 2500.",
        "Escriba la hora en formato de 24 horas: 2359, no 2500.",
        Example(_2001, 1, (_HEADER_2001[:48] + "2500" + _HEADER_2001[52:],), columns=(49, 52)),
        (_HOUR, "Hora del cierre de ciclo (HHMMSS)"),
    ),
    "PR104": Explanation(
        "Some fields have one fixed value: the record types, 06 in procedencia_pago of "
        "Asobancaria 1998, 1 in PSE's canal_pago. Another value means the line is of another "
        "layout or was written wrongly.",
        "Algunos campos tienen un único valor fijo: los tipos de registro, 06 en "
        "procedencia_pago de Asobancaria 1998, 1 en canal_pago de PSE. Otro valor indica que la "
        "línea es de otro diseño o se escribió mal.",
        "Write the fixed value the layout gives (pse-recon describe FORMAT lists them).",
        "Escriba el valor fijo que da el diseño (pse-recon describe FORMATO los lista).",
        Example(_1998, 2, ("0200000000000000000000210530000000085400990000002",),
                columns=(41, 42)),
        ("Procedencia de Pago 2 Núm. 06 41 42 Valor Fijo",),
    ),
    "PR105": Explanation(
        "Reserved and filler fields are blank. Something written there is data the receiver "
        "ignores, or a sign that the fields before it are shifted.",
        "Los campos reservados y de relleno van en blanco. Algo escrito allí son datos que el "
        "receptor ignora, o una señal de que los campos anteriores están corridos.",
        "Leave the field blank; if the text belongs to a field before it, move it there.",
        "Deje el campo en blanco; si el texto pertenece a un campo anterior, muévalo allí.",
        Example(_2001, 2, ("0577012340000110001     X",), columns=(20, 162)),
        ("Reservado 143 Alfanum Blanco",),
    ),
    "PR106": Explanation(
        "Coded fields take a value of their catalog (docs/catalogs.md): procedencia de pago, "
        "medio de pago, tipo de cuenta, modificador de archivo, PSE transaction states. A "
        "code outside it cannot be interpreted.",
        "Los campos codificados toman un valor de su catálogo (docs/catalogs.md): procedencia "
        "de pago, medio de pago, tipo de cuenta, modificador de archivo, estados de "
        "transacción PSE. Un código fuera de él no se puede interpretar.",
        "Write one of the values the message lists (pse-recon describe FORMAT shows each "
        "field's catalog).",
        "Escriba uno de los valores que lista el mensaje (pse-recon describe FORMATO muestra "
        "el catálogo de cada campo).",
        Example(_2001, 3, (_DETAIL_2001[:66] + "77" + _DETAIL_2001[68:] + "0000002",),
                columns=(67, 68)),
        ("Medios de pago 2 Núm. Obligatorio Código “15”.",
         "Para el caso de PSE, aplica el código 15 – Débito en cuenta por Internet"),
    ),
    "PR107": Explanation(
        "Bank codes (the 3-digit transit code, the last three digits of the bank's PSE code) "
        "are looked up in a public list of banks. The list is not published by ACH Colombia, "
        "so an unknown code is a warning, reported once per code.",
        "Los códigos de entidad (el código de tránsito de 3 dígitos, los tres últimos del "
        "código PSE del banco) se buscan en una lista pública de bancos. La lista no la "
        "publica ACH Colombia, así que un código desconocido es una advertencia, informada una "
        "vez por código.",
        "Check the code with the bank; if it is right and missing from the list, report it so "
        "the list can be corrected.",
        "Verifique el código con el banco; si es correcto y falta en la lista, repórtelo para "
        "corregirla.",
        Example(_2001, 3, (_DETAIL_2001[:80] + "999" + _DETAIL_2001[83:] + "0000002",),
                columns=(81, 83)),
        ("Código de tránsito (tres últimos caracteres del código de Entidad Financiera usado en "
         "PSE) de la Entidad Financiera Autorizadora, es decir, de la Entidad Financiera "
         "Autorizadora del débito.",),
    ),
    "PR108": Explanation(
        "PSE files carry 8-digit bank codes that are the bank's 4-digit PSE code zero-filled "
        "(00001007 for Bancolombia), without a check digit. A code of another shape is not a "
        "PSE bank code.",
        "Los archivos PSE llevan códigos de entidad de 8 dígitos que son el código PSE de 4 "
        "dígitos del banco completado con ceros (00001007 para Bancolombia), sin dígito de "
        "chequeo. Un código de otra forma no es un código de entidad PSE.",
        "Write the bank's 4-digit PSE code, zero-filled to 8 digits: 0000NNNN.",
        "Escriba el código PSE de 4 dígitos del banco completado con ceros hasta 8: 0000NNNN.",
        Example(_PSE, 2, ("2100000000000000021053123456780001234500000000110000100712345678901"
                          "      000000000008540000000000000000000000AUT-881205" + " " * 40
                          + "21053               GAS NATURAL BOGOTÁ" + " " * 22
                          + "1202611201430153",), columns=(31, 38)),
        ("Código EF autorizadora s/ digito de chequeo",),
    ),
    "PR109": Explanation(
        "The manual's HHMM times run from 0001 to 2400: 0000 is readable (midnight) but "
        "outside that range, a warning (an error with --strict).",
        "Las horas HHMM del manual van de 0001 a 2400: 0000 se puede leer (medianoche) pero "
        "está fuera de ese rango, una advertencia (error con --strict).",
        "Write midnight as 2400 (of the day that ends) or 0001.",
        "Escriba la medianoche como 2400 (del día que termina) o 0001.",
        Example(_2001, 1, (_HEADER_2001[:48] + "0000" + _HEADER_2001[52:],), columns=(49, 52)),
        (_HOUR,),
    ),
    "PR110": Explanation(
        "causal_devolucion is blank when the payment was not returned. Many banks write 000 "
        "instead: read as \"no return\", reported once per file as a warning (an error with "
        "--strict).",
        "causal_devolucion va en blanco cuando el pago no fue devuelto. Muchos bancos escriben "
        "000: se lee como \"sin devolución\" y se informa una vez por archivo como advertencia "
        "(error con --strict).",
        "Leave causal_devolucion blank when there is no return.",
        "Deje causal_devolucion en blanco cuando no hay devolución.",
        Example(_2001, 3, (_DETAIL_2001 + "0000002000",), columns=(95, 97)),
        (_CAUSAL,),
    ),
    "PR111": Explanation(
        "In PSE's Asobancaria 2001 and Andesco files codigo_sucursal carries the PSE cycle "
        "number (0001 to 0009). Banks write their branch there instead; reported once per "
        "file as a warning (an error with --strict).",
        "En los archivos Asobancaria 2001 y Andesco de PSE, codigo_sucursal lleva el número de "
        "ciclo PSE (0001 a 0009). Los bancos escriben allí su sucursal; se informa una vez por "
        "archivo como advertencia (error con --strict).",
        "For a PSE file, write the cycle number; a bank's counter file may keep its branch.",
        "En un archivo PSE, escriba el número de ciclo; el archivo de ventanilla de un banco "
        "puede conservar su sucursal.",
        Example(_2001, 3, (_DETAIL_2001[:83] + "0120" + "0000002",), columns=(84, 87)),
        ("Código de sucursal 4 Núm. Obligatorio Número de ciclo Este campo se utilizará para "
         "identificar el ciclo en la transacción fue autorizada por la Entidad Financiera "
         "Autorizadora.",),
    ),
    "PR112": Explanation(
        "causal_devolucion is blank, or a numeric return code when the payment was returned. "
        "Letters or a code mixed with blanks cannot be a return cause.",
        "causal_devolucion va en blanco, o con un código numérico de devolución cuando el pago "
        "fue devuelto. Letras, o un código mezclado con blancos, no pueden ser una causal.",
        "Write the return cause's digits, or leave the field blank.",
        "Escriba los dígitos de la causal de devolución, o deje el campo en blanco.",
        Example(_2001, 3, (_DETAIL_2001 + "00000020A1",), columns=(95, 97)),
        (_CAUSAL,),
    ),
    "PR113": Explanation(
        "A return cause is looked up in a public list of Asobancaria's cheque-return causes "
        "(docs/catalogs.md). The list is not authoritative, so an unknown cause is a warning, "
        "reported once per code.",
        "La causal de devolución se busca en una lista pública de causales de devolución de "
        "cheques de Asobancaria (docs/catalogs.md). La lista no es oficial, así que una "
        "causal desconocida es una advertencia, informada una vez por código.",
        "Check the cause with the bank; if it is right and missing from the list, report it.",
        "Verifique la causal con el banco; si es correcta y falta en la lista, repórtela.",
        Example(_2001, 3, (_DETAIL_2001 + "0000002999",), columns=(95, 97)),
        (_CAUSAL,),
    ),
    "PR114": Explanation(
        "Text fields hold printable text. A control character (a tab, ESC, a NUL) breaks "
        "the programs and terminals that show the field, and may hide what the field says.",
        "Los campos de texto tienen texto imprimible. Un carácter de control (un tabulador, "
        "ESC, un NUL) daña los programas y terminales que muestran el campo, y puede ocultar "
        "lo que dice.",
        "Remove the control character, or replace it with a blank.",
        "Quite el carácter de control o reemplácelo por un espacio.",
        Example(_PSE, 2, ("2100000000000000021053123456780000105100000000110000100712345678901"
                          "      000000000008540000000000000000000000AUT-881205" + " " * 40
                          + "\x071053               GAS NATURAL BOGOTÁ" + " " * 22
                          + "1202611201430153",), columns=(160, 179)),
        (_BLANKS,),
    ),
    "PR115": Explanation(
        "The manual is PSE's: it fixes what PSE writes in some fields: procedencia_pago 99 "
        "and medio_pago 15 in 2001 and Andesco details, modificador_archivo 0 in their "
        "headers (ADR 0015). Banks' counter files carry other catalog codes, so this is "
        "checked by the pse and manual profiles only (spec decision 13).",
        "El manual es de PSE: fija lo que PSE escribe en algunos campos: procedencia_pago 99 "
        "y medio_pago 15 en los detalles de 2001 y Andesco, modificador_archivo 0 en sus "
        "encabezados (ADR 0015). Los archivos de ventanilla de los bancos llevan otros códigos "
        "del catálogo, así que solo lo verifican los perfiles pse y manual (decisión 13).",
        "A file PSE writes carries the fixed value; if the file is a bank's, validate it "
        "without the pse profile.",
        "Un archivo que escribe PSE lleva el valor fijo; si el archivo es de un banco, valídelo "
        "sin el perfil pse.",
        Example(_2001, 3, (_DETAIL_2001[:64] + "01" + _DETAIL_2001[66:] + "0000002",),
                columns=(65, 66)),
        ("Procedencia de pago 2 Núm. Obligatorio 99” Valor fijo",
         "Para el caso de PSE, aplica el código 15 – Débito en cuenta por Internet",
         "Modificador de archive 1 Alfanum Obligatorio A-Z,0-9 Valor fijo “0”."),
    ),
    "PR116": Explanation(
        "The identifiers the manual marks obligatory (nit_empresa, numero_cuenta, "
        "codigo_servicio, referencia_principal) must say something: blanks or zeros only "
        "read, but identify no company, account, service or payer. Checked by the manual "
        "profile.",
        "Los identificadores que el manual marca obligatorios (nit_empresa, numero_cuenta, "
        "codigo_servicio, referencia_principal) deben decir algo: solo espacios o ceros se "
        "pueden leer, pero no identifican empresa, cuenta, servicio ni pagador. Lo verifica el "
        "perfil manual.",
        "Write the identifier: the company's NIT, the account, the service code, the payer's "
        "reference.",
        "Escriba el identificador: el NIT de la empresa, la cuenta, el código del servicio, la "
        "referencia del pagador.",
        Example(_2001, 3, ("06" + "0" * 48 + _DETAIL_2001[50:] + "0000002",), columns=(3, 50)),
        ("Referencia principal del usuario 48 Núm. Obligatorio Según cada empresa",),
    ),
    "PR117": Explanation(
        "Alphanumeric fields are left-aligned and filled with blanks on the right. A text "
        "that starts with blanks reads (its blanks are kept), but a consumer that compares "
        "it with its own records will not find it. Checked by the manual profile.",
        "Los campos alfanuméricos se alinean a la izquierda y se rellenan con espacios a la "
        "derecha. Un texto que empieza con espacios se puede leer (se conservan), pero quien lo "
        "compare con sus registros no lo encontrará. Lo verifica el perfil manual.",
        "Write the text from the field's first column; put the blanks after it.",
        "Escriba el texto desde la primera posición del campo; los espacios van después.",
        Example(_2001, 1, (_HEADER_2001[:23] + " 12345678901     " + _HEADER_2001[40:],),
                columns=(24, 40)),
        (_BLANKS,),
    ),
    "PR118": Explanation(
        "pse-detail closes with a grand-total line; pse_recon writes its state as 9 (ADR "
        "0002), but no public source gives the code. Another code that is not a state is "
        "taken for the grand total and reported as a warning (spec decision 14); the manual "
        "profile makes it an error.",
        "pse-detail cierra con una línea de gran total; pse_recon escribe su estado como 9 "
        "(ADR 0002), pero ninguna fuente pública da el código. Otro código que no es un estado "
        "se toma como el gran total y se informa como advertencia (decisión 14); el perfil "
        "manual lo vuelve error.",
        "If your producer uses another code for the grand total, tell the project so the "
        "constant can follow; otherwise write 9.",
        "Si su productor usa otro código para el gran total, avísele al proyecto para que la "
        "constante lo siga; si no, escriba 9.",
        Example(_PSE, 9, ("38000003000000000008664456000000000000019913",), columns=(2, 2)),
        ("Registro tipo 3: 5 líneas, siendo 1 total por estado de las transacciones (1 – 4) y "
         "con total general de todos los estados.",),
    ),
    "PR201": Explanation(
        "A file opens with its header record (01, or 1 in PSE), which says whose file it is "
        "and for which day. Without it, nothing else can be read.",
        "Un archivo empieza con su registro de encabezado (01, o 1 en PSE), que dice de quién "
        "es el archivo y de qué día. Sin él no se puede leer nada más.",
        "Put the header record first; if it is missing, the file is incomplete: get it again.",
        "Ponga primero el registro de encabezado; si falta, el archivo está incompleto: "
        "pídalo de nuevo.",
        Example(_2001, 1, ()),
        ("01 (constante) Indica encabezado.", "Registro tipo 1: Solamente 1 línea"),
    ),
    "PR202": Explanation(
        "Records come in the layout's order: the header; then (2001, Andesco) each lot as a "
        "lot header, its details and its lot control; then the file control. A record where "
        "its type cannot come breaks that structure, and reading stops there.",
        "Los registros van en el orden del diseño: el encabezado; luego (2001, Andesco) cada "
        "lote como encabezado de lote, sus detalles y su control de lote; luego el control "
        "del archivo. Un registro donde su tipo no puede ir rompe esa estructura, y la "
        "lectura se detiene allí.",
        "Move the record to its place, or remove it (two files joined into one are a common "
        "case).",
        "Mueva el registro a su lugar o quítelo (dos archivos unidos en uno son un caso común).",
        Example(_2001, 3, (_HEADER_2001,), 0),
        ("Registro de encabezado del lote", "Registro de detalle", "Registro de control del lote"),
    ),
    "PR203": Explanation(
        "Every lot ends with its lot control and every file with its file control (PSE: its "
        "state-totals lines). A file that ends before them was cut short: its totals cannot "
        "be checked.",
        "Todo lote termina con su control de lote y todo archivo con su control de archivo "
        "(PSE: sus líneas de totales por estado). Un archivo que termina antes fue cortado: "
        "sus totales no se pueden verificar.",
        "Get the whole file again; a transfer or a download stopped before its end.",
        "Obtenga de nuevo el archivo completo; una transferencia o descarga se detuvo antes "
        "del final.",
        Example(_2001, 10, ()),
        ("09 (constante) Indica tipo de registro",
         "Número de registros de detalle contenidos en el archivo."),
    ),
    "PR204": Explanation(
        "The file control record closes the file: nothing may follow it. Records after it "
        "are usually a second file appended to the first.",
        "El registro de control cierra el archivo: después de él no puede haber nada. Los "
        "registros que lo siguen suelen ser un segundo archivo agregado al primero.",
        "Split the files, or remove what follows the file control.",
        "Separe los archivos, o quite lo que sigue al control del archivo.",
        Example(_2001, 11, (_DETAIL_2001 + "0000002",), 0),
        ("Registro de control", "09 (constante) Indica tipo de registro"),
    ),
    "PR205": Explanation(
        "PSE files close with type-3 totals per state: pse-detail with five lines (states 1 "
        "to 4 and the grand total), pse-summary with one per state that has transactions. A "
        "missing one leaves that state unchecked.",
        "Los archivos PSE cierran con totales tipo 3 por estado: pse-detail con cinco líneas "
        "(estados 1 a 4 y el total general), pse-summary con una por estado que tiene "
        "transacciones. Si falta una, ese estado queda sin verificar.",
        "Write the missing totals line (zeros for a state without transactions in pse-detail).",
        "Escriba la línea de totales que falta (ceros para un estado sin transacciones en "
        "pse-detail).",
        Example(_PSE, 8, ()),
        ("Registro tipo 3: 5 líneas, siendo 1 total por estado de las transacciones (1 – 4) y "
         "con total general de todos los estados.",),
    ),
    "PR206": Explanation(
        "Each state has one type-3 totals line. Two lines for one state cannot both be its "
        "total.",
        "Cada estado tiene una línea de totales tipo 3. Dos líneas de un mismo estado no "
        "pueden ser ambas su total.",
        "Keep the one line that totals the state, and remove the other.",
        "Conserve la línea que totaliza el estado y quite la otra.",
        Example(_PSE, 6, ("31000002000000000008541000000000000000000160",), 0, columns=(2, 2)),
        ("Registro tipo 3: Solamente 1 línea por cada Estado",),
    ),
    "PR207": Explanation(
        "A lot groups the payments of one service; a lot with no details says nothing. "
        "Reading accepts it (a warning); strict validation does not.",
        "Un lote agrupa los pagos de un servicio; un lote sin detalles no dice nada. La "
        "lectura lo acepta (advertencia); la validación estricta no.",
        "Leave the empty lot out, and number the lots that remain from 1.",
        "Omita el lote vacío y numere desde 1 los lotes que quedan.",
        Example(_2001, 7, ("080000000000000000000000000000002", "09000000002000000000008663456"),
                4),
        ("Número de registros de detalle contenidos en el lote",),
    ),
    "PR208": Explanation(
        "A file holds the lots of the day. A header followed by the file control says that "
        "no payment was collected: a warning, an error with --strict.",
        "Un archivo tiene los lotes del día. Un encabezado seguido del control del archivo "
        "dice que no se recaudó ningún pago: una advertencia, error con --strict.",
        "If payments were expected, ask the bank for the file of that day again.",
        "Si se esperaban pagos, pida de nuevo al banco el archivo de ese día.",
        Example(_2001, 2, ("09000000000000000000000000000",), 9),
        (_LOTS,),
    ),
    "PR209": Explanation(
        "A collection file reports payments. One with no detail records reports none: a "
        "warning, an error with --strict.",
        "Un archivo de recaudo informa pagos. Uno sin registros de detalle no informa "
        "ninguno: una advertencia, error con --strict.",
        "If payments were expected, ask for the file again.",
        "Si se esperaban pagos, pida de nuevo el archivo.",
        Example(_1998, 2, ("09000000000000000000000000000",), 4),
        ("Número total de registros de detalle",),
    ),
    "PR210": Explanation(
        "pse-summary has one type-2 line per authorizing bank and state. A second line for "
        "the same pair splits its totals, and a consumer reading one line per bank misses "
        "part of them. Checked by the manual profile.",
        "pse-summary tiene una línea tipo 2 por entidad autorizadora y estado. Una segunda "
        "línea para el mismo par parte sus totales, y quien lea una línea por banco pierde "
        "una parte. Lo verifica el perfil manual.",
        "Add the lines of the same bank and state into one.",
        "Sume en una sola las líneas del mismo banco y estado.",
        Example("pse-summary", 3, ("2100001007000002000000000000123456000000000000019753",),
                columns=(2, 10)),
        ("Registro tipo 2: 1 línea por EF y Estado que tiene transacción con la EPP",),
    ),
    "PR211": Explanation(
        "pse-summary writes a type-2 line for a bank and state that has transactions: a "
        "line that counts none is noise the manual does not write. Checked by the manual "
        "profile.",
        "pse-summary escribe una línea tipo 2 para un banco y estado que tiene transacciones: "
        "una línea que no cuenta ninguna es ruido que el manual no escribe. Lo verifica el "
        "perfil manual.",
        "Leave out the lines of banks and states without transactions.",
        "Omita las líneas de bancos y estados sin transacciones.",
        Example("pse-summary", 4, ("2200001007000000000000000005000000000000000000000000",),
                columns=(11, 16), also=("PR302",)),
        ("Registro tipo 2: 1 línea por EF y Estado que tiene transacción con la EPP",),
    ),
    "PR301": Explanation(
        "A control's record count (of the lot, or of the file) must be the number of detail "
        "records it covers. A count that disagrees means records were lost, added or "
        "counted wrongly: the file cannot be trusted to hold every payment.",
        "El conteo de registros de un control (del lote o del archivo) debe ser el número de "
        "registros de detalle que cubre. Un conteo distinto indica registros perdidos, "
        "agregados o mal contados: no se puede confiar en que el archivo tenga todos los "
        "pagos.",
        "Find the missing or extra details before fixing the count: the count is the check.",
        "Busque los detalles que faltan o sobran antes de corregir el conteo: el conteo es "
        "la verificación.",
        Example(_2001, 5, ("080000000030000000000086634560001",), columns=(3, 11)),
        ("Total registros en lote 9 Núm. Obligatorio Número de registros de detalle "
         "contenidos en el lote",),
    ),
    "PR302": Explanation(
        "A control's total must be the exact sum of the amounts of the details it covers, to "
        "the centavo (whole pesos in 1998). A total that disagrees means an amount or a "
        "record is wrong somewhere.",
        "El total de un control debe ser la suma exacta de los valores de los detalles que "
        "cubre, al centavo (pesos enteros en 1998). Un total distinto indica que un valor o un "
        "registro está mal en alguna parte.",
        "Compare the details with the payments made to find the wrong amount; do not just "
        "rewrite the total.",
        "Compare los detalles con los pagos hechos para encontrar el valor errado; no se "
        "limite a reescribir el total.",
        Example(_2001, 5, ("080000000020000000000086634650001",), columns=(12, 29)),
        ("Suma total de los valores recaudados de los registros de detalle en el lote. 16 "
         "enteros, 2 decimales.",),
    ),
    "PR303": Explanation(
        "Lots are numbered 1, 2, 3 … in file order, each file on its own. A gap or a repeat "
        "says a lot was lost, or two files were joined.",
        "Los lotes se numeran 1, 2, 3 … en el orden del archivo, cada archivo por su cuenta. "
        "Un salto o una repetición indica un lote perdido, o dos archivos unidos.",
        "Number the lots from 1 in the order they appear, their lot controls too.",
        "Numere los lotes desde 1 en el orden en que aparecen, también sus controles de lote.",
        Example(_2001, 6, ("0577012340000280003",), columns=(16, 19), also=("PR304",)),
        (_LOTS,),
    ),
    "PR304": Explanation(
        "A lot control repeats its lot header's number, so that the two cannot be paired "
        "wrongly.",
        "Un control de lote repite el número de su encabezado de lote, para que no se puedan "
        "emparejar mal.",
        "Write the lot header's number in its lot control.",
        "Escriba el número del encabezado de lote en su control de lote.",
        Example(_2001, 9, ("080000000020000000001500000990003",), columns=(30, 33)),
        ("Número de lote 4 Núm. Obligatorio Consecutivo del lote dentro del archivo. Cada "
         "archivo tiene su propia secuencia de numeración de lotes.",),
    ),
    "PR305": Explanation(
        "Details carry a recording sequence that starts at 2 and grows by one (in 2001 and "
        "Andesco it starts again in each lot; in 1998 it runs over the file). A gap or a "
        "repeat says a record was lost or added.",
        "Los detalles llevan una secuencia de grabación que empieza en 2 y crece de a uno (en "
        "2001 y Andesco vuelve a empezar en cada lote; en 1998 corre por todo el archivo). Un "
        "salto o una repetición indica un registro perdido o agregado.",
        "Look for the missing or extra record first; then number the details from 2.",
        "Busque primero el registro que falta o sobra; luego numere los detalles desde 2.",
        Example(_2001, 4, ("060000000000000000000000000000000000000000009876540000000012345699150000"
                           "0000000001300030000004",), columns=(88, 94)),
        ("Secuencia de grabación de registro; inicia en 2",),
    ),
    "PR306": Explanation(
        "When a detail cannot be read (a letter in its amount), the counts and totals that "
        "cover it cannot be checked. Rather than report them wrong, each is reported once as "
        "not checked, naming the line to fix first.",
        "Cuando un detalle no se puede leer (una letra en su valor), los conteos y totales que "
        "lo cubren no se pueden verificar. En vez de reportarlos como errados, cada uno se "
        "informa una vez como no verificado, indicando la línea que hay que corregir primero.",
        "Fix the line the message names; the controls are checked again then.",
        "Corrija la línea que indica el mensaje; entonces se vuelven a verificar los controles.",
        Example(_2001, 3, (_DETAIL_2001[:63] + "O" + _DETAIL_2001[64:] + "0000002",),
                also=("PR101",)),
    ),
})
