"""Target markets: imported labour-market data files and campaign sources.

Staff import three small data files (see ``markets.services.market_data_import``):
the county's shortage occupations (SSYK-4), the countries reporting a surplus of
an occupation (EURES, ISCO-08) and the WHO health-workforce support and safeguards
list. Each import is one ``MarketDataImport`` (a version) with its rows; the newest
import of each kind is the one the ranking reads, older ones stay as history.

Campaign sources: a sign-up remembers the campaign its link carried
(``SignupCampaign``, personal data: in the privacy registry); job clicks are a daily
counter per job and campaign with no personal data (``JobCampaignClicks``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: A campaign tag: a slug of at most this many characters.
CAMPAIGN_MAX_LENGTH = 60


class MarketDataImport(models.Model):
    class Kind(models.TextChoices):
        SHORTAGE = "shortage", _("Shortage occupations (employment service)")
        SURPLUS = "surplus", _("Countries with a surplus (EURES)")
        WHO = "who", _("WHO health-workforce safeguards list")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    data_year = models.PositiveSmallIntegerField(
        _("data year"), help_text=_("The newest year in the file's year column.")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("market data import")
        verbose_name_plural = _("market data imports")
        indexes = [models.Index(fields=["kind", "-imported_at"], name="market_import_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name} ({self.imported_at:%Y-%m-%d})"


class ShortageOccupation(models.Model):
    class Outlook(models.TextChoices):
        LARGE_SHORTAGE = "large_shortage", _("large shortage")
        SHORTAGE = "shortage", _("shortage")
        BALANCE = "balance", _("balance")
        SURPLUS = "surplus", _("surplus")

    data_import = models.ForeignKey(
        MarketDataImport, on_delete=models.CASCADE, related_name="shortages"
    )
    ssyk = models.CharField(_("SSYK code"), max_length=4)
    outlook = models.CharField(_("outlook"), max_length=16, choices=Outlook.choices)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("shortage occupation")
        verbose_name_plural = _("shortage occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["data_import", "ssyk", "year"], name="market_shortage_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ssyk} {self.outlook} {self.year}"


class SurplusCountry(models.Model):
    data_import = models.ForeignKey(
        MarketDataImport, on_delete=models.CASCADE, related_name="surpluses"
    )
    isco = models.CharField(_("ISCO-08 code"), max_length=4)
    country = models.CharField(_("country"), max_length=2)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("country with a surplus")
        verbose_name_plural = _("countries with a surplus")
        constraints = [
            models.UniqueConstraint(
                fields=["data_import", "isco", "country", "year"], name="market_surplus_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.isco} {self.country} {self.year}"


class SafeguardCountry(models.Model):
    data_import = models.ForeignKey(
        MarketDataImport, on_delete=models.CASCADE, related_name="safeguards"
    )
    country = models.CharField(_("country"), max_length=2)
    list_year = models.PositiveSmallIntegerField(_("list year"))

    class Meta:
        verbose_name = _("country on the WHO safeguards list")
        verbose_name_plural = _("countries on the WHO safeguards list")
        constraints = [
            models.UniqueConstraint(fields=["data_import", "country"], name="market_who_unique")
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.list_year}"


class SignupCampaign(models.Model):
    """The campaign a person's sign-up link carried (personal data: the account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="signup_campaign",
    )
    campaign = models.CharField(_("campaign"), max_length=CAMPAIGN_MAX_LENGTH)
    signed_up_on = models.DateField(_("signed up on"))

    class Meta:
        verbose_name = _("sign-up campaign")
        verbose_name_plural = _("sign-up campaigns")
        indexes = [models.Index(fields=["campaign"], name="market_signup_campaign_idx")]

    def __str__(self) -> str:
        return self.campaign


class JobCampaignClicks(models.Model):
    """How many times a job was opened or its apply link followed, per campaign and
    day. No personal data."""

    class Kind(models.TextChoices):
        VIEW = "view", _("job page opened")
        APPLY = "apply", _("apply link followed")

    job = models.ForeignKey(
        "employers.Job", verbose_name=_("job"), on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.CharField(_("campaign"), max_length=CAMPAIGN_MAX_LENGTH)
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("job clicks by campaign")
        verbose_name_plural = _("job clicks by campaign")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "campaign", "day", "kind"], name="market_job_clicks_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.kind} {self.day}: {self.count}"
