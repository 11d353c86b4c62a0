"""The dashboard page: scoping, suppression as shown, the compared period, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest
from django.conf import settings
from django.urls import reverse

from insights.disclosure import ALL
from insights.models import GuideViewDay
from insights.periods import period_for
from insights.selectors import protected_tables
from tests.enquiries.factories import RoutedEnquiryFactory, TopicFactory

pytestmark = pytest.mark.django_db
URL = "/admin/insights/dailyfact/"


def key_figures(response, section="enquiries"):
    dashboard = response.context["dashboard"]
    found = next(s for s in dashboard.sections if s.id == section)
    return {str(f.label): (f.current, f.previous, f.change) for f in found.figures}


def table(response, table_id):
    found = response.context["dashboard"].table(table_id)
    return {row.label: (row.current.text, row.previous.text) for row in found.all_rows}


def test_the_county_desk_sees_the_county_compared_with_the_previous_month(
    seeded, client, staff_of_region
):
    client.force_login(staff_of_region)
    response = client.get(URL)
    assert response.status_code == 200
    figures = key_figures(response)
    assert figures["Enquiries received"] == ("21", "13", "+62 %")
    assert figures["First responses"] == ("12", "0", "–")
    assert figures["First-response time, median"] == ("≤ 2 h", "–", "")
    assert figures["First-response time, 90th percentile"] == ("≤ 36 h", "–", "")
    assert figures["Promises breached"][:2] == ("<5", "·")  # a hidden zero is hidden too
    assert figures["Re-routes"][:2] == ("<5", "·")
    # 10 of 12 kept: the share would tell that 2 were not.
    assert figures["Share answered within the promise"][:2] == ("–", "–")
    assert table(response, "enquiries-municipality") == {
        "Åre": ("9", "7"),
        "Östersund": ("12", "6"),
        "Total": ("21", "13"),
    }
    assert table(response, "enquiries-language") == {
        # Hidden in both periods, zero included: the same cells under every choice.
        "العربية": ("<5", "·"),
        "English": ("·", "·"),
        "Total": ("21", "13"),
    }


def test_an_organisation_sees_its_own_figures_suppressed_and_protected(
    seeded, client, staff_of_ostersund
):
    client.force_login(staff_of_ostersund)
    response = client.get(URL)
    assert response.status_code == 200
    figures = key_figures(response)
    assert figures["Enquiries received"] == ("12", "6", "+100 %")
    # Health care: 4 (too few); schools (8) hidden so that 4 = 12 - 8 cannot be computed.
    assert table(response, "enquiries-topic") == {
        "Schools": ("·", "·"),
        "Health care": ("<5", "·"),
        "Total": ("12", "6"),
    }
    newcomers = key_figures(response, "newcomers")
    # Östersund's 6 are hidden: with the county's 7 they would tell Åre's 1.
    assert newcomers["Newcomer sign-ups"] == ("·", "·", "–")
    assert table(response, "newcomers-situation") == {
        "EU/EEA or Swiss citizen": ("<5", "·"),
        "Citizen of a country outside the EU/EEA": ("<5", "·"),
        "Total": ("·", "·"),
    }
    assert newcomers["Move plans started"][:2] == ("6", "0")
    assert newcomers["Move-plan steps ticked off"][:2] == ("12", "0")
    ambassadors = key_figures(response, "ambassadors")
    assert ambassadors["Active ambassadors"][:2] == ("6", "6")
    assert ambassadors["Match rate"][:2] == ("–", "–")  # 10 of 12: a remainder of 2
    assert ambassadors["Time to a match, median"][:2] == ("≤ 3 days", "–")
    employers = key_figures(response, "employers")
    assert employers["Employers who attended the training (so far)"][:2] == ("1", "0")
    guides = key_figures(response, "guides")
    assert guides["Guide views"][:2] == ("43", "0")
    assert table(response, "guides-views-language") == {
        "العربية": ("3", "0"),
        "English": ("40", "0"),
        "Total": ("43", "0"),
    }


def test_the_same_cells_are_hidden_in_both_periods(seeded, client, are_kommun):
    from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

    member = StaffMembershipFactory(
        user=StaffUserFactory(), organisation=are_kommun, role="handler"
    ).user
    client.force_login(member)
    figures = key_figures(client.get(URL))
    # 3 in March, 7 in February: hidden in both.
    assert figures["Enquiries received"] == ("<5", "·", "–")


def test_no_line_of_any_table_has_a_single_hidden_cell(seeded):
    """The "minus one" attack: whatever the filter (organisation, municipality, the
    county), no hidden cell is the difference of a shown total and shown cells."""
    period = period_for("month", dt.date(2026, 3, 31), dt.date(2026, 3, 31))
    tables, _flows, _labels = protected_tables(period)
    for name, found in tables.items():
        axes = [[*found.coordinates(a), ALL] for a in range(3)]
        for fixed in range(3):
            others = [a for a in range(3) if a != fixed]
            for a, b in itertools.product(axes[others[0]], axes[others[1]]):
                line = []
                for value in axes[fixed]:
                    key = [None, None, None]
                    key[fixed], key[others[0]], key[others[1]] = value, a, b
                    if tuple(key) in found.values:
                        line.append(tuple(key))
                hidden = [k for k in line if k in found.hidden]
                assert len(hidden) != 1, (name, line, hidden)


def test_minus_one_municipality_does_not_reveal_the_hidden_organisation(
    seeded, client, staff_of_region, region, are_kommun, are
):
    client.force_login(staff_of_region)
    are_total = key_figures(client.get(URL, {"municipality": are.pk}))["Enquiries received"]
    region_in_are = key_figures(
        client.get(URL, {"municipality": are.pk, "organisation": region.pk})
    )["Enquiries received"]
    are_kommun_in_are = key_figures(
        client.get(URL, {"municipality": are.pk, "organisation": are_kommun.pk})
    )["Enquiries received"]
    assert are_total[0] == "9"
    # Åre kommun's 3 are hidden, and so is the region's 6: 9 - 6 cannot be computed.
    assert are_kommun_in_are[0] == "<5"
    assert region_in_are[0] == "·"


def test_an_organisation_cannot_see_another_organisations_figures(
    seeded, client, staff_of_ostersund, are_kommun, ostersund
):
    sentinel = TopicFactory(slug="sentinel", name="Sentinel topic of Åre kommun")
    for _ in range(6):
        RoutedEnquiryFactory(organisation=are_kommun, topic=sentinel)
    from insights.services import insights_refresh

    insights_refresh(first=dt.date(2026, 3, 31), last=dt.date(2026, 3, 31))
    client.force_login(staff_of_ostersund)
    response = client.get(URL)
    assert "Sentinel topic" not in response.content.decode()
    assert "Åre kommun" not in response.content.decode()
    assert client.get(URL, {"organisation": are_kommun.pk}).status_code == 403
    assert (
        client.get(URL, {"organisation": are_kommun.pk, "export": "enquiries-topic"}).status_code
        == 403
    )


def test_staff_without_an_organisation_may_not_open_it(db, client):
    from tests.portal.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    assert client.get(URL).status_code == 403


def test_csv_export_is_suppressed_like_the_page(seeded, client, staff_of_ostersund):
    client.force_login(staff_of_ostersund)
    response = client.get(URL, {"export": "enquiries-topic"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [
        ["Schools", "·", "·", "–"],
        ["Health care", "<5", "·", "–"],
        ["Total", "12", "6", "+100 %"],
    ]
    assert rows[0][1:3] == ["2026-03-01…2026-03-31", "2026-02-01…2026-02-28"]


def test_every_table_has_a_chart_with_a_text_alternative_and_a_csv_link(
    seeded, client, staff_of_region
):
    client.force_login(staff_of_region)
    response = client.get(URL, {"period": "quarter"})
    html = response.content.decode()
    dashboard = response.context["dashboard"]
    for section in dashboard.sections:
        for found in section.tables:
            assert f'id="{found.id}-table"' in html
            assert f"export={found.id}" in html
            if found.rows:
                assert f'aria-labelledby="{found.id}-title {found.id}-desc"' in html
    assert "<script" not in str(dashboard.table("enquiries-topic").svg)


def test_the_dashboard_is_linked_from_the_admin_index(seeded, client, staff_of_ostersund):
    client.force_login(staff_of_ostersund)
    html = client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in html
    assert client.get(reverse("admin:insights_dashboard")).status_code == 200


def test_the_county_desk_is_led_to_the_target_markets_and_campaigns_others_are_not(
    seeded, client, staff_of_region, staff_of_ostersund
):
    shortlist = reverse("admin:markets_shortlist")
    client.force_login(staff_of_region)
    assert f'href="{shortlist}"' in client.get(URL).content.decode()
    client.force_login(staff_of_ostersund)
    assert f'href="{shortlist}"' not in client.get(URL).content.decode()


def test_periods():
    today = dt.date(2026, 5, 20)
    month = period_for("month", today, today)
    assert (month.start, month.end, month.previous_start, month.previous_end) == (
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 20),
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 20),
    )
    quarter = period_for("quarter", dt.date(2026, 2, 3), today)
    assert (quarter.start, quarter.end, quarter.previous_start, quarter.previous_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    year = period_for("year", dt.date(2025, 6, 1), today)
    assert (year.start, year.end, year.previous_start) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        dt.date(2024, 1, 1),
    )
    span = period_for("range", dt.date(2026, 3, 1), today, until=dt.date(2026, 3, 10))
    assert (span.previous_start, span.previous_end) == (dt.date(2026, 2, 19), dt.date(2026, 2, 28))
    march = period_for("month", dt.date(2026, 3, 31), dt.date(2026, 3, 31))
    assert march.previous_end == dt.date(2026, 2, 28)


def test_the_guide_view_counter_reads_nothing_about_the_reader(client, db, clock):
    from tests.guides.factories import GuideFactory

    guide = GuideFactory()
    url = reverse("insights_guide_seen", args=[guide.pk, "en"])
    client.cookies["sessionid"] = "whatever"
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif"
        assert not response.cookies
    client.get(reverse("insights_guide_seen", args=[guide.pk, "xx"]))
    counter = GuideViewDay.objects.get()
    assert (counter.date, counter.language, counter.count) == (dt.date(2026, 3, 31), "en", 3)


def test_the_refresh_task_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["insights-refresh"]
    assert entry["task"] == "insights.tasks.refresh_insights"


def test_a_quarter_and_a_year_read_the_monthly_sums_and_agree_with_the_days(
    seeded, client, staff_of_region
):
    from insights.models import MonthlyFact

    assert MonthlyFact.objects.filter(metric="enquiries.topic").exists()
    client.force_login(staff_of_region)
    quarter = client.get(URL, {"period": "quarter"})
    assert key_figures(quarter)["Enquiries received"][:2] == ("34", "0")
    assert key_figures(quarter)["First responses"][:2] == ("12", "0")
    year = client.get(URL, {"period": "year"})
    assert table(year, "enquiries-over-time") == {
        "2026-01": ("0", "0"),
        "2026-02": ("13", "0"),
        "2026-03": ("21", "0"),
        "Total": ("34", "0"),
    }
    # A range across months: whole March from the monthly sums, 20-28 February by day.
    span = client.get(URL, {"period": "range", "on": "2026-02-09", "until": "2026-03-31"})
    assert key_figures(span)["Enquiries received"][:2] == ("34", "0")


def test_a_stored_fact_is_never_shown_on_its_own(seeded, client, staff_of_ostersund, superuser):
    from insights.models import DailyFact

    fact = DailyFact.objects.filter(metric="enquiries.topic").first()
    for user in (staff_of_ostersund, superuser):
        client.force_login(user)
        for page in ("change", "history", "delete"):
            url = reverse(f"admin:insights_dailyfact_{page}", args=[fact.pk])
            assert client.get(url).status_code in (302, 403, 404), (user, page)


def test_a_csv_label_is_never_a_formula(seeded, client, staff_of_region, ostersunds_kommun):
    from enquiries.models import Enquiry

    topic = TopicFactory(slug="formula", name="=HYPERLINK(1)")
    Enquiry.objects.filter(organisation=ostersunds_kommun).update(topic=topic)
    from insights.services import insights_refresh

    insights_refresh(first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))
    client.force_login(staff_of_region)
    body = client.get(URL, {"export": "enquiries-topic"}).content.decode()
    assert "'=HYPERLINK(1)" in body
    assert "\n=HYPERLINK" not in body
