"""The page-weight budgets of test_budgets.py, on every translated edition of the site.

Each edition is a complete site of its own under ``_build/html/<language>/`` (its own
``_static``, shared by its pages): the same tests run with ``built_book`` pointing at it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_budgets import (  # noqa: F401  (collected again here, on the translated sites)
    test_every_page_has_a_meta_description,
    test_first_visit_within_budget,
    test_lazy_assets_are_there,
    test_no_render_blocking_script,
    test_nothing_is_loaded_from_another_host,
    test_one_shared_stylesheet_and_no_icon_font,
    test_second_page_needs_only_its_own_html,
    test_shared_part_is_small,
)

from coursebook import editions

pytestmark = pytest.mark.book

LANGUAGES = editions.languages(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def built_book(language, built_book):  # the session's build, seen from one translated edition
    # (Not parametrized itself: a parametrized fixture of the same name would give the
    # session's build another cache key, and pytest would build the book again.)
    site = built_book.html / language
    assert (site / "index.html").is_file(), f"the {language} edition was not built"
    return dataclasses.replace(built_book, html=site)
