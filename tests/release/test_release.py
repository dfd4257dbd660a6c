"""Release files: licences, citation metadata, changelog and version agree (fast tier)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

SCHEMA = Path(__file__).with_name("cff-schema-1.2.0.json")


def _version() -> str:
    text = (ROOT / "src" / "coursekit" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def test_citation_cff_is_valid_against_the_cff_schema():
    """CITATION.cff against the Citation File Format 1.2.0 JSON schema (the schema file is the
    one cffconvert 2.0.0 ships, schemas/1.2.0/schema.json; offline, with jsonschema)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema,
                                           format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(cff), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_one_version_everywhere():
    version = _version()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == version
    assert str(cff["preferred-citation"]["edition"]) == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## \[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert first and first.group(1) == version, "the newest CHANGELOG release is not __version__"
    assert first.group(2) == str(cff["date-released"])
    proc = subprocess.run([sys.executable, "-m", "coursebook", "release-check", f"v{version}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog") and "## [Unreleased]" in text
    for version in re.findall(r"^## \[(\d[^\]]*)\]", text, re.M):
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M), version


def test_licences_are_the_full_texts():
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in mit
    cc = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    for part in ("Attribution 4.0 International", "Section 1 -- Definitions.",
                 "Section 8 -- Interpretation.", "Creative Commons may be contacted at"):
        assert part in cc, part
    assert len(cc) > 18_000  # the whole legal code, not a summary


def test_lower_bounds_are_the_declared_ones():
    """requirements-lower.txt pins each coursekit dependency at its declared lower bound."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["dependencies"]
    declared = dict(re.match(r"([A-Za-z0-9_.-]+)>=([\w.]+)$", d).groups() for d in deps)
    pins = dict(re.match(r"([A-Za-z0-9_.-]+)==([\w.]+)", line).groups() for line in
                (ROOT / "requirements-lower.txt").read_text(encoding="utf-8").splitlines()
                if re.match(r"[A-Za-z]", line) and "==" in line)
    for name, low in declared.items():
        pin = pins.get(name)
        assert pin is not None, f"{name} has no pin in requirements-lower.txt"
        assert tuple(map(int, pin.split("."))) [:len(low.split("."))] == tuple(
            map(int, low.split("."))), f"{name}: pinned {pin}, declared >={low}"


WORKFLOWS = ROOT / ".github" / "workflows"


def test_the_four_workflows_exist_and_actionlint_passes():
    names = {p.name for p in WORKFLOWS.glob("*.yml")}
    assert {"test.yml", "deploy.yml", "release.yml", "linkcheck.yml"} <= names
    proc = subprocess.run(["make", "-s", "lint-workflows"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _run_commands() -> list[tuple[str, str]]:
    out = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in doc["jobs"].values():
            for step in job.get("steps", []):
                if "run" in step:
                    out.append((path.name, step["run"].strip()))
    return out


MAKE_TARGETS_TESTED_HERE = {
    # target: where `make test` (or .ci/run) exercises it
    "test": ".ci/run", "test-fast": "make test", "test-lower": "make test",
    "debian-deps": ".ci/run", "site": "tests/book/test_editions.py",
    "release": "tests/book/test_editions.py", "release-check": "this file",
    "linkcheck": "tests/book/test_editions.py",
}


@pytest.mark.parametrize("workflow, command", _run_commands())
def test_every_workflow_step_is_a_make_target_tested_here(workflow, command):
    match = re.fullmatch(r"make ([\w-]+)(?: [A-Z_]+=\S+)*", command)
    assert match, f"{workflow}: '{command}' is not one make target"
    assert match.group(1) in MAKE_TARGETS_TESTED_HERE, (
        f"{workflow}: make {match.group(1)} is not exercised by make test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(match.group(1))}:", makefile, re.M)
