"""Tests of the bundled datasets and their loaders (coursekit.data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import coursekit as ck
from coursekit import data as ckdata

LOADERS = {
    "us_states": ckdata.load_us_states,
    "us_states_by_size": ckdata.load_us_states_by_size,
    "de_laender": ckdata.load_de_laender,
    "de_laender_2015": ckdata.load_de_laender_2015,
    "eu_countries": ckdata.load_eu_countries,
    "patents": ckdata.load_patents,
}


def test_every_dataset_has_a_complete_provenance_record():
    """Each data folder carries source, licence, units, retrieval date and SHA-256s."""
    names = ckdata.list_datasets()
    assert set(names) == {p.name for p in ckdata.data_dir().iterdir() if p.is_dir()}
    for name in names:
        record = ckdata.provenance(name)
        for field in ("source", "licence", "attribution", "retrieved", "units", "files"):
            assert record.get(field), f"{name}: provenance lacks {field!r}"
        assert (ckdata.data_dir() / name / "PROVENANCE.md").is_file()
        for filename, digest in record["files"].items():
            assert len(digest) == 64
            ckdata.verify_checksum(ckdata.dataset_path(name, filename), digest)


def test_every_data_file_is_listed_in_its_provenance():
    for name in ckdata.list_datasets():
        listed = set(ckdata.provenance(name)["files"])
        on_disk = {p.name for p in (ckdata.data_dir() / name).glob("*.csv")}
        assert on_disk == listed, name


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_loaders_return_typed_tidy_frames(name):
    frame = LOADERS[name]()
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert frame.index.equals(pd.RangeIndex(len(frame)))
    assert not frame.isna().any().any(), f"{name} has missing values"
    for col in frame.columns:
        assert frame[col].dtype != object, f"{name}.{col} is an untyped object column"


def test_us_states_columns_and_totals():
    """Census SUSB 2021: 50 states + DC; DC lacks sectors 11 and 21 (PROVENANCE.md)."""
    us = ck.data.load_us_states()
    assert list(us.columns) == ["state", "state_fips", "naics", "sector", "firms",
                                "establishments", "employment", "payroll_kusd"]
    assert us["state"].nunique() == 51
    assert len(us) == 51 * 20 - 2
    assert us["employment"].dtype == "int64"
    with_total = ck.data.load_us_states(include_us_total=True)
    us_total = with_total.loc[with_total["state"] == "United States", "employment"].sum()
    assert us_total == 128_346_299  # PROVENANCE.md cross-check value


def test_de_laender_sections_add_up_to_land_totals():
    """Destatis: the 10 disjoint sections sum to 'Insgesamt' within 0.05 % (PROVENANCE.md:
    "no assignment possible" employees are only in the total)."""
    de = ck.data.load_de_laender()
    raw = pd.read_csv(ckdata.dataset_path(
        "de-laender-employment", "de_laender_employment_by_industry_2008_2014.csv"))
    totals = raw[(raw["industry"] == "Insgesamt") & (raw["region"] != "Insgesamt")]
    summed = de.groupby("year")["employment"].sum()
    expected = totals.groupby("year")["emp"].sum()
    assert ((summed - expected).abs() / expected).max() < 5e-4
    assert "C" not in set(de["section"])
    assert "C" in set(ck.data.load_de_laender(include_manufacturing=True)["section"])


def test_eu_countries_drop_only_iceland_2007():
    eu = ck.data.load_eu_countries()
    assert len(eu) == 3000 - 10
    assert not ((eu["country"] == "IS") & (eu["year"] == 2007)).any()


def test_bea_table_parses_dashes_as_zero():
    use = ck.data.load_bea_table("use", 71)
    assert (use.dtypes == "float64").all()
    with pytest.raises(ValueError, match="'level' must be 15 or 71, got 20"):
        ck.data.load_bea_table("use", 20)
    with pytest.raises(ValueError, match="'table' must be 'use' or 'make'"):
        ck.data.load_bea_table("supply", 15)


def test_unknown_dataset_and_file_are_named():
    with pytest.raises(ValueError, match="Unknown dataset 'nope'"):
        ckdata.provenance("nope")
    with pytest.raises(ValueError, match="'filename' 'x.csv' is not part of dataset"):
        ckdata.dataset_path("us-susb-2021", "x.csv")


def test_tampered_file_is_rejected_with_a_clear_message(tmp_path, monkeypatch):
    """A data file that no longer matches its SHA-256 must not load silently."""
    copy = tmp_path / "data"
    shutil.copytree(ckdata.data_dir(), copy)
    target = copy / "us-susb-2021" / "us_state_naics2_2021_totals.csv"
    target.chmod(0o644)
    with target.open("a") as fh:
        fh.write("99,Atlantis,11,Farming,01: Total,1,1,1,G,1,G\n")
    monkeypatch.setattr(ckdata, "data_dir", lambda: Path(copy))
    ckdata.provenance.cache_clear()
    try:
        with pytest.raises(ckdata.ChecksumError) as err:
            ck.data.load_us_states()
    finally:
        ckdata.provenance.cache_clear()
    message = str(err.value)
    assert "us_state_naics2_2021_totals.csv" in message
    assert "expected SHA-256 528a7154" in message
    assert "git checkout" in message


def test_loaders_never_touch_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    for loader in LOADERS.values():
        loader()
