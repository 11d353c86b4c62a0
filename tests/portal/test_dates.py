"""The ``datetime`` attribute of ``<time>`` is a valid HTML date-time string."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from django.template import Context, Template

from portal.templatetags.portal_dates import html_datetime

#: HTML's global date and time string, at most three digits of fractions.
HTML_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$"
)


def test_an_aware_datetime_is_shown_in_local_time_to_the_second_with_its_offset():
    moment = datetime.datetime(2026, 11, 22, 19, 29, 42, 761032, tzinfo=datetime.UTC)
    assert html_datetime(moment) == "2026-11-22T20:29:42+01:00"
    assert HTML_DATETIME.match(html_datetime(moment))


def test_summer_time_gets_its_own_offset():
    moment = datetime.datetime(2026, 6, 19, 10, 0, 0, 5, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert html_datetime(moment) == "2026-06-19T10:00:00+02:00"


def test_dates_and_empty_values():
    assert html_datetime(datetime.date(2026, 11, 23)) == "2026-11-23"
    assert html_datetime(None) == ""


def test_the_filter_works_in_a_template():
    template = Template("{% load portal_dates %}<time datetime='{{ when|html_datetime }}'>")
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, 999999, tzinfo=datetime.UTC)
    assert (
        template.render(Context({"when": moment})) == "<time datetime='2026-01-02T04:04:05+01:00'>"
    )
