"""The data registry: provenance records, checksums, schemas and the bytes git keeps."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import coursekit as ck
from conftest import ROOT
from coursekit import data as ckdata
from coursekit.data import _registry


def test_every_dataset_has_a_complete_provenance_record():
    """Each data folder carries source, licence, units, retrieval date, SHA-256s and schemas."""
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
            if filename.endswith(".csv"):
                assert filename in record.get("schema", {}), f"{name}/{filename} has no schema"


def test_every_data_file_is_listed_in_its_provenance():
    for name in ckdata.list_datasets():
        listed = set(ckdata.provenance(name)["files"])
        on_disk = {p.name for p in (ckdata.data_dir() / name).glob("*.csv")}
        assert on_disk <= listed, name


def test_attribution_comes_from_the_provenance_record():
    for name in ckdata.list_datasets():
        assert ck.data.attribution(name) == ckdata.provenance(name)["attribution"]


def test_pages_take_credits_from_the_registry():
    """Credit lines are not typed in pages (one used to disagree with its provenance.toml)."""
    for page in (ROOT / "chapters").glob("*.md"):
        for cell in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", page.read_text(), re.S):
            assert "Source:" not in cell, f"{page.name}: use ck.data.attribution(...)"


def test_git_keeps_data_bytes_exactly():
    """A clone with core.autocrlf=true used to rewrite line endings and fail the checksums."""
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^data/\*\* -text$", rules, re.M)


def test_unknown_dataset_and_file_are_named():
    with pytest.raises(ValueError, match="Unknown dataset 'name'='nope'"):
        ckdata.provenance("nope")
    with pytest.raises(TypeError, match="'name' must be a dataset name"):
        ckdata.provenance(3)
    with pytest.raises(ValueError, match="'filename' 'x.csv' is not part of dataset"):
        ckdata.dataset_path("us-susb-2021", "x.csv")


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the registry reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(ckdata.data_dir(), copy)
    for path in copy.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    monkeypatch.setattr(_registry, "data_dir", lambda: Path(copy))
    ckdata.provenance.cache_clear()
    yield copy
    ckdata.provenance.cache_clear()


def _edit(copy: Path, dataset: str, filename: str, old: str, new: str) -> None:
    """Edit a data file AND update its checksum, as a careless maintainer would."""
    path = copy / dataset / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    record = copy / dataset / "provenance.toml"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    toml = record.read_text(encoding="utf-8")
    toml = re.sub(rf'("{re.escape(filename)}" = )"[0-9a-f]{{64}}"', rf'\1"{digest}"', toml)
    record.write_text(toml, encoding="utf-8")


def test_tampered_file_is_rejected_with_a_clear_message(data_copy):
    """A data file that no longer matches its SHA-256 must not load silently."""
    target = data_copy / "us-susb-2021" / "us_state_naics2_2021_totals.csv"
    with target.open("a") as fh:
        fh.write("99,Atlantis,11,Farming,01: Total,1,1,1,G,1,G\n")
    with pytest.raises(ckdata.ChecksumError) as err:
        ck.data.load_us_susb_2021()
    message = str(err.value)
    assert "us_state_naics2_2021_totals.csv" in message
    assert "expected SHA-256 528a7154" in message and "git checkout" in message


@pytest.mark.parametrize("dataset,filename,old,new,where", [
    ("patents-wipo-fields", "patents_long.csv", ",1998,", ",1998.5,", "column 'year'"),
    ("us-susb-2021", "us_state_naics2_2021_totals.csv", ",01: Total,", ",01: Total,abc", "column"),
    ("eu-employment-nace", "eu_country_employees_by_nace_a10_2007_2016.csv", "THS_PER,A,NSA",
     "THS_PER,A", "line"),
    ("bea-io-2021", "use_15.csv", "131951", "1,31951", "line 2"),
    ("de-laender-employment", "de_laender_employment_by_industry_2008_2014.csv", "2008,200939",
     "2008,", "an empty (missing) cell"),
])
def test_a_file_that_does_not_fit_its_schema_names_file_line_and_column(
        data_copy, dataset, filename, old, new, where):
    """Edited files with a matching checksum used to raise raw pandas errors or load wrong
    (a text cell made load_patents_wipo_fields() return 0 rows)."""
    _edit(data_copy, dataset, filename, old, new)
    with pytest.raises(ckdata.DataSchemaError) as err:
        ckdata.read_table(dataset, filename)
    message = str(err.value)
    assert filename in message and where in message, message
    assert "git checkout" in message


def test_a_renamed_column_is_named(data_copy):
    _edit(data_copy, "patents-wipo-fields", "patents_long.csv", "wipo_field,region", "field,region")
    with pytest.raises(ckdata.DataSchemaError, match="column 'wipo_field': the column is missing"):
        ck.data.load_patents_wipo_fields()
