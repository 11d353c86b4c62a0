"""The target-market ranking: deterministic on the demo files, each line with its
evidence; WHO exclusion; EU/EEA route vs permit route; the signals the portal adds."""

from __future__ import annotations

import datetime

import pytest

from markets import selectors
from markets.services import (
    MarketSignals,
    OccupationDemand,
    SalaryFloor,
    permit_salary_floor,
    sector_shortlist,
    shortlists,
)
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.employers.factories import JobFactory
from tests.portal.factories import NewcomerProfileFactory

TODAY = datetime.date(2026, 12, 4)


def ranked(shortlist):
    return [(line.country, line.points) for line in shortlist.ranked]


def reasons(line):
    return [(reason.text, reason.points) for reason in line.reasons]


def by_sector(signals):
    return {item.sector: item for item in shortlists(signals, selectors.sectors())}


# --- on the demo files --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_files_give_the_expected_order_and_evidence(demo_files):
    found = by_sector(selectors.market_signals(TODAY))
    # GR and PT tie on 10 points: the country code decides.
    assert ranked(found["healthcare"]) == [("ES", 12), ("GR", 10), ("PT", 10), ("RO", 6), ("IT", 5)]
    assert ranked(found["forestry"]) == [("PL", 7), ("LV", 6), ("LT", 5), ("EE", 4), ("RO", 4)]
    assert ranked(found["hospitality"]) == [("IT", 6), ("ES", 4), ("GR", 4)]
    assert ranked(found["land_forest_water"]) == []
    spain = found["healthcare"].ranked[0]
    assert spain.route == "eu"
    assert spain.needs_licence
    assert reasons(spain) == [
        (
            (
                "Shortage here, surplus there: Registered nurses (general) (SSYK 2221, ISCO 2221; "
                "outlook: large shortage; published jobs: 0)"
            ),
            3,
        ),
        (
            (
                "Shortage here, surplus there: Assistant nurses, home care, elderly care and "
                "habilitation (SSYK 5321, ISCO 5322; outlook: large shortage; published jobs: 0)"
            ),
            3,
        ),
        (
            (
                "Shortage here, surplus there: Dentists (SSYK 2260, ISCO 2261; outlook: shortage; "
                "published jobs: 0)"
            ),
            2,
        ),
        (
            (
                "Shortage here, surplus there: Assistant nurses, wards and outpatient clinics "
                "(SSYK 5322, ISCO 5321; outlook: shortage; published jobs: 0)"
            ),
            2,
        ),
        ("EU/EEA route: free movement, no work permit", 2),
        ("Licence needed: a Swedish licence, EU/EEA qualifications are recognised", 0),
        ("Ambassadors who speak the country's languages (es): <5", 0),
        ("Our own past hires from this country in this sector: <5", 0),
    ]
    assert sum(points for _text, points in reasons(spain)) == spain.points
    # The sectors with most demand come first.
    assert [
        item.sector for item in shortlists(selectors.market_signals(TODAY), selectors.sectors())
    ][:3] == [
        "healthcare",
        "sustainable_energy",
        "forestry",
    ]


@pytest.mark.django_db
def test_the_ranking_is_the_same_every_time(demo_files):
    first = by_sector(selectors.market_signals(TODAY))
    second = by_sector(selectors.market_signals(TODAY))
    assert first == second


@pytest.mark.django_db
def test_the_portals_own_jobs_newcomers_and_ambassadors_add_points(demo_files):
    from employers.models import Occupation

    forestry_workers = Occupation.objects.get(ssyk="6210")
    JobFactory.create_batch(4, occupation=forestry_workers)  # at most 3 points
    profile = NewcomerProfileFactory(country_of_origin="LV")
    BuddyRequestFactory(newcomer=profile.user, sector="forestry")
    AmbassadorFactory(speaks=["pl", "en"])
    AmbassadorFactory(speaks=["pl"], status="pending")  # not approved: does not count
    found = by_sector(selectors.market_signals(TODAY))
    latvia, poland = found["forestry"].ranked[:2]
    # 11 points each: the country code decides.
    assert ranked(found["forestry"])[:2] == [("LV", 11), ("PL", 11)]
    assert ("Ambassadors who speak the country's languages (pl): <5", 1) in reasons(poland)
    assert ("People from this country on the portal: <5", 1) in reasons(latvia)
    assert ("Of them, asked for an ambassador in this sector: <5", 1) in reasons(latvia)
    assert ("Ambassadors who speak the country's languages (lv): <5", 0) in reasons(latvia)
    assert (
        (
            "Shortage here, surplus there: Forestry workers (SSYK 6210, ISCO 6210; outlook: "
            "shortage; published jobs: 4)"
        ),
        5,
    ) in reasons(latvia)
    assert found["forestry"].jobs == 4


@pytest.mark.django_db
def test_a_country_on_the_who_list_is_excluded_for_health_with_the_reason_but_ranked_elsewhere(
    demo_files,
):
    NewcomerProfileFactory(country_of_origin="NG")
    found = by_sector(selectors.market_signals(TODAY))
    health = found["healthcare"]
    assert "NG" not in [line.country for line in health.ranked]
    (nigeria,) = health.excluded
    assert nigeria.country == "NG"
    assert nigeria.exclusion == (
        "On the WHO health workforce support and safeguards list (2023): health workers "
        "must not be actively recruited from this country."
    )
    # Not a health sector: ranked, on the permit route with the salary floor.
    forestry = found["forestry"]
    assert "NG" in [line.country for line in forestry.ranked]
    assert forestry.excluded == ()
    line = next(line for line in forestry.ranked if line.country == "NG")
    assert line.route == "permit"


# --- pure scoring ------------------------------------------------------------------------

FLOOR = SalaryFloor(
    monthly_sek=34470,
    rule="90 % of the median wage",
    since=datetime.date(2026, 6, 1),
    to_check=True,
)


def signals(**changes):
    base = {
        "occupations": (
            OccupationDemand(
                ssyk="2221",
                isco="2221",
                label="Nurses",
                sector="healthcare",
                outlook="large_shortage",
            ),
            OccupationDemand(
                ssyk="6210",
                isco="6210",
                label="Forestry workers",
                sector="forestry",
                outlook="shortage",
            ),
        ),
        "surplus": {"2221": frozenset({"NO", "ES", "IN", "PH"}), "6210": frozenset({"PL", "IN"})},
        "who_list": frozenset({"PH"}),
        "who_year": 2023,
        "newcomers": {},
        "sector_interest": {},
        "ambassador_languages": (),
        "country_languages": {"NO": ("no",), "ES": ("es",), "IN": ("hi", "en"), "PL": ("pl",)},
        "employer_enquiries": {},
        "hires": {},
        "salary_floor": FLOOR,
    }
    base.update(changes)
    return MarketSignals(**base)


def test_eu_eea_route_against_the_permit_route_with_the_salary_floor():
    health = sector_shortlist(signals(), "healthcare")
    lines = {line.country: line for line in health.ranked}
    assert ranked(health) == [("NO", 6), ("ES", 5), ("IN", 2)]
    assert ("EU/EEA route: free movement, no work permit", 2) in reasons(lines["NO"])
    assert ("Nordic country: first choice for health (language, licence)", 1) in reasons(
        lines["NO"]
    )
    assert lines["IN"].route == "permit"
    assert (
        (
            "Permit route: a work permit, pay at least SEK 34 470 a month (90 % of the median "
            "wage, from 2026-06-01)"
        ),
        0,
    ) in reasons(lines["IN"])
    assert (
        "Licence needed: training from outside the EU/EEA takes 2–4 years to license",
        -1,
    ) in reasons(lines["IN"])
    forestry = sector_shortlist(signals(), "forestry")
    assert ranked(forestry) == [("PL", 4), ("IN", 2)]
    assert not any("Licence" in text for text, _points in reasons(forestry.ranked[1]))


def test_the_who_list_excludes_and_never_ranks_for_health_occupations():
    health = sector_shortlist(signals(), "healthcare")
    assert [line.country for line in health.excluded] == ["PH"]
    assert "PH" not in [line.country for line in health.ranked]
    assert health.who_applies
    assert not sector_shortlist(signals(), "forestry").who_applies


def test_past_hires_are_one_signal_to_add():
    with_hires = sector_shortlist(signals(hires={("IN", "forestry"): 5}), "forestry")
    assert ranked(with_hires) == [("IN", 6), ("PL", 4)]
    assert ("Our own past hires from this country in this sector: 5", 4) in reasons(
        with_hires.ranked[0]
    )


@pytest.mark.django_db
def test_past_hires_are_counted_by_the_hires_country_of_origin_and_the_employers_sector():
    from hires.models import HireReferral
    from tests.employers.factories import EmployerFactory
    from tests.hires.factories import HireReferralFactory

    forestry = EmployerFactory(sector="forestry")
    for country, state in [
        ("IN", "accepted"),
        ("IN", "accepted"),
        ("PL", "accepted"),
        ("IN", "sent"),
    ]:
        profile = NewcomerProfileFactory(country_of_origin=country)
        HireReferralFactory(employer=forestry, user=profile.user, state=state)
    HireReferralFactory(employer=forestry, state=HireReferral.State.ACCEPTED)  # no profile
    assert selectors.past_hires_by_country() == {("IN", "forestry"): 2, ("PL", "forestry"): 1}


def test_ties_are_broken_by_the_country_code():
    tied = signals(surplus={"6210": frozenset({"SK", "CZ", "AT"})})
    assert [line.country for line in sector_shortlist(tied, "forestry").ranked] == [
        "AT",
        "CZ",
        "SK",
    ]


def test_sweden_itself_is_never_a_target():
    home = signals(newcomers={"SE": 9}, surplus={"6210": frozenset({"SE"})})
    assert sector_shortlist(home, "forestry").ranked == ()


def test_the_salary_floor_follows_the_date():
    assert permit_salary_floor(datetime.date(2023, 10, 31)).monthly_sek == 13000
    assert permit_salary_floor(datetime.date(2023, 11, 1)).monthly_sek == 27360
    june = permit_salary_floor(datetime.date(2026, 6, 1))
    assert (june.monthly_sek, june.to_check) == (34470, True)


@pytest.mark.parametrize(
    ("people", "shown", "points"),
    [(1, "<5", 1), (4, "<5", 1), (5, "5", 2), (9, "9", 2), (10, "10", 3), (250, "250", 3)],
)
def test_counts_of_people_are_shown_and_scored_so_a_small_count_is_never_told(
    people, shown, points
):
    ranked_lines = sector_shortlist(signals(newcomers={"IN": people}), "forestry").ranked
    line = next(line for line in ranked_lines if line.country == "IN")
    assert (f"People from this country on the portal: {shown}", points) in reasons(line)
