"""Pre-aggregated daily figures: the dashboard reads these, never the source tables.

No row holds data about a person: counts per day and dimension only (the privacy
registry has nothing to export or delete here).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyFact(models.Model):
    """One count: a figure (``metric``) on one day for one organisation, municipality
    and category (a topic id, a language code, a country code, an age bucket …).

    Durations are stored the same way, as histograms: the category is the upper bound
    of a bucket in minutes, the count the number of cases that fell in it, so medians
    and percentiles are computed from the aggregates (``insights.disclosure``).
    """

    date = models.DateField(_("day"))
    metric = models.CharField(_("figure"), max_length=48)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=64, blank=True)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("insights dashboard")
        verbose_name_plural = _("insights dashboard")
        indexes = [
            models.Index(fields=["metric", "date"], name="insights_fact_metric_date"),
            # Refreshing deletes whole days: the index above does not lead with the date.
            models.Index(fields=["date"], name="insights_fact_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.metric} {self.category}: {self.count}"


class GuideViewDay(models.Model):
    """How often a guide was read in a language on a day: a bare counter, no cookie,
    no user, no address (``insights.services.guide_view_count``)."""

    date = models.DateField(_("day"))
    guide = models.ForeignKey(
        "relocation.Guide", verbose_name=_("guide"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("guide views on a day")
        verbose_name_plural = _("guide views per day")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "guide", "language"], name="insights_one_view_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.guide_id} {self.language}: {self.count}"


class MonthlyFact(models.Model):
    """The daily facts of flow and duration figures summed per calendar month (the
    first day of the month in ``month``): a year's dashboard reads 24 months of these
    instead of 730 days. Rebuilt from ``DailyFact`` by every refresh of the month."""

    month = models.DateField(_("month"))
    metric = models.CharField(_("figure"), max_length=48)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=64, blank=True)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        indexes = [models.Index(fields=["metric", "month"], name="insights_month_metric")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.metric} {self.category}: {self.count}"
