"""The job form's occupation: a plain select grouped by sector that works without
JavaScript (the concept id is sent, or a typed name is matched on the server), with
a small filter script as an enhancement."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override

from employers.models import Job
from tests.employers.factories import JobFactory, OccupationFactory
from tests.employers.test_jobs import job_form_data

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)


def form(occupation, municipality, value: str) -> dict:
    return {**job_form_data(occupation, municipality), "occupation": value}


def new_job_url() -> str:
    with override("en"):
        return reverse("employers:job_new")


@pytest.fixture
def nurse(db):
    return OccupationFactory(
        concept_id="bXNH_MNX_dUR",
        ssyk="2221",
        label_sv="Grundutbildade sjuksköterskor",
        label_en="Registered nurses (general)",
        sector="healthcare",
    )


@pytest.fixture
def cook(db):
    return OccupationFactory(
        concept_id="iXyv_E2W_cqc",
        ssyk="5120",
        isco="5120",
        label_sv="Kockar och kallskänkor",
        label_en="Cooks and cold-buffet managers",
        sector="hospitality",
    )


def test_the_form_is_a_plain_select_grouped_by_sector_with_the_filter_script(
    client, employer_admin, nurse, cook
):
    client.force_login(employer_admin)
    page = client.get(new_job_url()).content.decode()
    assert '<optgroup label="Healthcare">' in page
    assert '<option value="bXNH_MNX_dUR" data-search="Grundutbildade sjuksköterskor' in page
    assert "Registered nurses (general) (2221)" in page
    assert "employers/js/occupation-filter" in page
    assert 'data-filter-label="Find an occupation"' in page


@pytest.mark.parametrize(
    "value",
    [
        "bXNH_MNX_dUR",  # the select's value: the concept id
        "Registered nurses (general)",  # a name typed in, in English
        "grundutbildade sjuksköterskor",  # or in Swedish, any case
        "Registered nurses (general) (2221)",  # as the select shows it
    ],
)
def test_without_javascript_the_posted_concept_id_or_name_stores_the_concept(
    client, employer_admin, are, nurse, cook, value
):
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        response = client.post(new_job_url(), form(nurse, are, value))
    assert response.status_code == 302
    assert Job.objects.get().occupation.concept_id == "bXNH_MNX_dUR"


@pytest.mark.parametrize("value", ["", "nurse", "bXNH_MNX_xxx", "12"])
def test_an_unknown_occupation_is_refused_with_a_clear_error(
    client, employer_admin, are, nurse, value
):
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        response = client.post(new_job_url(), form(nurse, are, value))
    assert response.status_code == 200
    assert "Choose an occupation from the list." in response.content.decode()
    assert not Job.objects.exists()


def test_an_inactive_occupation_is_kept_for_the_ad_that_has_it_only(
    client, employer_admin, employer_in_are, are, nurse, cook
):
    job = JobFactory(employer=employer_in_are, occupation=cook, status=Job.Status.DRAFT)
    cook.is_active = False
    cook.save()
    client.force_login(employer_admin)
    with override("en"):
        edit = reverse("employers:job_edit", args=[job.pk])
    with time_machine.travel(NOW, tick=False):
        response = client.post(edit, form(cook, are, cook.concept_id))
        assert response.status_code == 302
        refused = client.post(new_job_url(), form(cook, are, cook.concept_id))
    assert refused.status_code == 200
