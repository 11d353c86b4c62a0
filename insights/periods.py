"""The period chooser: a month, a quarter, a year or a range of days, and the period it
is compared with (the one before, cut to the same number of days when the current
period is not over yet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive; never after today
    full_end: dt.date  # the period's last day, perhaps in the future
    previous_start: dt.date
    previous_end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bucket(self, day: dt.date) -> tuple[int, str]:
        """(index, label) of the chart bucket of a day of this period or the previous."""
        base = self.start if day >= self.start else self.previous_start
        offset = (day - base).days
        if self.full_days <= 31:
            return offset, (self.start + dt.timedelta(days=offset)).isoformat()
        if self.full_days <= 92:
            index = offset // 7
            return index, (self.start + dt.timedelta(days=7 * index)).isoformat()
        index = (day.year - base.year) * 12 + day.month - base.month
        month = (self.start.month - 1 + index) % 12 + 1
        year = self.start.year + (self.start.month - 1 + index) // 12
        return index, f"{year:04d}-{month:02d}"

    @property
    def full_days(self) -> int:
        return (self.full_end - self.start).days + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_for(kind: str, on: dt.date, today: dt.date, *, until: dt.date | None = None) -> Period:
    """The period of ``kind`` holding ``on`` (or the range ``on`` … ``until``)."""
    if kind == "month":
        start, length = on.replace(day=1), 1
    elif kind == "quarter":
        start, length = dt.date(on.year, 3 * ((on.month - 1) // 3) + 1, 1), 3
    elif kind == "year":
        start, length = dt.date(on.year, 1, 1), 12
    else:
        start, full_end = on, until or on
        days = (full_end - start).days + 1
        previous_start = start - dt.timedelta(days=days)
        end = min(full_end, max(today, start))
        previous_end = previous_start + (end - start)
        return Period("range", start, end, full_end, previous_start, previous_end)
    full_end = _add_months(start, length) - dt.timedelta(days=1)
    previous_start = _add_months(start, -length)
    end = min(full_end, max(today, start))
    previous_end = start - dt.timedelta(days=1)
    if end < full_end:  # not over yet: compared with as many days of the previous period
        previous_end = min(previous_start + (end - start), previous_end)
    return Period(kind, start, end, full_end, previous_start, previous_end)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("month", _("Month")),
            ("quarter", _("Quarter")),
            ("year", _("Year")),
            ("range", _("Range of days")),
        ],
        initial="month",
        required=False,
    )
    on = forms.DateField(
        label=_("Day in the period (or first day of the range)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("Last day of the range"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, *, organisations, municipalities, county: bool):
        super().__init__(data)
        every = [("", _("The whole county"))] if county else []
        self.fields["organisation"].choices = every + [(o.pk, o.name) for o in organisations]
        self.fields["organisation"].required = not county
        self.fields["municipality"].choices = [("", _("Every municipality"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def clean(self):
        data = super().clean()
        on, until = data.get("on"), data.get("until")
        if data.get("period") == "range":
            if on is None or until is None:
                raise forms.ValidationError(_("A range needs its first and last day."))
            if until < on or (until - on).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(
                    _("The last day must follow the first, at most three years later.")
                )
        return data
