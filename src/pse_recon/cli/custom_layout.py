"""``--layout SPEC``: a layout declared outside the package, wherever ``--format`` is.

``SPEC`` is ``module:NAME`` (an importable module, the current directory searched
first as ``python -m`` does) or ``path/to/file.py:NAME``; ``NAME`` is the attribute
holding the :class:`~pse_recon.declaration.FileLayout` (docs/custom-layouts.md).
Whatever goes wrong loading it (no such module or file, an error while importing it,
no such attribute, not a layout) is a usage error naming the spec and the reason.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from types import ModuleType

from pse_recon.cli.messages import t
from pse_recon.declaration import FileLayout


def load_layout(spec: str) -> FileLayout:
    """argparse type of ``--layout``: the layout ``spec`` names."""
    where, _, name = spec.rpartition(":")
    if not where or not name.isidentifier():
        raise argparse.ArgumentTypeError(t("err.layout_spec", spec=spec))
    try:
        module = _module(where)
    except Exception as exc:  # the user's code: anything it raises is the reason
        raise argparse.ArgumentTypeError(
            t("err.layout_import", spec=spec, reason=f"{type(exc).__name__}: {exc}")
        ) from None
    value = getattr(module, name, None)
    if value is None:
        raise argparse.ArgumentTypeError(t("err.layout_missing", spec=spec, module=where, name=name))
    if not isinstance(value, FileLayout):
        raise argparse.ArgumentTypeError(
            t("err.layout_type", spec=spec, type=type(value).__name__)
        )
    return value


def _module(where: str) -> ModuleType:
    if where.endswith(".py") or os.sep in where or "/" in where:
        path = os.path.abspath(where)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no such file: {where}")
        name = "_pse_recon_layout_" + os.path.splitext(os.path.basename(path))[0]
        found = importlib.util.spec_from_file_location(name, path)
        assert found is not None and found.loader is not None  # a .py file always has one
        module = importlib.util.module_from_spec(found)
        sys.modules[name] = module  # dataclass-like code in it looks itself up
        found.loader.exec_module(module)
        return module
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    return importlib.import_module(where)
