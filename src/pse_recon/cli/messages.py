"""The command line's own texts, in English and Spanish, and how the language is chosen.

The language is ``--lang en|es`` when given (anywhere on the command line), else
Spanish when the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starts with
``es``, else English. Finding messages are not here: they come from
:func:`pse_recon.validate` in the language asked for.

A command adds its texts to :data:`TEXTS` under keys prefixed with its name and
looks them up with :func:`t`, which reads the language :func:`main` set for the
current call (a context variable, so concurrent calls in tests do not mix).

The module is long because it holds the texts every command shares, each in two
languages; a command's own texts live with the command.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Final

LANGS: Final = ("en", "es")
DEFAULT_LANG: Final = "en"

_current: ContextVar[str] = ContextVar("pse_recon_cli_lang", default=DEFAULT_LANG)


def lang_from_env(environ: Mapping[str, str]) -> str:
    """``es`` when the locale that decides messages is Spanish, ``en`` otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return DEFAULT_LANG


def lang_from_argv(argv: Sequence[str]) -> str | None:
    """The value of the last well-formed ``--lang`` in ``argv`` (before ``--``), if any."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            found = value
    return found


def choose_lang(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    return lang_from_argv(argv) or lang_from_env(environ)


def set_lang(lang: str) -> object:
    """Make ``lang`` the language of :func:`t`; returns a token for :func:`reset_lang`."""
    return _current.set(lang if lang in LANGS else DEFAULT_LANG)


def reset_lang(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def current_lang() -> str:
    return _current.get()


def t(key: str, **values: object) -> str:
    """The text ``key`` in the current language, formatted with ``values``."""
    entry = TEXTS[key]
    return entry[_current.get()].format(**values)


def plural(n: int, key: str) -> str:
    """``"1 lot"``, ``"2 lots"``: ``key`` names an entry whose texts are ``singular|plural``."""
    singular, _, many = t(key).partition("|")
    return f"{n} {singular if n == 1 else many}"


# -- the texts ------------------------------------------------------------------
TEXTS: Final[dict[str, dict[str, str]]] = {
    # program and shared options
    "prog.description": {
        "en": "Read, validate, describe, convert, generate and reconcile Colombian payment "
        "collection files (Asobancaria 1998 and 2001, Andesco, PSE).",
        "es": "Lee, valida, describe, convierte, genera y concilia archivos de recaudo "
        "colombianos (Asobancaria 1998 y 2001, Andesco, PSE).",
    },
    "prog.epilog": {"en": "Exit status: {statuses}.", "es": "Código de salida: {statuses}."},
    "prog.docs": {
        "en": "Documentation: {url} (the docs/ pages this help names are there). "
        "'pse-recon rules' lists the rules, 'pse-recon explain CODE' explains one.",
        "es": "Documentación: {url} (allí están las páginas docs/ que nombra esta ayuda). "
        "'pse-recon rules' lista las reglas, 'pse-recon explain CÓDIGO' explica una.",
    },
    "exit.0": {"en": "0 ok", "es": "0 correcto"},
    "exit.1": {"en": "1 a file has errors", "es": "1 algún archivo tiene errores"},
    "exit.2": {
        "en": "2 bad arguments, or a file that cannot be opened or written",
        "es": "2 argumentos inválidos, o un archivo que no se puede abrir o escribir",
    },
    "exit.3": {"en": "3 internal error", "es": "3 error interno"},
    "exit.4": {
        "en": "4 a file cannot be read (into records, unpacked, as text, as CSV or JSON)",
        "es": "4 un archivo no se puede leer (en registros, desempacar, como texto, como CSV o "
        "JSON)",
    },
    "exit.5": {
        "en": "5 the payments do not reconcile",
        "es": "5 los pagos no concilian",
    },
    "exit.130": {"en": "130 interrupted", "es": "130 interrumpido"},
    "exit.141": {
        "en": "141 standard output closed early (broken pipe)",
        "es": "141 la salida estándar se cerró antes de tiempo (tubería rota)",
    },
    "opt.help": {"en": "show this help and exit", "es": "muestra esta ayuda y termina"},
    "opt.version": {"en": "show the version and exit", "es": "muestra la versión y termina"},
    "opt.lang": {
        "en": "language of messages (default: from LC_ALL, LC_MESSAGES or LANG)",
        "es": "idioma de los mensajes (por omisión: según LC_ALL, LC_MESSAGES o LANG)",
    },
    "opt.format": {
        "en": "format of the file, instead of detecting it: {formats}",
        "es": "formato del archivo, en vez de detectarlo: {formats}",
    },
    "opt.layout": {
        "en": "a layout declared in Python instead of --format: module:NAME or file.py:NAME",
        "es": "un diseño declarado en Python en vez de --format: modulo:NOMBRE o archivo.py:NOMBRE",
    },
    "opt.width": {
        "en": "line width, for formats with variants (asobancaria-2001: 162 or 150)",
        "es": "ancho de línea, para formatos con variantes (asobancaria-2001: 162 o 150)",
    },
    "opt.json": {"en": "print JSON instead of text", "es": "imprime JSON en lugar de texto"},
    "commands": {"en": "commands", "es": "comandos"},
    # argparse's own words
    "ap.usage": {"en": "usage: ", "es": "uso: "},
    "ap.positional arguments": {"en": "positional arguments", "es": "argumentos posicionales"},
    "ap.options": {"en": "options", "es": "opciones"},
    "ap.required": {
        "en": "the following arguments are required: {names}",
        "es": "faltan los argumentos: {names}",
    },
    "ap.unrecognized": {
        "en": "unrecognized arguments: {names}",
        "es": "argumentos no reconocidos: {names}",
    },
    "ap.invalid_choice": {
        "en": "invalid choice: {value} (choose from {choices})",
        "es": "opción no válida: {value} (elija entre {choices})",
    },
    "ap.expected_one": {"en": "expected one argument", "es": "se esperaba un valor"},
    "ap.invalid_value": {"en": "invalid value: {value}", "es": "valor no válido: {value}"},
    "ap.ambiguous": {
        "en": "ambiguous option: {option} could match {matches}",
        "es": "opción ambigua: {option} puede ser {matches}",
    },
    "ap.argument": {"en": "argument {name}: {message}", "es": "argumento {name}: {message}"},
    "ap.not_allowed_with": {
        "en": "not allowed with argument {other}",
        "es": "no se permite junto con el argumento {other}",
    },
    # errors of the command line itself
    "err.prefix": {"en": "pse-recon: error: ", "es": "pse-recon: error: "},
    "err.try_help": {
        "en": "Try '{prog} --help' for more information.",
        "es": "Pruebe '{prog} --help' para más información.",
    },
    "err.unknown_format": {
        "en": "unknown format {name!r}; known formats: {known}",
        "es": "formato desconocido {name!r}; formatos conocidos: {known}",
    },
    "err.layout_spec": {
        "en": "--layout {spec!r}: give module:NAME or path/to/file.py:NAME",
        "es": "--layout {spec!r}: indique modulo:NOMBRE o ruta/al/archivo.py:NOMBRE",
    },
    "err.layout_import": {
        "en": "--layout {spec!r}: cannot be loaded: {reason}",
        "es": "--layout {spec!r}: no se puede cargar: {reason}",
    },
    "err.layout_missing": {
        "en": "--layout {spec!r}: {module} has no {name}",
        "es": "--layout {spec!r}: {module} no tiene {name}",
    },
    "err.layout_type": {
        "en": "--layout {spec!r}: is a {type}, not a FileLayout",
        "es": "--layout {spec!r}: es un {type}, no un FileLayout",
    },
    "err.bad_width": {
        "en": "{format} has no {width}-column variant (widths: {widths})",
        "es": "{format} no tiene variante de {width} columnas (anchos: {widths})",
    },
    "err.no_widths": {
        "en": "{format} has no line width option: its record types differ in width",
        "es": "{format} no admite la opción de ancho: sus tipos de registro tienen anchos distintos",
    },
    "err.width_unknown": {
        "en": "no format is {width} columns wide (widths: {widths})",
        "es": "ningún formato tiene {width} columnas de ancho (anchos: {widths})",
    },
    "err.positive": {
        "en": "{value!r} is not a positive whole number",
        "es": "{value!r} no es un número entero positivo",
    },
    "err.not_negative": {
        "en": "{value!r} is not a whole number of 0 or more",
        "es": "{value!r} no es un número entero mayor o igual que 0",
    },
    "err.not_found": {"en": "no such file or directory", "es": "no existe el archivo o directorio"},
    "err.is_directory": {"en": "is a directory", "es": "es un directorio"},
    "err.permission": {"en": "permission denied", "es": "permiso denegado"},
    "err.os": {"en": "{path}: {reason}", "es": "{path}: {reason}"},
    "err.cannot_write": {
        "en": "cannot write {path}: {reason}",
        "es": "no se puede escribir {path}: {reason}",
    },
    "err.same_file": {
        "en": "{out} is the input file; refusing to overwrite it",
        "es": "{out} es el archivo de entrada; no se sobrescribe",
    },
    "err.value": {"en": "{message}", "es": "{message}"},
    "err.internal": {
        "en": "internal error: {kind}: {message} (please report it)",
        "es": "error interno: {kind}: {message} (por favor repórtelo)",
    },
    "err.interrupted": {"en": "interrupted", "es": "interrumpido"},
    "n.errors": {"en": "error|errors", "es": "error|errores"},
    "n.warnings": {"en": "warning|warnings", "es": "advertencia|advertencias"},
    "n.lots": {"en": "lot|lots", "es": "lote|lotes"},
    "n.details": {"en": "detail|details", "es": "detalle|detalles"},
    "n.columns": {"en": "column|columns", "es": "columna|columnas"},
    # the other commands' one-line help (here, so that --help imports no command)
    "generate.help": {
        "en": "write a collection file from transactions in CSV or JSON (docs/generating.md)",
        "es": "escribe un archivo de recaudo a partir de transacciones en CSV o JSON "
        "(docs/generating.md)",
    },
    "reconcile.help": {
        "en": "compare a file with the payments expected (docs/reconciling.md)",
        "es": "compara un archivo con los pagos esperados (docs/reconciling.md)",
    },
    "rules.help": {
        "en": "list the rules: code, severity by default and with --strict, title",
        "es": "lista las reglas: código, severidad por omisión y con --strict, título",
    },
    "explain.help": {
        "en": "explain rules: what each checks and why, the manual's words, an example, "
        "the fix",
        "es": "explica reglas: qué verifica cada una y por qué, lo que dice el manual, un "
        "ejemplo, la corrección",
    },
    # validate
    "validate.help": {
        "en": "check files and list their findings",
        "es": "valida archivos y lista sus hallazgos",
    },
    "validate.files": {
        "en": "files to check: - is standard input; gzip read, each file of a zip checked",
        "es": "archivos a validar: - es la entrada estándar; se leen gzip y cada archivo de un zip",
    },
    "validate.strict": {
        "en": "report what real banks do but the manual forbids as errors, not warnings "
        "(the strict profile)",
        "es": "reporta como errores, no advertencias, lo que hacen los bancos y el manual prohíbe "
        "(el perfil strict)",
    },
    "rules.options": {"en": "rule selection", "es": "selección de reglas"},
    "opt.profile": {
        "en": "check with a profile: default, strict, pse (files PSE writes), manual (the manual "
        "to the letter), bank (files banks write), or one the configuration file declares",
        "es": "valida con un perfil: default, strict, pse (archivos que escribe PSE), manual (el "
        "manual al pie de la letra), bank (archivos que escriben los bancos), o uno declarado en "
        "el archivo de configuración",
    },
    "opt.select": {
        "en": "check only these rules: codes or prefixes (PR1), comma-separated, repeatable",
        "es": "valida solo estas reglas: códigos o prefijos (PR1), separados por comas, repetible",
    },
    "opt.ignore": {
        "en": "do not report these rules (codes or prefixes)",
        "es": "no reporta estas reglas (códigos o prefijos)",
    },
    "opt.warn": {
        "en": "report these rules as warnings (codes or prefixes)",
        "es": "reporta estas reglas como advertencias (códigos o prefijos)",
    },
    "opt.error": {
        "en": "report these rules as errors (codes or prefixes)",
        "es": "reporta estas reglas como errores (códigos o prefijos)",
    },
    "opt.config": {
        "en": "the configuration file (default: pse-recon.toml, or pyproject.toml's "
        "[tool.pse-recon], from the current folder upwards)",
        "es": "el archivo de configuración (por omisión: pse-recon.toml, o [tool.pse-recon] de "
        "pyproject.toml, de la carpeta actual hacia arriba)",
    },
    "opt.isolated": {
        "en": "use no configuration file",
        "es": "no usa archivo de configuración",
    },
    "err.strict_profile": {
        "en": "--strict is the strict profile: give --strict or --profile, not both",
        "es": "--strict es el perfil strict: indique --strict o --profile, no ambos",
    },
    "validate.json": {
        "en": "print a JSON report (see docs/json-report.md)",
        "es": "imprime un reporte JSON (ver docs/json-report.md)",
    },
    "validate.max_findings": {
        "en": "list at most N findings per file (default: 1000)",
        "es": "lista como máximo N hallazgos por archivo (por omisión: 1000)",
    },
    "validate.undetected": {"en": "format not detected", "es": "formato no detectado"},
    "validate.total": {"en": "total {total}", "es": "total {total}"},
    "validate.valid": {"en": "valid", "es": "válido"},
    "validate.invalid": {"en": "invalid", "es": "inválido"},
    "validate.left_out": {
        "en": "{n} more findings left out",
        "es": "{n} hallazgos más omitidos",
    },
    # show
    "show.help": {
        "en": "print a readable summary of a file",
        "es": "muestra un resumen legible de un archivo",
    },
    "show.file": {
        "en": "file to show: - is standard input; gzip, zip or ARCHIVE!MEMBER read",
        "es": "archivo a mostrar: - es la entrada estándar; se leen gzip, zip o ARCHIVO!MIEMBRO",
    },
    "show.file_label": {"en": "file", "es": "archivo"},
    "show.format": {"en": "format", "es": "formato"},
    "show.width": {"en": "width", "es": "ancho"},
    "show.varies": {"en": "per record type", "es": "según el tipo de registro"},
    "show.header": {"en": "header (record {code})", "es": "encabezado (registro {code})"},
    "show.lots": {"en": "lots", "es": "lotes"},
    "show.col.lot": {"en": "lot", "es": "lote"},
    "show.col.service": {"en": "service code", "es": "código de servicio"},
    "show.col.details": {"en": "details", "es": "detalles"},
    "show.col.total": {"en": "total", "es": "total"},
    "show.col.state": {"en": "state", "es": "estado"},
    "show.col.name": {"en": "name", "es": "nombre"},
    "show.col.bank": {"en": "bank", "es": "banco"},
    "show.control": {"en": "control (record {code})", "es": "control (registro {code})"},
    "show.details_total": {
        "en": "details: {details}, total {total}",
        "es": "detalles: {details}, total {total}",
    },
    "show.state_controls": {
        "en": "state totals (type-3 records)",
        "es": "totales por estado (registros tipo 3)",
    },
    "show.by_bank": {
        "en": "totals per authorizing bank ({field})",
        "es": "totales por banco autorizador ({field})",
    },
    "show.disagree": {
        "en": "control values that disagree with the details, marked *: {n}",
        "es": "valores de control que no coinciden con los detalles, marcados con *: {n}",
    },
    "show.grand_total": {"en": "all states", "es": "todos los estados"},
    "show.unknown": {"en": "unknown", "es": "desconocido"},
    # describe
    "describe.help": {
        "en": "print the layout of a format (record types and fields)",
        "es": "muestra el diseño de un formato (tipos de registro y campos)",
    },
    "describe.format_or_layout": {
        "en": "give a FORMAT or --layout SPEC (one of them)",
        "es": "indique un FORMATO o --layout SPEC (uno de los dos)",
    },
    "describe.format": {"en": "format name: {formats}", "es": "nombre del formato: {formats}"},
    # convert
    "convert.help": {
        "en": "convert a file to JSON or JSON Lines (all records), CSV or Parquet (the details)",
        "es": "convierte un archivo a JSON o JSON Lines (todos los registros), CSV o Parquet "
        "(los detalles)",
    },
    "convert.binary_terminal": {
        "en": "Parquet is binary: write it to a file with -o OUT, or to a pipe",
        "es": "Parquet es binario: escríbalo en un archivo con -o SALIDA, o en una tubería",
    },
    "progress.transactions": {"en": "transactions", "es": "transacciones"},
    "convert.dataset_output": {
        "en": "a folder of files converts to a Parquet dataset: give --to parquet -o FOLDER",
        "es": "una carpeta de archivos se convierte en un conjunto de datos Parquet: indique "
        "--to parquet -o CARPETA",
    },
    "convert.jobs": {
        "en": "with a folder or pattern: convert files in N processes at once (0: one per CPU; "
        "default: 1); the dataset is the same",
        "es": "con una carpeta o un patrón: convierte archivos en N procesos a la vez (0: uno por "
        "CPU; por omisión: 1); el conjunto de datos es el mismo",
    },
    "convert.recursive": {
        "en": "with a folder: convert the files of its subdirectories too",
        "es": "con una carpeta: convierte también los archivos de sus subcarpetas",
    },
    "convert.needs_arrow": {
        "en": "--to parquet needs pyarrow and numpy: pip install 'pse-recon[arrow]'",
        "es": "--to parquet necesita pyarrow y numpy: pip install 'pse-recon[arrow]'",
    },
    "convert.file": {
        "en": "file to convert: - is standard input; gzip, zip or ARCHIVE!MEMBER read",
        "es": "archivo a convertir: - es la entrada estándar; se leen gzip, zip o ARCHIVO!MIEMBRO",
    },
    "convert.to": {"en": "output format", "es": "formato de salida"},
    "convert.output": {
        "en": "write to OUT instead of standard output ('-'): a file is replaced atomically, "
        "a device or FIFO written in place, a link followed (docs/guide.md)",
        "es": "escribe en OUT en lugar de la salida estándar ('-'): un archivo se reemplaza de "
        "forma atómica, un dispositivo o FIFO se escribe en su lugar, un enlace se sigue "
        "(docs/guide.md)",
    },
    "convert.raw_cells": {
        "en": "CSV: keep text cells that start with = + - @ tab or CR as they are (by default "
        "they get a leading ' so that a spreadsheet does not run them as formulas)",
        "es": "CSV: deja como están las celdas de texto que empiezan por = + - @ tabulador o CR "
        "(por omisión se les antepone ' para que una hoja de cálculo no las ejecute como "
        "fórmulas)",
    },
}

#: argparse's English messages → a key of :data:`TEXTS` (named groups fill it in).
_ARGPARSE: Final = [
    (re.compile(r"argument (?P<name>.+?): (?P<message>.*)\Z", re.S), "ap.argument"),
    (re.compile(r"the following arguments are required: (?P<names>.*)\Z", re.S), "ap.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)\Z", re.S), "ap.unrecognized"),
    (re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)\Z", re.S),
     "ap.invalid_choice"),
    (re.compile(r"expected one argument\Z"), "ap.expected_one"),
    (re.compile(r"invalid \S+ value: (?P<value>.*)\Z", re.S), "ap.invalid_value"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)\Z", re.S),
     "ap.ambiguous"),
    (re.compile(r"not allowed with argument (?P<other>.*)\Z", re.S), "ap.not_allowed_with"),
]


def translate_argparse(message: str) -> str:
    """argparse's (English) error ``message`` in the current language."""
    if _current.get() == "en":
        return message
    for pattern, key in _ARGPARSE:
        m = pattern.match(message)
        if m:
            values = m.groupdict()
            if "message" in values:
                values["message"] = translate_argparse(values["message"])
            return t(key, **values)
    return message
