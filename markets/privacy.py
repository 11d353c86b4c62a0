"""Privacy provider for target markets: the campaign a person's sign-up link carried,
and the data files a staff member imported. Job clicks by campaign are counters
without personal data."""

from __future__ import annotations

from typing import Any

from markets.models import MarketDataImport, SignupCampaign
from portal.models import User
from portal.privacy import PrivacyProvider, isoformat


def markets_export(user: User) -> dict[str, Any]:
    record = SignupCampaign.objects.filter(user=user).first()
    return {
        "signup_campaign": (
            {"campaign": record.campaign, "signed_up_on": isoformat(record.signed_up_on)}
            if record
            else None
        ),
        "market_data_imports": [
            {
                "kind": version.kind,
                "file_name": version.file_name,
                "imported_at": isoformat(version.imported_at),
            }
            for version in MarketDataImport.objects.filter(imported_by=user).order_by("pk")
        ],
    }


def markets_erase(user: User) -> None:
    """The sign-up campaign goes; the imports stay (shared reference data) without
    the name of who imported them."""
    SignupCampaign.objects.filter(user=user).delete()
    MarketDataImport.objects.filter(imported_by=user).update(imported_by=None)


MARKETS = PrivacyProvider(name="markets", export=markets_export, erase=markets_erase)
