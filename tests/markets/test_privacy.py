"""The sign-up campaign and the imports a staff member made, in the privacy registry."""

from __future__ import annotations

import datetime

import pytest

from markets.models import JobCampaignClicks, MarketDataImport, SignupCampaign
from markets.services import market_data_import
from portal.privacy import account_delete, account_export
from tests.employers.factories import JobFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_download_has_the_sign_up_campaign_and_deleting_the_account_removes_it(frozen):
    user = UserFactory()
    SignupCampaign.objects.create(
        user=user, campaign="pl-forestry-2027", signed_up_on=datetime.date(2026, 12, 4)
    )
    other = SignupCampaign.objects.create(
        user=UserFactory(), campaign="pl-forestry-2027", signed_up_on=datetime.date(2026, 12, 4)
    )
    data = account_export(user=user)
    assert data["signup_campaign"] == {"campaign": "pl-forestry-2027", "signed_up_on": "2026-12-04"}
    assert data["market_data_imports"] == []
    account_delete(user=user)
    assert list(SignupCampaign.objects.all()) == [other]


def test_a_staff_members_imports_stay_without_their_name(frozen, staff_of_region):
    version, _ = market_data_import(
        kind="who",
        file_name="who.csv",
        content=b"country,list_year\nNG,2023\n",
        user=staff_of_region,
    )
    data = account_export(user=staff_of_region)
    assert data["market_data_imports"] == [
        {"kind": "who", "file_name": "who.csv", "imported_at": "2026-12-04T10:00:00+00:00"}
    ]
    assert data["signup_campaign"] is None
    account_delete(user=staff_of_region)
    version.refresh_from_db()
    assert version.imported_by is None
    assert MarketDataImport.objects.count() == 1


def test_job_clicks_hold_no_personal_data():
    fields = {field.name for field in JobCampaignClicks._meta.get_fields()}
    assert fields == {"id", "job", "campaign", "day", "kind", "count"}
    JobFactory()  # a job can exist without any click row
