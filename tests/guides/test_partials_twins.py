"""The guide list and the municipality chooser exist in both template engines: the
Jinja2 guide page includes ``jinja2/guides/``'s, the library, topic and
municipality pages ``templates/guides/``'s. Both must give the same HTML."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from guides.selectors.guide_page import related_guides
from tests.guides.factories import GuideFactory
from tests.portal.test_jinja2_chrome import document

pytestmark = pytest.mark.django_db


def render_both(name: str, context: dict, language: str) -> tuple[str, str]:
    request = RequestFactory().get(f"/{language}/guides/housing/")
    with translation.override(language):
        django_html = engines["django"].get_template(name).render(context, request)
        jinja_html = engines["jinja2"].get_template(name).render(context, request)
    return django_html, jinja_html


@pytest.mark.parametrize("language", ["sv", "uk", "ar"])
def test_both_guide_lists_are_the_same(topic, region, are, language):
    anchor = GuideFactory(topic=topic, organisation=region, subject="anchor")
    GuideFactory(topic=topic, organisation=region, title_sv="Bo i länet", title_en="County living")
    GuideFactory(topic=topic, organisation=region, municipality=are, title_sv="Bo i Åre")
    GuideFactory(topic=topic, organisation=region, title_sv="Bara svenska", summary_en="")
    guides = related_guides(anchor, are.pk, [language, "en", "sv"])["related"]
    assert len(guides) == 3
    django_html, jinja_html = render_both("guides/_guide_list.html", {"guides": guides}, language)
    assert document(jinja_html) == document(django_html)
    assert f'<span class="badge">{are.name}</span>' in jinja_html  # a municipal guide
    # Titles shown in a fallback language carry it (factory titles exist in sv and en).
    assert (' lang="' in jinja_html) is (language not in ("sv", "en"))


@pytest.mark.parametrize("selected", ["", "are"])
def test_both_choosers_are_the_same(are, ostersund, selected):
    chooser = {
        "options": [("are", "Åre"), ("ostersund", "Östersund")],
        "selected": selected,
        "action": "/sv/guides/<b>/",
        "hidden": [("stage", "first_weeks")],
    }
    django_html, jinja_html = render_both("guides/_chooser.html", {"chooser": chooser}, "sv")
    assert document(jinja_html) == document(django_html)
    assert "&lt;b&gt;" in jinja_html
