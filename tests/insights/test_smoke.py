import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from insights.services import insights_refresh
from tests.enquiries.factories import RoutedEnquiryFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


def test_dashboard_renders(client, staff_of_region, ostersunds_kommun, ostersund, are_kommun):
    with time_machine.travel(NOW, tick=False):
        for _ in range(7):
            RoutedEnquiryFactory(organisation=ostersunds_kommun, municipality=ostersund)
        insights_refresh(first=dt.date(2026, 2, 1), last=dt.date(2026, 3, 20))
        client.force_login(staff_of_region)
        response = client.get(reverse("admin:insights_dailyfact_changelist"))
        assert response.status_code == 200, response.content[:3000]
        response = client.get(reverse("admin:index"))
        assert reverse("admin:insights_dailyfact_changelist") in response.content.decode()
