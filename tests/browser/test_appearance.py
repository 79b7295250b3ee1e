"""Readable in light and dark and on a phone: table contrast in both schemes, no sideways page."""

from __future__ import annotations

import pytest

from .browsing import ARTIFACTS, PAGE_URLS

PHONE = {"width": 375, "height": 740}
WCAG_AA_TEXT = 4.5
WIDE_TABLES = "help-center/aws-onboarding/iam-permissions-production/"
TOGGLE_PAGE = "help-center/aws-onboarding/iam-permissions-trial/"


def table_contrast(reader) -> list[float]:
    """axe-core's contrast ratio of every piece of table text against its background."""
    results = reader.axe(context={"include": [".md-typeset table"]},
                         options={"runOnly": ["color-contrast"]})
    unmeasured = [node["target"] for rule in results["incomplete"] for node in rule["nodes"]]
    assert results["violations"] == [] and unmeasured == [], unmeasured
    return [check["data"]["contrastRatio"] for node in results["passes"][0]["nodes"]
            for check in node["any"]]


def test_colour_toggle_switches_scheme_and_tables_stay_readable(reader):
    ARTIFACTS.mkdir(exist_ok=True)
    page = reader.open(TOGGLE_PAGE)
    table = page.locator(".md-typeset table").first
    backgrounds = {}
    for scheme in ("default", "slate"):
        reader.show_scheme(scheme)
        page.evaluate("scrollTo(0, 0)")  # nothing under the sticky header, for axe to measure
        ratios = table_contrast(reader)
        assert len(ratios) > 10, "the check measured the table text"
        assert min(ratios) >= WCAG_AA_TEXT, f"{scheme}: table text contrast {min(ratios)}"
        backgrounds[scheme] = table.evaluate("t => getComputedStyle(t).backgroundColor")
        table.evaluate("t => t.scrollIntoView({block: 'center'})")
        page.screenshot(path=ARTIFACTS / f"tables-{scheme}.png", animations="disabled")
    assert backgrounds["default"] != backgrounds["slate"], "tables follow the colour scheme"
    reader.show_scheme("default")


@pytest.mark.parametrize("url", PAGE_URLS)
def test_on_a_phone_tables_scroll_inside_their_box_and_the_page_does_not(reader, url):
    reader.page.set_viewport_size(PHONE)
    page = reader.open(url)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')].map(t => {
      const box = t.closest('.md-typeset__scrollwrap');
      if (!box) return {boxed: false};
      const overflowing = box.scrollWidth > box.clientWidth;
      box.scrollLeft = 40;
      return {boxed: true, overflowing, scrolled: box.scrollLeft > 0,
              inside: box.getBoundingClientRect().right <= innerWidth + 0.5};
    })""")
    for i, table in enumerate(tables):
        assert table["boxed"], f"table {i} is not in a scroll container"
        assert table["inside"], f"table {i}'s container sticks out of the page"
        assert table["scrolled"] == table["overflowing"], f"table {i} too wide but cannot scroll"
    if url == WIDE_TABLES:
        assert any(t["overflowing"] for t in tables), "no table was wider than a phone"
