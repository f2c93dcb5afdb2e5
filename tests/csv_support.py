"""The CSV rows as the loaders read them when they held the whole text (their code
before they streamed): the reference the streamed readers are tested against."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from pse_recon.errors import InputError
from pse_recon.generator.input_files import _check_columns, read_text


def whole_text_rows(path: Path, required: Sequence[str], optional: Sequence[str] = ()
                    ) -> list[tuple[int, dict[str, str]]] | str:
    """The (line, row) pairs of the CSV at ``path`` read whole, or the message of its
    InputError."""
    try:
        text = read_text(path)
        first = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first and "," not in first else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        out = []
        try:
            header = next(reader, None)
            if header is None:
                raise InputError("is empty: a header row is needed", where=str(path))
            names = [h.strip().lower() for h in header]
            _check_columns(path, header, names, required, optional)
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(names):
                    raise InputError(f"has {len(row)} cells, the header {len(names)}",
                                     where=f"{path}, line {line}")
                out.append((line, {name: (row[i] if i < len(row) else "") for i, name in enumerate(names)}))
        except csv.Error as exc:
            raise InputError(f"is not valid CSV: {exc}", where=f"{path}, line {reader.line_num}") from None
    except InputError as exc:
        return str(exc)
    return out
