"""pse_recon over a folder of files on a Dask cluster: each file validated and read
into Arrow tables by a worker, the results gathered here (docs/tables.md).

    python examples/dask_folder.py FOLDER [SCHEDULER]   # a local cluster when no address

The same function runs in one process (``[summarize(p) for p in paths]``) or on any
cluster: only the client changes. Workers return plain data (a dict of the file's
verdict and a pyarrow table), which pickles; a file that cannot be read gives its
finding's code, line and message instead of an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pse_recon
from pse_recon.money import total  # exact, whatever the decimal context


def summarize(path: str) -> dict[str, Any]:
    """One file: its verdict, its payments' count and total, and its details table."""
    report = pse_recon.validate(path)
    try:
        tables = pse_recon.read_table(path)
    except pse_recon.ReadError as exc:
        stop = exc.findings[0]
        return {"file": path, "valid": False, "stop": (stop.code, stop.line, stop.message),
                "details": None, "total": None, "table": None}
    details = tables.details
    amounts = details.column(tables.layout.amount_field).to_pylist()
    return {"file": path, "valid": report.valid, "stop": None, "details": details.num_rows,
            "total": total(amounts), "table": details}


def run(paths: list[str], client: Any) -> list[dict[str, Any]]:
    """:func:`summarize` of every path on the cluster behind ``client``, in order."""
    return client.gather(client.map(summarize, paths, pure=False))


if __name__ == "__main__":
    from dask.distributed import Client, LocalCluster

    folder = Path(sys.argv[1])
    paths = [str(p) for p in sorted(folder.rglob("*")) if p.is_file()]
    if len(sys.argv) > 2:
        client = Client(sys.argv[2])
    else:
        client = Client(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None))
    with client:
        for r in run(paths, client):
            verdict = "valid" if r["valid"] else "NOT VALID"
            print(r["file"], verdict, r["details"], r["total"], r["stop"] or "")
