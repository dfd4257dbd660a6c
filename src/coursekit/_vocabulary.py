r"""The course's data vocabulary: every argument name of ``ck``, ``ck.data`` and ``ck.charts``.

One idea, one name; one name, one idea.  Every parameter of a public function, class or
method is a word of the table below (or a symbol of the model notation after it), with
one meaning across the library; ``tests/coursekit/test_vocabulary.py`` fails on a name
that is in neither.  To add a parameter, use a word of the table; if none fits, add a
row here with its meaning, in the section it belongs to.  The tables are the registry:
:data:`VOCABULARY`, :data:`NOTATION` and :data:`RENAMED` are read from them.

Column roles
------------
A tidy table (one row per observation) has columns in four roles.  A function that reads
a tidy table takes each role's column from its keyword, else from the roles the frame
declares (``frame.attrs["roles"]``: the course's loaders attach those of their dataset's
``provenance.toml``), else from a column named after the role.

===================== ==================================================================
name                  meaning
===================== ==================================================================
region                the region: the column of region labels (a loader's filter: the
                      one region whose rows to return)
industry              the industry (or field, sector, activity): the column of its labels
                      (lorenz_curve: the industries, columns of ``M``, to return)
value                 the measured value (employment, value added, patents): its column
time                  the time (usually the year): its column
===================== ==================================================================

Data
----
===================== ==================================================================
name                  meaning
===================== ==================================================================
data                  a tidy table whose columns are read by role
M                     a regions × activities matrix: rows regions, columns industries
                      (fields, sectors), cells an activity such as employment, e.g.
                      ``ck.activity_matrix(...)``; or its 0/1 presence matrix
matrices              ``{time: regions × activities matrix}``, e.g. ``activity_matrices``
plants                one row per plant: its region, its value (employment), optionally
                      its industry
regional_employment   total employment of all industries by region (Series or dict)
sizes                 a size per unit (a plant's employment, a node's size)
incomes               regions × years of income (or output) per head
output                regions × years of output or income, totals
population            regions × years of population
members               the regions that form a group: a label, a list, or a boolean Series
benchmark             the aggregate a region is compared with (the nation): rows of the
                      data, or ``{time: its values by industry}``
benchmark_start       the benchmark's values by industry at the start
benchmark_end         the benchmark's values by industry at the end
start                 the first of two dates (a year), or the data at it (a table, a
                      presence matrix); alone, the first date shown
end                   the second of two dates, or the data at it
periods               several periods: a list of ``(start, end)`` pairs
proximity             activities × activities proximity, e.g. ``ck.proximity(M)``
density               regions × activities relatedness density
table                 a two-way table of counts to analyse (a loader: which of the
                      dataset's tables to read, e.g. ``"use"``)
values                the numbers to draw or to compute on: a table by year (rows) and
                      series (columns), or a Series by item
graph                 a ``networkx.Graph`` (a ``DiGraph`` is a ``Graph``)
payoffs               the row player's payoffs of a symmetric game (a 2-D table)
row_payoffs           the row player's payoffs of a bimatrix game
column_payoffs        the column player's payoffs of a bimatrix game
x0                    the starting share(s) of a population path
factor                a factor's total use by sector (employment, value added, wages)
use                   a use table (products × industries)
make                  a make (supply) table (industries × products)
sectors               the sectors (labels) to act on, one at a time
model                 a model object (``CorePeriphery``, ``GrowthAgglomeration``) to draw
references            the bibliography as a table, ``ck.load_references()``
nodes                 the boxes of a diagram (one row each, with positions)
edges                 the arrows of a diagram (one row each)
components            the output of ``shift_share`` or ``esteban_marquillas``
curve                 the output of ``lorenz_curve``
lq                    location quotients, regions × industries
ca                    the result of ``correspondence_analysis``
templates             the result of ``cluster_templates``
linkages              the output of ``ck.linkages``
by_bin                the entry rates by density bin of ``relatedness_entry``
statics               the output of ``absorptive_statics``
paths                 adjustment or replicator paths (the output of ``simulate`` or
                      ``replicator_path``)
===================== ==================================================================

Datasets and files
------------------
===================== ==================================================================
name                  meaning
===================== ==================================================================
name                  the name of a dataset (its folder under ``data/``) or of a
                      classification
more                  further dataset names
filename              a file of a dataset, as listed in its ``provenance.toml``
path                  a file path
expected              the expected SHA-256 digest of a file
index_col             the column to use as the index
key                   what a mapping is keyed by (``"title"`` or ``"code"``)
year                  the one year to read
level                 the level of detail of a table (number of industries)
common                aggregate to the course's common sector groups
domestic              remove imported inputs
include_us_total      also return the national rows
include_manufacturing also return manufacturing, a part of section B-E
include_totals        also return the table's totals
countries_only        drop aggregates of countries (World, EU-27)
states_only           return the states only, not the regions and the nation
balanced              keep only the years in which every region is complete
three_sectors         keep only the three sectors, which add up to GDP
===================== ==================================================================

Options of methods
------------------
===================== ==================================================================
name                  meaning
===================== ==================================================================
by_industry           return the parts of every region and industry, not their sums
by_period             return the parts of every period, not their sums
skipna                leave missing values out instead of refusing them
robust                heteroskedasticity-robust (HC1) standard errors
ddof                  delta degrees of freedom of a standard deviation
normalise             rescale to shares or to [0, 1]
forward               which inverse measures forward linkages
kind                  which variant of a measure
self_loops            keep a node's links to itself
resolution            the modularity resolution of community detection
threshold             a cut-off: the smallest value that counts
groups                a group per item (industry, region, node): colours, or separate
                      coefficients per group
location_model        the plants' location model
plant_sizes           the employment of each industry's plants
size_sigma            log standard deviation of lognormal plant sizes
mean_size             median of lognormal plant sizes
n_bins                how many bins (quantiles)
n_classes             how many classes
n_clusters            how many clusters
n_components          how many components (axes)
n_extra               how many extra links
n_grid                how many grid points
n_industries          how many industries
n_periods             how many periods
n_plants              how many plants
n_points              how many points
n_steps               how many steps (reporting intervals) of a path
step                  how many columns (years) a transition spans
t_max                 the length of a path in (model) time
seed                  the seed of the random numbers
rng                   a ``numpy.random.Generator`` to draw from
tol                   the convergence tolerance
max_iter              the most iterations
log                   return the logarithm (when the value may overflow)
bracket               two values between which a root lies
===================== ==================================================================

Charts
------
===================== ==================================================================
name                  meaning
===================== ==================================================================
title                 the chart's title
source                the credit line under the title
description           the text a screen reader announces
height                height in pixels (of the plot)
width                 width in pixels
size                  width and height in pixels of a square chart
value_title           the title of the value axis
value_format          the d3 format of values (tooltips, labels)
reference             a reference value drawn as a rule (style ``"reference"``)
events                ``{year: label}`` drawn as dated rules (style ``"event"``)
top                   how many of the largest to show
highlight             which nodes to draw large (True/False per node)
labels                a text label per item
label                 which points get a text label
n_labels              how many labels
max_labels            the most labels
dims                  which axes to draw
map                   which map (coordinates) to draw
row_title             what the rows are called
column_title          what the columns are called
parts                 which parts (columns) to stack
per_start             divide by each region's start value
unit                  what the numbers count
y                     which column of a result to draw on the vertical axis
show                  which of a chart's views to show
clusters              which clusters to show
box                   width and height of every box of a diagram
===================== ==================================================================

Model notation
--------------
Models keep the symbols of the papers they follow; a symbol's meaning is given for the
places (module or class) that use it.  ``A`` is the input–output coefficient matrix only.

============ ======================================== =====================================
symbol       where                                    meaning
============ ======================================== =====================================
A            inputoutput                              technical coefficients
                                                      :math:`A = Z\hat x^{-1}`
B            inputoutput                              allocation coefficients
                                                      :math:`B = \hat x^{-1} Z`
L            inputoutput                              the Leontief inverse
                                                      :math:`(I - A)^{-1}`
L            models.growth                            labour endowment
Z            inputoutput                              intermediate flows, sectors × sectors
x            inputoutput                              gross output by sector
beta         inputoutput.networks                     Katz attenuation
beta         models.absorptive                        difficulty of learning from outside
own_rd       models.absorptive                        a firm's own R&D
others_rd    models.absorptive                        other firms' total R&D
spillover    models.absorptive                        the degree of R&D spillovers
external     models.absorptive                        extra-industry knowledge
stag         models.games                             payoff of hunting stag together
hare         models.games                             payoff of hunting hare
sucker       models.games                             payoff of co-operating alone
temptation   models.games                             payoff of defecting on a co-operator
reward       models.games                             payoff of mutual co-operation
punishment   models.games                             payoff of mutual defection
delta        models.games                             discount factor
delta        models.growth                            depreciation of knowledge capital
delta        models.cumulative                        elasticity to competitors' prices
sigma        coreperiphery, models.growth             elasticity of substitution
mu           coreperiphery, models.growth             expenditure share of manufactures
T            coreperiphery, charts.models             iceberg transport cost, ≥ 1
T_values     coreperiphery, charts.models             transport costs to draw
T_min        charts.models                            smallest transport cost
T_max        charts.models                            largest transport cost
T_init       charts.models                            transport cost shown first
n_T          charts.models                            how many transport costs
lam          coreperiphery                            region 1's share of manufacturing
lam          models.growth                            localisation of knowledge spillovers
lam          models.cumulative                        the Verdoorn coefficient
lam0         coreperiphery                            starting share(s) of region 1
lam_values   charts.models                            values of the spillover localisation
n_lam        coreperiphery, charts.models             how many values of region 1's share
gamma        coreperiphery                            speed of adjustment
gamma        regions.agglomeration                    spillover strength (Ellison–Glaeser)
gamma        models.cumulative                        elasticity of output to exports
rho          models.growth                            discount rate
phi          models.growth                            freeness of trade
phi_values   models.growth, charts.models             values of the freeness of trade
s_K          models.growth                            the North's share of capital
tau          models.growth                            trade cost (freeness is its power)
tau          models.cumulative                        growth rate of the mark-up
eta          models.cumulative                        price elasticity of export demand
epsilon      models.cumulative                        income elasticity of export demand
w            models.cumulative                        growth rate of money wages
r_a          models.cumulative                        growth rate of autonomous productivity
p_f          models.cumulative                        growth rate of competitors' prices
z            models.cumulative                        growth rate of world income
g0           models.cumulative                        the growth rate in period 0
============ ======================================== =====================================

Renamed in 0.3
--------------
The old names still work until coursekit 0.4, with a ``FutureWarning`` that names the new
one.  ``proximity_network`` returns a ``networkx.Graph`` (its edges carry ``proximity``
and ``kind``) instead of an edge table, and ``technology_network_chart`` draws that graph;
loaders attach their columns' roles, so ``activity_matrix`` and the functions that read
columns by role need no keywords on course data.

================================================ ==========================================
old                                              new
================================================ ==========================================
ck.employment_matrix                             ck.activity_matrix
ck.employment_matrices                           ck.activity_matrices
ck.data.load_us_states                           ck.data.load_us_susb_2021
ck.data.load_us_states_by_size                   ck.data.load_us_susb_2021_by_size
ck.data.load_de_laender                          ck.data.load_de_laender_employment
ck.data.load_de_laender_2015                     ck.data.load_de_laender_employment_2015
ck.data.load_eu_countries                        ck.data.load_eu_employment_nace
ck.data.load_patents                             ck.data.load_patents_wipo_fields
ck.data.load_bea_table                           ck.data.load_bea_io_2021
ck.data.load_eurostat_manual_io                  ck.data.load_io_eurostat_manual_germany
ck.data.load_liaoning_io                         ck.data.load_cn_liaoning_io_2002_2017
ck.data.load_us_state_income                     ck.data.load_us_state_income_1929_2024
ck.data.load_cn_provinces_gdp_pop                ck.data.load_cn_provinces_gdp_pop_1975_2013
ck.data.load_de_counties_gdp                     ck.data.load_de_counties_gdp_1992_2014
ck.data.load_cn_provinces_gdp                    ck.data.load_cn_provinces_gdp_2002_2011
ck.charts.sigma_chart                            ck.charts.lines_chart
ck.charts.specialisation_chart                   ck.charts.lines_chart
ck.charts.relative_income_chart                  ck.charts.lines_chart
ck.shift_share(E0=)                              ck.shift_share(start=)
ck.shift_share(E1=)                              ck.shift_share(end=)
ck.shift_share(nation0=)                         ck.shift_share(benchmark_start=)
ck.shift_share(nation1=)                         ck.shift_share(benchmark_end=)
ck.esteban_marquillas(E0=)                       ck.esteban_marquillas(start=)
ck.esteban_marquillas(E1=)                       ck.esteban_marquillas(end=)
ck.esteban_marquillas(nation0=)                  ck.esteban_marquillas(benchmark_start=)
ck.esteban_marquillas(nation1=)                  ck.esteban_marquillas(benchmark_end=)
ck.dynamic_shift_share(nations=)                 ck.dynamic_shift_share(benchmark=)
ck.relatedness_entry(before=)                    ck.relatedness_entry(start=)
ck.relatedness_entry(after=)                     ck.relatedness_entry(end=)
ck.relative_per_capita(reference=)               ck.relative_per_capita(benchmark=)
ck.ellison_glaeser(employment=)                  ck.ellison_glaeser(value=)
ck.maurel_sedillot(employment=)                  ck.maurel_sedillot(value=)
ck.raw_concentration(employment=)                ck.raw_concentration(value=)
ck.simulate_plants(model=)                       ck.simulate_plants(location_model=)
ck.herfindahl(normalized=)                       ck.herfindahl(normalise=)
ck.equilibria(A=)                                ck.equilibria(row_payoffs=)
ck.equilibria(B=)                                ck.equilibria(column_payoffs=)
ck.replicator_path(A=)                           ck.replicator_path(payoffs=)
ck.DixonThirlwall.path(periods=)                 ck.DixonThirlwall.path(n_periods=)
ck.charts.technology_network_chart(edges=)       ck.charts.technology_network_chart(graph=)
ck.charts.timeline_chart(start_year=)            ck.charts.timeline_chart(start=)
================================================ ==========================================
"""

from __future__ import annotations

import re

__all__ = ["VOCABULARY", "NOTATION", "RENAMED"]


def _tables(doc: str) -> list[tuple[str, list[list[str]]]]:
    """The reStructuredText simple tables of ``doc`` as (first header, rows of cells);
    a continuation line (an empty first cell) is joined to the row above."""
    rule = re.compile(r"=+( +=+)+")
    tables: list[tuple[str, list[list[str]]]] = []
    lines = doc.splitlines()
    k = 0
    while k < len(lines):
        if not rule.fullmatch(lines[k]):
            k += 1
            continue
        spans = [m.span() for m in re.finditer(r"=+", lines[k])]
        header = lines[k + 1].split()[0]
        rows: list[list[str]] = []
        k += 3  # the rule, the header, the rule under it
        while k < len(lines) and not rule.fullmatch(lines[k]):
            cells = [lines[k][a:b if i < len(spans) - 1 else None].strip()
                     for i, (a, b) in enumerate(spans)]
            if cells[0] or not rows:
                rows.append(cells)
            else:
                rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells,
                                                                     strict=True)]
            k += 1
        tables.append((header, rows))
        k += 1
    return tables


_TABLES = _tables(__doc__ or "")

#: Argument name -> its one meaning (column roles, data, datasets, options, charts).
VOCABULARY: dict[str, str] = {row[0]: row[1] for header, rows in _TABLES if header == "name"
                              for row in rows}

#: Model symbol -> {where it is used (a part of ``module.Class``): its meaning there}.
NOTATION: dict[str, dict[str, str]] = {}
for _symbol, _where, _meaning in (row for header, rows in _TABLES if header == "symbol"
                                  for row in rows):
    for _place in _where.split(","):
        NOTATION.setdefault(_symbol, {})[_place.strip()] = _meaning

#: Old name -> new name of everything renamed in 0.3 (functions and keywords).
RENAMED: dict[str, str] = {old: new for header, rows in _TABLES if header == "old"
                           for old, new in rows}
