"""Job ads: the quality checklist, publishing, the public list, the job page, feeds, closing."""

from __future__ import annotations

import datetime
import io
import itertools
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import override

from demo import employers as demo_employers
from demo.directory import seed_directory
from employers import selectors, services
from employers.models import Employer, Job
from employers.selectors import JOB_POSTING_REQUIRED
from employers.tasks import close_expired_jobs
from tests.employers.factories import EmployerFactory, JobFactory, OccupationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(f"employers:{name}", args=args)


def job_form_data(occupation, municipality, **changes) -> dict:
    data = {
        "title_sv": "Undersköterska",
        "description_sv": "Hemtjänst i Åre.",
        "title_en": "",
        "description_en": "",
        "occupation": occupation.concept_id,
        "municipality": municipality.pk,
        "street_address": "Fjällvägen 2",
        "postal_code": "837 52",
        "locality": "Åre",
        "employment_type": "permanent",
        "extent": "full_time",
        "start_date": "",
        "pay_min": "30000",
        "pay_max": "34000",
        "pay_period": "month",
        "swedish_level": "none",
        "swedish_tasks": "",
        "english_level": "good",
        "other_languages": "",
        "offers_housing_help": "on",
        "apply_url": "",
        "apply_email": "jobb@example.org",
        "deadline": "2027-01-15",
        "board_ad_id": "",
    }
    data.update(changes)
    return data


def test_an_employer_writes_an_ad_and_publishes_it_after_the_checklist(
    client, employer_admin, employer_in_are, are
):
    occupation = OccupationFactory()
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            url("job_new"), job_form_data(occupation, are, board_ad_id="30123456")
        )
        job = Job.objects.get()
        assert response["Location"] == url("job_publish", job.pk)
        assert job.status == Job.Status.DRAFT
        page = client.get(url("job_publish", job.pk)).content.decode()
        assert "A pay range (pay transparency)" in page
        with override("en"):
            permit_day = date_format(datetime.date(2026, 12, 14), "DATE_FORMAT")
        assert permit_day in page  # the day the ad may back a permit
        client.post(url("job_publish", job.pk))
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert job.permit_usable_from == datetime.date(2026, 12, 14)


def test_swedish_required_needs_the_tasks_that_need_it(client, employer_admin, are):
    occupation = OccupationFactory()
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        response = client.post(url("job_new"), job_form_data(occupation, are, swedish_level="good"))
    assert response.status_code == 200
    assert "Say which tasks need Swedish" in response.content.decode()
    assert not Job.objects.exists()


def test_a_pay_range_is_required(client, employer_admin, are):
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        response = client.post(url("job_new"), job_form_data(OccupationFactory(), are, pay_min=""))
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_an_ad_past_its_deadline_cannot_be_published(employer_in_are):
    job = JobFactory(
        employer=employer_in_are,
        status=Job.Status.DRAFT,
        published_at=None,
        deadline=datetime.date(2026, 12, 1),
    )
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        services.job_publish(job=job, employer=employer_in_are)
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT


def test_an_employer_cannot_open_another_employers_ad(client, employer_admin):
    theirs = JobFactory()
    client.force_login(employer_admin)
    assert client.get(url("job_edit", theirs.pk)).status_code == 404
    assert client.post(url("job_close", theirs.pk)).status_code == 404


def test_ads_of_an_employer_not_yet_vetted_are_not_public(client):
    job = JobFactory(employer__status=Employer.Status.PENDING)
    assert client.get(url("job", job.pk)).status_code == 404
    assert job.title_en not in client.get(url("jobs")).content.decode()


def jsonld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_job_page_carries_jobposting_structured_data(client):
    job = JobFactory(offers_permit_sponsorship=True, board_ad_id="30123456")
    response = client.get(url("job", job.pk))
    assert response.status_code == 200
    data = jsonld(response.content.decode())
    for key in (*JOB_POSTING_REQUIRED, "validThrough", "baseSalary", "employmentType"):
        assert data[key], key
    assert data["@type"] == "JobPosting"
    assert data["baseSalary"]["value"]["minValue"] == 36000
    assert data["jobLocation"]["address"]["addressCountry"] == "SE"
    assert data["jobBenefits"] == "work-permit sponsorship"
    assert data["occupationalCategory"].startswith("2221")
    assert data["validThrough"] == "2027-01-31T23:59:59"


def test_a_job_past_its_deadline_is_closed_by_the_beat_task_and_says_so(client):
    open_job = JobFactory(deadline=datetime.date(2026, 12, 10))
    expired = JobFactory(deadline=datetime.date(2026, 12, 3))
    with time_machine.travel(NOW, tick=False):
        close_expired_jobs.delay()
    expired.refresh_from_db()
    open_job.refresh_from_db()
    assert expired.status == Job.Status.CLOSED
    assert open_job.status == Job.Status.PUBLISHED
    response = client.get(url("job", expired.pk))
    assert response.status_code == 410
    page = response.content.decode()
    assert "This job ad is closed" in page
    assert "application/ld+json" not in page


def test_the_jobs_list_filters_by_no_swedish_relocation_and_sponsorship(client, are, ostersund):
    JobFactory(
        title_en="Needs Swedish", swedish_level="fluent", swedish_tasks="Talking with patients"
    )
    JobFactory(title_en="Sponsored", offers_permit_sponsorship=True)
    JobFactory(title_en="Housing help", offers_housing_help=True, municipality=are)

    def titles(**query) -> set[str]:
        page = client.get(url("jobs"), query).content.decode()
        return {t for t in ("Needs Swedish", "Sponsored", "Housing help") if t in page}

    assert titles() == {"Needs Swedish", "Sponsored", "Housing help"}
    assert titles(no_swedish="on") == {"Sponsored", "Housing help"}
    assert titles(relocation="on") == {"Sponsored", "Housing help"}
    assert titles(sponsorship="on") == {"Sponsored"}
    assert titles(municipality=are.pk) == {"Housing help"}


FILTERS = ["municipality", "sector", "occupation", "no_swedish", "relocation", "sponsorship"]


def _list_queries(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("jobs"), query)
    assert response.status_code == 200
    return len(captured)


def test_the_jobs_list_runs_as_many_queries_for_5_as_for_500_jobs_under_every_filter(client, are):
    occupation = OccupationFactory()
    employer = EmployerFactory(municipality=are)
    values = {
        "municipality": are.pk,
        "sector": "healthcare",
        "occupation": occupation.pk,
        "no_swedish": "on",
        "relocation": "on",
        "sponsorship": "on",
    }
    combinations = [
        {name: values[name] for name in chosen}
        for size in range(len(FILTERS) + 1)
        for chosen in itertools.combinations(FILTERS, size)
    ]
    JobFactory.create_batch(
        5, employer=employer, occupation=occupation, offers_permit_sponsorship=True
    )
    few = [_list_queries(client, query) for query in combinations]
    JobFactory.create_batch(
        495, employer=employer, occupation=occupation, offers_permit_sponsorship=True
    )
    many = [_list_queries(client, query) for query in combinations]
    assert few == many
    assert max(many) <= 6


def test_the_feeds_list_published_jobs(client):
    job = JobFactory(title_en="Forest machine driver")
    JobFactory(title_en="Not public yet", employer__status=Employer.Status.PENDING)
    feed = client.get(url("jobs_feed_json")).json()
    assert [item["title"] for item in feed["items"]] == ["Forest machine driver"]
    assert feed["items"][0]["_job"]["@type"] == "JobPosting"
    atom = client.get(url("jobs_feed_atom")).content.decode()
    assert "Forest machine driver" in atom
    assert "Not public yet" not in atom
    assert job.get_absolute_url() in atom


def test_every_published_demo_job_has_the_jobposting_required_properties():
    seed_directory()
    with time_machine.travel(NOW, tick=False):
        demo_employers.seed(io.StringIO())
    jobs = list(selectors.public_jobs())
    assert len(jobs) == 40
    for job in jobs:
        data = selectors.job_posting(job, url="https://example.org/", language="en")
        for key in JOB_POSTING_REQUIRED:
            assert data[key], (job.pk, key)
        assert data["hiringOrganization"]["name"]
        assert data["jobLocation"]["address"]["streetAddress"]
        assert data["baseSalary"]["value"]["minValue"] <= data["baseSalary"]["value"]["maxValue"]


def test_import_occupations_records_its_version_once(db):
    from django.core.management import call_command

    from employers.models import Occupation, OccupationImport

    out = io.StringIO()
    call_command("import_occupations", stdout=out)
    call_command("import_occupations", stdout=out)
    record = OccupationImport.objects.get()
    assert record.count == Occupation.objects.filter(is_active=True).count() >= 30
    assert record.version in out.getvalue()
    nurse = Occupation.objects.get(ssyk="2221")
    assert nurse.concept_id == "Z8ci_bBE_tmx"
    assert nurse.isco == "2221"


def test_every_field_of_the_job_form_is_in_one_of_its_fieldsets():
    from employers.forms import JobForm

    grouped = [name for _legend, names in JobForm.FIELDSETS for name in names]
    assert sorted(grouped) == sorted(JobForm.Meta.fields)
