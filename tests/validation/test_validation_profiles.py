"""Rule selection and profiles (pse_recon.profiles): the layers and their precedence,
the named profiles' verdicts on the golden files, ``read`` stopping as the severities
say, and Rules as a value (frozen, hashable, picklable)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from validation_support import E, W, golden, put, where

import pse_recon
from pse_recon import PROFILES, Profile, Rules
from pse_recon.profiles import Selection

G = "asobancaria-2001-162.txt"


def test_default_is_the_catalog() -> None:
    levels = Rules().levels()
    assert levels["PR006"] is W and levels["PR106"] is E
    assert levels["PR115"] is None and levels["PR116"] is None  # off unless turned on
    assert levels["PR108"] is W and levels["PR118"] is W  # spec decision 14


def test_strict_is_the_strict_flag() -> None:
    data = put(G, 3, "causal_devolucion", "000")
    by_flag = pse_recon.validate(data, strict=True)
    by_profile = pse_recon.validate(data, rules="strict")
    assert by_flag == by_profile
    assert where(by_flag.findings) == [("PR110", 3, "causal_devolucion", E)]
    assert by_flag.strict and by_profile.strict


def test_strict_and_rules_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        pse_recon.validate(golden(G), strict=True, rules="manual")


@pytest.mark.parametrize("name", ["strict", "pse", "manual", "bank"])
def test_a_profile_changes_its_base_where_it_says(name: str) -> None:
    profile = PROFILES[name]
    assert profile.base is not None
    levels, base = Rules(name).levels(), Rules(profile.base).levels()
    changed = {code for code, level in levels.items() if level != base[code]}
    named = (*profile.selection.error, *profile.selection.warn, *profile.selection.ignore)
    assert changed and all(code in named for code in changed)


def test_manual_turns_on_the_manual_checks() -> None:
    levels = Rules("manual").levels()
    for code in ("PR108", "PR115", "PR116", "PR117", "PR118", "PR210", "PR211", "PR110"):
        assert levels[code] is E, code


def test_bank_is_quiet_on_counter_habits() -> None:
    data = put(G, 3, "causal_devolucion", "000")
    data = put(G, 4, "codigo_sucursal", "0123", data).replace(b"\n", b"\r\n")
    assert {f.code for f in pse_recon.validate(data).findings} == {"PR006", "PR110", "PR111"}
    assert pse_recon.validate(data, rules="bank").findings == ()


def test_a_prefix_and_the_most_specific_pattern() -> None:
    data = put(G, 3, "causal_devolucion", "000")
    data = put(G, 1, "codigo_entidad_recaudadora", "999", data)
    assert {f.code for f in pse_recon.validate(data).findings} == {"PR107", "PR110"}
    ignored = pse_recon.validate(data, rules=Rules(ignore="PR1", select=("PR110",)))
    # ignore PR1 and select PR110: the longer pattern wins, PR110 stays as it was
    assert where(ignored.findings) == [("PR110", 3, "causal_devolucion", W)]
    kept = pse_recon.validate(data, rules=Rules(ignore="PR1", error="PR110"))
    assert where(kept.findings) == [("PR110", 3, "causal_devolucion", E)]


def test_select_keeps_only_what_it_names() -> None:
    data = put(G, 3, "causal_devolucion", "000")
    data = put(G, 1, "codigo_entidad_recaudadora", "999", data)
    only = pse_recon.validate(data, rules=Rules(select="PR107"))
    assert where(only.findings) == [("PR107", 1, "codigo_entidad_recaudadora", W)]
    # select does not turn on a rule that is off: warn or error do
    assert Rules(select="PR11").levels()["PR115"] is None
    assert Rules(warn="PR115").levels()["PR115"] is W


def test_layers_command_line_over_config_over_profile() -> None:
    config = Selection(error=("PR110",), ignore=("PR111",))
    rules = Rules("bank", warn=("PR110",), config=config)
    levels = rules.levels()
    assert levels["PR110"] is W  # the caller's over the file's error over bank's off
    assert levels["PR111"] is None
    assert Rules("bank", config=config).levels()["PR110"] is E  # the file's over the profile


def test_declared_profiles() -> None:
    agrario = Profile("agrario", "bank", Selection(ignore=("PR007", "PR008")))
    rules = Rules("agrario", profiles=(agrario,))
    levels = rules.levels()
    assert levels["PR007"] is None and levels["PR006"] is None and levels["PR106"] is E
    with pytest.raises(ValueError, match="unknown profile 'nope'"):
        Rules("nope")
    loop = Profile("a", "b"), Profile("b", "a")
    with pytest.raises(ValueError, match="based on itself"):
        Rules("a", profiles=loop)


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule code or prefix 'PR9'"):
        Rules(ignore="PR9")
    assert Rules(ignore="pr1, PR2").ignore == ("PR1", "PR2")


def test_rules_are_values() -> None:
    rules = Rules("manual", ignore=["PR110", "PR111"], config=Selection(warn=("PR3",)),
                  profiles=(Profile("mine", "bank"),))
    copy = pickle.loads(pickle.dumps(rules))
    assert copy == rules and hash(copy) == hash(rules)
    assert copy.levels() == rules.levels()
    with pytest.raises(AttributeError):
        rules.profile = "bank"  # type: ignore[misc]


# -- read follows the same severities ---------------------------------------------
def test_read_accepts_what_is_a_warning_and_stops_at_what_manual_makes_an_error() -> None:
    data = put("pse-detail.txt", 2, "codigo_entidad", "10070000")
    assert pse_recon.read(data).format == "pse-detail"  # PR108: a warning by default
    with pytest.raises(pse_recon.ReadError) as raised:
        pse_recon.read(data, rules="manual")
    assert [(f.code, f.line, f.field) for f in raised.value.findings] == [
        ("PR108", 2, "codigo_entidad")]


def test_read_takes_another_grand_total_state() -> None:
    """Spec decision 14: reading must not reject another non-state code."""
    data = put("pse-detail.txt", 9, "estado", "8")
    f = pse_recon.read(data)
    assert isinstance(f, pse_recon.PseFile) and f.totals[-1].estado == "8"
    assert pse_recon.dumps(f) == data
    report = pse_recon.validate(data)
    assert report.valid and where(report.findings) == [("PR118", 9, "estado", W)]
    with pytest.raises(pse_recon.ReadError) as raised:
        pse_recon.read(data, rules="manual")
    assert [f.code for f in raised.value.findings] == ["PR118"]


def test_read_in_the_pse_profile_stops_at_a_fixed_value() -> None:
    data = put(G, 1, "modificador_archivo", "0")
    data = put(G, 7, "procedencia_pago", "99", data)
    data = put(G, 7, "medio_pago", "15", data)
    assert pse_recon.validate(data, rules="pse").findings == ()
    pse_recon.read(data, rules="pse")
    bad = put(G, 3, "medio_pago", "01", data)
    with pytest.raises(pse_recon.ReadError) as raised:
        pse_recon.read(bad, rules="pse")
    assert [(f.code, f.line, f.field) for f in raised.value.findings] == [("PR115", 3, "medio_pago")]
    assert pse_recon.read(bad).format == "asobancaria-2001"


def test_ignoring_a_rule_that_stops_reading_does_not_make_the_record_readable() -> None:
    data = put(G, 3, "valor_recaudado", "0000000000000A")
    report = pse_recon.validate(data, rules=Rules(ignore="PR101"))
    assert "PR101" not in {f.code for f in report.findings}
    with pytest.raises(pse_recon.ReadError):
        pse_recon.read(data, rules=Rules(ignore="PR101"))


# -- the checks a profile turns on, on every path ----------------------------------
def test_profile_checks_on_many_details_are_found_by_every_path() -> None:
    """A profile check the fast paths cannot make sends the details the exact way; one
    they can (PR115) narrows what they accept: either way every line is reported."""
    lines = golden(G).split(b"\n")
    details = [lines[2]] * 3000
    bad = 1500
    details[bad] = details[bad][:2] + b"0" * 48 + details[bad][50:]
    medio = 2500
    details[medio] = details[medio][:66] + b"01" + details[medio][68:]
    from pse_recon.validation import use_path

    reports = []
    for path in ("blocks", "lines", "exact"):
        with use_path(path):
            reports.append(pse_recon.validate(
                b"\n".join([lines[0], lines[1], *details]) + b"\n",
                rules=Rules(error=("PR116", "PR115"), ignore=("PR2", "PR3")), max_findings=None))
    found = [(f.code, f.line, f.field) for f in reports[0].findings if f.line > 2]
    assert found == [("PR116", bad + 3, "referencia_principal"), ("PR115", medio + 3, "medio_pago")]
    assert reports[0] == reports[1] == reports[2]


@pytest.mark.parametrize("where_bad", [700, 1030])  # in a block of details; with the totals
def test_left_aligned_text_on_many_transactions_is_found_by_every_path(where_bad: int) -> None:
    lines = golden("pse-detail.txt").split(b"\n")[:-1]
    body = [lines[1]] * 1035
    f = pse_recon.layout("pse-detail")["2"].field("referencia_2")
    bad = body[where_bad][: f.start - 1] + b"  X".ljust(f.length) + body[where_bad][f.end:]
    body[where_bad] = bad
    data = b"\n".join([lines[0], *body, *lines[-5:]]) + b"\n"
    from pse_recon.validation import use_path

    reports = []
    for path in ("blocks", "lines", "exact"):
        with use_path(path):
            reports.append(pse_recon.validate(data, rules=Rules(error="PR117", ignore="PR3"),
                                              max_findings=None))
    assert where(reports[0].findings) == [("PR117", where_bad + 2, "referencia_2", E)]
    assert reports[0] == reports[1] == reports[2]


def test_the_bank_profile_on_the_real_files(real_dir: Path) -> None:
    """The real bank files' habits (CRLF, 000 causes, branches) go quiet under ``bank``;
    everything else they show stays, at the same place."""
    habits = {"PR006", "PR110", "PR111"}
    seen: set[str] = set()
    for path in sorted(real_dir.glob("*.txt")):
        default = pse_recon.validate(path).findings
        bank = pse_recon.validate(path, rules="bank").findings
        seen |= {f.code for f in default} & habits
        assert bank == tuple(f for f in default if f.code not in habits), path.name
    assert seen  # the corpus shows them


def test_what_read_tolerated_follows_the_rules() -> None:
    """File.findings are the quirks reading tolerated, as validate with the same rules
    reports them: none that the rules turn off, on the hot path or the exact one."""
    crlf = golden(G).replace(b"\n", b"\r\n")
    assert [f.code for f in pse_recon.read(crlf).findings] == ["PR006"]
    assert pse_recon.read(crlf, rules="bank").findings == ()
    bom = b"\xef\xbb\xbf" + crlf  # a quirk more: the exact path replays the validator
    assert [f.code for f in pse_recon.read(bom).findings] == ["PR011", "PR006"]
    assert [f.code for f in pse_recon.read(bom, rules="bank").findings] == ["PR011"]


def test_the_profiles_quote_the_manual() -> None:
    manual = Path(__file__).parents[3] / "shared" / "seeds" / "pse-admin-module-manual.txt"
    if not manual.is_file():
        pytest.skip(f"the manual is not at {manual}")
    text = " ".join(manual.read_text("utf-8").split())
    quotes = [q for p in PROFILES.values() for q in p.enforces]
    assert len(quotes) >= 6
    for quote in quotes:
        assert " ".join(quote.split()) in text, quote
