"""A model class's constructor compiled from its declaration: one test of every
field, made of its validators' :class:`~pse_recon.model._checks.Check` expressions.

``Transaction(...)`` calls a validator per field (a Python call each, and one
``object.__setattr__`` per field for the frozen class): a fifth of what a row of a
transactions CSV cost ``pse-recon generate``. :func:`constructor` gives a function
taking the same arguments that, when every field passes its test, makes the object
as the decoders make records (:func:`~pse_recon.compile.codegen.unfrozen_twin`) and
runs the class's ``__attrs_post_init__`` (its rules across fields); when a test
fails, a converter raises, validators are switched off or the call is one
``__init__`` refuses, it calls the class, which raises what it always raised. A
test may refuse more than its validator, never less
(``tests/model/test_compiled_constructor.py``), so the object made is always the
one the class makes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from pse_recon.compile.codegen import run, unfrozen_twin
from pse_recon.model._checks import Check

__all__ = ["constructor"]

#: A field not given (``constructor``'s functions take every field, to refuse as
#: ``__init__`` refuses).
_MISSING: Final = object()

T = TypeVar("T")


@functools.cache
def constructor(cls: type[T]) -> Callable[..., T]:
    """``cls`` itself when its fields cannot be compiled (a validator that is not a
    :class:`Check`, a default factory, a class without slots), else its compiled
    constructor (:mod:`the module <pse_recon.compile.model>`)."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if "__slots__" not in cls.__dict__ or any(
        (a.validator is not None and not isinstance(a.validator, Check))
        or isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
        or not a.init or a.alias != a.name
        for a in fields
    ):
        return cls
    namespace: dict[str, Any] = {
        "_cls": cls, "_twin": unfrozen_twin(cls), "_new": object.__new__,
        "_disabled": attrs.validators.get_disabled, "_missing": _MISSING,
    }
    params, tests, converted, stores, required = [], [], [], [], []
    for i, a in enumerate(fields):
        if a.default is attrs.NOTHING:
            params.append(f"{a.name}=_missing")
            required.append(a.name)
        else:
            namespace[f"_default{i}"] = a.default
            params.append(f"{a.name}=_default{i}")
        value = a.name
        if a.converter is not None:
            namespace[f"_convert{i}"] = a.converter
            value = f"c{i}"
            converted.append(f"        {value} = _convert{i}({a.name})")
        if a.validator is not None:
            test, names = a.validator.test(value, f"_c{i}_")
            tests.append(test)
            namespace.update(names)
        stores.append(f"            r.{a.name} = {value}")
    call = "_cls(" + ", ".join(f"{a.name}={a.name}" for a in fields) + ")"
    given = ", ".join(f"({a.name!r}, {a.name})" for a in fields)
    lines = [
        f"def make(*_args, {', '.join(params)}):",
        f"    if _args or {' or '.join(f'{n} is _missing' for n in required) or 'False'}:",
        "        # a call __init__ refuses (positional, or a field missing): made again as it was",
        f"        return _cls(*_args, **{{n: v for n, v in ({given},) if v is not _missing}})",
        "    if not _disabled():",
    ]
    if converted:
        lines += ["        try:", *("    " + c for c in converted), "        except Exception:",
                  f"            return {call}  # it raises what the converter raises"]
    lines += [f"        if {' and '.join(tests) or 'True'}:", "            r = _new(_twin)", *stores,
              "            r.__class__ = _cls"]
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("            r.__attrs_post_init__()")
    lines += ["            return r", f"    return {call}  # it raises what the failing validator raises"]
    source = "\n".join(lines) + "\n"
    what = f"constructor {cls.__module__}.{cls.__qualname__}"
    made: Callable[..., T] = run(source, what, namespace)["make"]
    # A keyword __init__ does not take is refused by the call itself: in its words.
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    made.source = source  # type: ignore[attr-defined]
    return made
