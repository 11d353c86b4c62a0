"""The dashboard's daily figures for the demo data (the beat task keeps them fresh)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from insights.services import insights_refresh

#: Days back the demo figures are computed for (the demo history is shorter).
DEMO_DAYS = 400


def seed(stdout) -> None:
    today = timezone.localdate()
    written = insights_refresh(first=today - dt.timedelta(days=DEMO_DAYS), last=today)
    stdout.write(f"Insights: {written} daily figures.")
