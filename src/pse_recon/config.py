"""The configuration file: ``[tool.pse-recon]`` of ``pyproject.toml``, or ``pse-recon.toml``.

Found as ruff and mypy find theirs: from the current folder upwards, the first folder
holding a ``pse-recon.toml`` (its keys at the top level, or under ``[tool.pse-recon]``)
or a ``pyproject.toml`` with a ``[tool.pse-recon]`` table; ``pse-recon.toml`` wins in a
folder that has both. Its keys (docs/guide.md, "Rule selection and profiles")::

    [tool.pse-recon]
    profile = "bank"                    # a named profile, or one declared below
    select = ["PR1", "PR2", "PR3"]      # codes or prefixes; a list or "PR1,PR2"
    ignore = ["PR107"]
    warn = ["PR301"]
    error = ["PR110"]

    [tool.pse-recon.profiles.banco-agrario]   # a bank whose quirks are known
    base = "bank"
    ignore = ["PR007", "PR008"]
    description = "Banco Agrario: the last record unpadded, without a line ending"

Precedence: the command line, then this file, then the profile, then the catalog's
defaults. A key this module does not know is an error (a typo must not pass silently).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import attrs

from pse_recon.errors import ConfigError
from pse_recon.profiles import Profile, Rules, Selection

#: The files looked for in each folder, in order.
NAMES: Final = ("pse-recon.toml", "pyproject.toml")
_KEYS: Final = {"profile", "select", "ignore", "warn", "error", "profiles"}
_PROFILE_KEYS: Final = {"base", "select", "ignore", "warn", "error", "description"}


@attrs.frozen
class Config:
    """What a configuration file says (``path`` None: there is none)."""

    path: Path | None = None
    profile: str | None = None
    selection: Selection = attrs.field(factory=Selection)
    profiles: tuple[Profile, ...] = ()

    def rules(self, profile: str | None = None, selection: Selection | None = None) -> Rules:
        """The rules of a run: ``profile`` and ``selection`` (the command line's) over this
        file's."""
        given = selection or Selection()
        try:
            return Rules(profile or self.profile or "default", given.select, given.ignore,
                         given.warn, given.error, config=self.selection, profiles=self.profiles)
        except ValueError as exc:
            raise ConfigError(f"{self.path}: {exc}" if self.path else str(exc)) from None


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (the current folder)."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        for name in NAMES:
            candidate = here / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
    return None


def load(path: Path | None) -> Config:
    """What the file at ``path`` says (None: no file, nothing said)."""
    if path is None:
        return Config()
    table = _table(path)
    if table is None:
        return Config(path)
    try:
        return _parse(path, table)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("pse-recon") if isinstance(tool, dict) else None
    if table is None and path.name == "pse-recon.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    return table if isinstance(table, dict) else None


def _selection(table: dict[str, Any]) -> Selection:
    for key in ("select", "ignore", "warn", "error"):
        value = table.get(key, [])
        if not isinstance(value, str | list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"{key} must be a list of rule codes or prefixes")
    return Selection(*(table.get(key, ()) for key in ("select", "ignore", "warn", "error")))


def _parse(path: Path, table: dict[str, Any]) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; the keys are {', '.join(sorted(_KEYS))}")
    profiles = []
    declared = table.get("profiles", {})
    if not isinstance(declared, dict):
        raise TypeError("profiles must be a table of profiles")
    for name, spec in declared.items():
        if not isinstance(spec, dict):
            raise TypeError(f"profile {name!r} must be a table")
        extra = sorted(set(spec) - _PROFILE_KEYS)
        if extra:
            raise ValueError(f"profile {name!r}: unknown key {extra[0]!r}; the keys are "
                             f"{', '.join(sorted(_PROFILE_KEYS))}")
        profiles.append(Profile(name, str(spec.get("base", "default")), _selection(spec),
                                str(spec.get("description", ""))))
    profile = table.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise TypeError("profile must be a profile's name")
    config = Config(path, profile, _selection(table), tuple(profiles))
    config.rules()  # an unknown profile or base fails here, naming the file
    return config
