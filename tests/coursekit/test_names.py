"""Renames without breakage: today's public names keep working, old names warn, pages use none.

The names of ``ck``, ``ck.data`` and ``ck.charts`` as they were before the data vocabulary
(issue 21, item 3) are frozen here: each must still resolve (new names may be added).  A
renamed function keeps its old name as a deprecated alias for one release, and a renamed
keyword keeps its old name; both warn with a FutureWarning naming the replacement.  The
chapters and the assignment specs use none of the old names.
"""

from __future__ import annotations

import ast
import inspect
import re
import warnings
from pathlib import Path

import pytest

import coursekit as ck
from conftest import ROOT
from coursekit import _deprecation

# ``__all__`` of the three namespaces at the start of the vocabulary work (main at 7ec0e1a).
FROZEN = {
    "ck": ["BetaConvergence", "BlackHoleError", "ClusterGrowth", "ClusterTemplates",
           "Communities", "Complexity", "ConvergenceError", "CorePeriphery",
           "CorrespondenceAnalysis", "DixonThirlwall", "GrowthAgglomeration",
           "GrowthSteadyState", "IOTable", "IncomeTransitions", "KnowledgeStock",
           "RelatednessEntry", "ShortRunEquilibrium", "SymmetricTable", "__version__",
           "absorptive_capacity", "absorptive_statics", "allocation_coefficients",
           "annual_growth", "beta_convergence", "charts", "cluster_growth_regression",
           "cluster_templates", "complexity", "cooperation_threshold", "correspondence_analysis",
           "data", "dynamic_shift_share", "ellison_glaeser", "employment_matrices",
           "employment_matrix", "equilibria", "esteban_marquillas", "factor_multipliers",
           "germany_io_table", "ghosh_inverse", "grim_trigger_values", "herfindahl",
           "hypothetical_extraction", "io_centrality", "io_communities", "io_network",
           "knowledge_stock", "krugman_index", "leontief_inverse", "liaoning_io_table",
           "linkage_correlations", "linkages", "load_references", "location_quotient",
           "locational_gini", "lorenz_curve", "maurel_sedillot", "output_multipliers",
           "presence_matrix", "prisoners_dilemma", "proximity", "proximity_network",
           "quah_transitions", "raw_concentration", "references_path", "relatedness_density",
           "relatedness_entry", "relative_per_capita", "replicator_path", "shift_share",
           "sigma_convergence", "simulate_plants", "stag_hunt", "symmetric_io_table",
           "technical_coefficients", "us_io_table"],
    "ck.data": ["ChecksumError", "DataSchemaError", "LOADERS", "attribution", "data_dir",
                "dataset_path", "list_classifications", "list_datasets", "load_bea_table",
                "load_classification", "load_cn_provinces_gdp", "load_cn_provinces_gdp_pop",
                "load_de_counties_gdp", "load_de_laender", "load_de_laender_2015",
                "load_eu_countries", "load_eurostat_manual_io", "load_liaoning_io",
                "load_patents", "load_tiexi_facts", "load_us_state_income", "load_us_states",
                "load_us_states_by_size", "provenance", "read_table", "short_labels",
                "verify_checksum"],
    "ck.charts": ["absorptive_chart", "adjustment_chart", "ca_biplot_chart", "cluster_chart",
                  "concept_map_chart", "convergence_chart", "cooperation_chart",
                  "density_entry_chart", "growth_rate_chart", "linkage_quadrant_chart",
                  "lorenz_chart", "lq_heatmap_chart", "multiplier_chart", "network_chart",
                  "ranking_chart", "relative_income_chart", "replicator_chart",
                  "sector_structure_chart", "shift_share_chart", "sigma_chart",
                  "specialisation_chart", "take_off_chart", "technology_network_chart",
                  "timeline_chart", "tomahawk_chart", "wiggle_chart", "wiggle_slider_chart"],
}
NAMESPACES = {"ck": ck, "ck.data": ck.data, "ck.charts": ck.charts}


@pytest.mark.parametrize("namespace", FROZEN)
def test_every_name_of_the_frozen_api_still_resolves(namespace):
    module = NAMESPACES[namespace]
    missing = [n for n in FROZEN[namespace] if not hasattr(module, n)]
    assert not missing, f"{namespace} lost {missing}: keep them (as deprecated aliases)"
    dropped = sorted(set(FROZEN[namespace]) - set(module.__all__))
    assert not dropped, f"{namespace}.__all__ lost {dropped}"


def _deprecated() -> dict[str, object]:
    """Every deprecated alias of the three namespaces: {'ck.data.load_us_states': alias}."""
    return {f"{ns}.{name}": getattr(module, name) for ns, module in NAMESPACES.items()
            for name in module.__all__ if hasattr(getattr(module, name), "__deprecated__")}


def _renamed_keywords() -> dict[str, dict[str, str]]:
    """{'ck.shift_share': {'E0': 'start', ...}} for every public function with old keywords."""
    found = {}
    for ns, module in NAMESPACES.items():
        for name in module.__all__:
            obj = getattr(module, name)
            members = {f"{ns}.{name}": obj}
            if inspect.isclass(obj):
                members.update({f"{ns}.{name}.{meth}": member
                                for meth, member in vars(obj).items()})
            found.update({key: member.__renamed_keywords__ for key, member in members.items()
                          if hasattr(member, "__renamed_keywords__")})
    return found


def test_the_renames_are_the_ones_documented():
    """The list old name -> new name (also in coursekit._vocabulary) is complete."""
    from coursekit._vocabulary import RENAMED

    aliases = {old: msg.__deprecated__.split("; use ")[1].removesuffix(" instead.")
               for old, msg in _deprecated().items()}
    keywords = {f"{func}({old}=)": f"{func}({new}=)" for func, renames in
                _renamed_keywords().items() for old, new in renames.items()}
    assert {**aliases, **keywords} == RENAMED


@pytest.mark.parametrize("old", sorted(_deprecated()))
def test_every_alias_warns_and_names_an_existing_replacement(old):
    alias = _deprecated()[old]
    message = alias.__deprecated__
    assert message.startswith(f"{old} is deprecated and will be removed in coursekit "
                              f"{_deprecation.REMOVED_IN}; use ck")
    new = message.split("; use ")[1].removesuffix(" instead.")
    ns, _, name = new.rpartition(".")
    assert name in NAMESPACES[ns].__all__ and not hasattr(getattr(NAMESPACES[ns], name),
                                                          "__deprecated__")
    assert "**Deprecated** since coursekit 0.3: use ``ck" in alias.__doc__


def test_deprecation_helpers():
    def activity(data, value=None):
        """Doc."""
        return value

    old = _deprecation.deprecated_alias(activity, "employment", namespace="ck")
    with pytest.warns(FutureWarning, match=r"ck.employment is deprecated .* use ck.activity"):
        assert old(1, value=2) == 2
    assert inspect.signature(old) == inspect.signature(activity)
    renamed = _deprecation.renamed_keywords(employment="value")(activity)
    with pytest.warns(FutureWarning, match="keyword employment= of activity"):
        assert renamed(1, employment=3) == 3
    assert list(inspect.signature(renamed).parameters) == ["data", "value"]
    with pytest.raises(ValueError, match="has no parameter 'x'"):
        _deprecation.renamed_keywords(y="x")(activity)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert renamed(1, value=4) == 4  # the new name does not warn


# --------------------------------------------------------------------------- pages

PAGES = sorted((ROOT / "chapters").glob("*.md")) + sorted((ROOT / "notebooks").glob("*.yml"))


def _code(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)
        return ["\n".join(line for line in cell.splitlines()
                          if not line.startswith((":", "%", "!"))) for cell in cells]
    import yaml

    spec = yaml.safe_load(text)
    setup = spec.get("setup", "")  # {from: tag}: the chapter's cells, checked with the chapter
    return [setup if isinstance(setup, str) else ""] + [q["code"] for q in spec.get(
        "questions", []) if "code" in q] + [a["options_code"] for q in spec.get("questions", [])
                                      for a in q.get("answers", []) if "options_code" in a]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_use_no_deprecated_name(page):
    """No old function name anywhere (code, prose, prompts), no old keyword in a call."""
    text = page.read_text(encoding="utf-8")
    old_names = [name.removeprefix("ck.") for name in _deprecated()]
    used = sorted({m.group(0) for m in re.finditer(
        r"\b(?:ck|coursekit)\.(?:" + "|".join(map(re.escape, old_names)) + r")\b", text)})
    assert not used, f"{page.name} uses deprecated names {used}; see coursekit._vocabulary"
    keywords = _renamed_keywords()
    for code in _code(page):
        for node in ast.walk(ast.parse(code)):
            if not isinstance(node, ast.Call):
                continue
            func = ast.unparse(node.func)
            old = {k.arg for k in node.keywords} & set(keywords.get(func, {}))
            assert not old, (f"{page.name}: {func}() is called with the deprecated keyword(s) "
                             f"{sorted(old)}; use {[keywords[func][k] for k in sorted(old)]}")
