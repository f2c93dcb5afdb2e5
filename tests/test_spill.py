"""The spill of ``generate`` and ``reconcile`` (:mod:`pse_recon.spill`): each group's
items come back in the order added, from memory and from the temporary file alike."""

from __future__ import annotations

from pse_recon.spill import Spill


def test_each_groups_items_come_back_in_order_past_the_budget() -> None:
    spill: Spill[str] = Spill(budget=10)
    expected: dict[str, list[object]] = {"a": [], "b": [], "c": []}
    for i in range(300):
        group = "abc"[i % 3]
        item = f"{group}{i:05d}".encode() * (1 + i % 4) if i % 2 else (i, str(i), None)
        spill.add(group, item)
        expected[group].append(item)
    assert spill.file is not None and spill.chunks  # past its budget: in the temporary file
    assert spill.groups() == {"a", "b", "c"}
    for group, items in expected.items():
        assert list(spill.items(group)) == items
    assert list(spill.items("none")) == []
    assert list(spill.items("a", once=True)) == expected["a"]  # the last time: let go
    assert "a" not in spill.held and list(spill.items("b")) == expected["b"]
    file = spill.file
    spill.close()
    assert file.closed and spill.file is None


def test_a_small_spill_never_touches_the_disk() -> None:
    spill: Spill[int] = Spill()
    spill.add(1, b"x")
    assert spill.file is None and list(spill.items(1)) == [b"x"]
