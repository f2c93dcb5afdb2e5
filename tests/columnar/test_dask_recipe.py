"""The Dask recipe of docs/tables.md (examples/dask_folder.py) on a local cluster of
worker processes gives what one process gives, file by file."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


def recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_folder", ROOT / "examples" / "dask_folder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_recipe_on_a_local_cluster_equals_one_process(tmp_path: Path) -> None:
    golden = ROOT / "tests" / "golden"
    for name in sorted(golden.glob("*.txt")):
        shutil.copy(name, tmp_path / name.name)
    g2001 = (golden / "asobancaria-2001-162.txt").read_bytes()
    (tmp_path / "bad-controls.txt").write_bytes(g2001.replace(b"\n08000000002", b"\n08000000003", 1))
    lines = (ROOT / "tests" / "golden" / "andesco.txt").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:5] + b"X" + lines[2][6:]
    (tmp_path / "unreadable.txt").write_bytes(b"".join(lines))
    paths = sorted(str(p) for p in tmp_path.iterdir())
    module = recipe()
    alone = [module.summarize(p) for p in paths]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster, \
            distributed.Client(cluster) as client:
        spread = module.run(paths, client)
    assert [r["file"] for r in spread] == paths
    for a, b in zip(alone, spread, strict=True):
        assert {k: v for k, v in a.items() if k != "table"} == {k: v for k, v in b.items() if k != "table"}
        assert (a["table"] is None) == (b["table"] is None)
        if a["table"] is not None:
            assert a["table"].equals(b["table"])
    assert any(r["stop"] is not None and r["stop"][0] == "PR101" for r in spread)
    assert any(r["valid"] is False and r["stop"] is None for r in spread)  # bad controls, readable
