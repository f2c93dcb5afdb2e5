"""The rule catalog: every finding's code, severity, meaning and source, in one place.

Codes are stable: a code is never reused for another meaning, so CI configurations
and people may rely on them. The validator's implemented rules and this catalog
are checked to be the same set by the test suite.

Each rule carries its one-line title and its message template in English and in
Spanish (``title``/``title_es``, ``message``/``message_es``); a finding's message
is its rule's template filled with the finding's parameters (field name, text
found, expected value …), in the language asked for. Templates use
:meth:`str.format` fields; :meth:`Rule.render` never fails on a missing one.
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
        "(it must be {width})",
        message_es="el registro {record} tiene {actual} posiciones: le quitaron los espacios "
        "finales (debe tener {width})",
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
        "PR108", E, "a PSE bank code is not the 4-digit code zero-filled to 8 digits",
        "manual 7.2, formatos PSE: código EF sin dígito de chequeo; spec decision 11",
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
