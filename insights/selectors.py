"""The dashboard: reads the pre-aggregated daily facts (a constant number of queries,
whatever the size of the source tables), protects them (``insights.disclosure``) and
lays them out as sections of key figures and tables."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from insights.disclosure import (
    ALL,
    Shown,
    Table,
    build_table,
    min_cases,
    min_cell,
    protect,
    protect_family,
    quantile_from_histogram,
    rate,
    shown,
)
from insights.figures import BACKLOG_AGES as BACKLOG_ORDER
from insights.models import DailyFact, MonthlyFact
from insights.periods import Period
from insights.registry import FIGURES, OPEN_BUCKET, Kind
from insights.services import month_end
from portal.models import StaffMembership

#: The employers' network aims at this many employers trained (EMPLOYERS.md).
TRAINING_TARGET = 200
SERIES_METRIC = "enquiries.received"
#: Tables sharing their "all categories" margins (every enquiry has one of each).
FAMILIES = (("enquiries.received", "enquiries.topic", "enquiries.language", "enquiries.country"),)
#: Figures whose facts carry no organisation (a newcomer belongs to none): an
#: organisation sees them for the municipalities it covers.
WITHOUT_ORGANISATION = frozenset(
    {
        "newcomers.signups",
        "newcomers.plans_started",
        "newcomers.plans_completed",
        "newcomers.steps_done",
    }
)


# --- who sees what -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Viewer:
    county: bool
    organisation_ids: frozenset[int]


def viewer_for(user: Any) -> Viewer:
    """The county desk, region coordinators and superusers see the county and every
    organisation; other staff their own organisations."""
    rows = list(
        StaffMembership.objects.filter(user=user).values_list(
            "organisation_id", "role", "organisation__kind", "organisation__is_county_desk"
        )
    )
    county = bool(user.is_superuser) or any(
        desk or (kind == "region" and role == StaffMembership.Role.COORDINATOR)
        for _org, role, kind, desk in rows
    )
    return Viewer(county=county, organisation_ids=frozenset(org for org, *_rest in rows))


@dataclass(frozen=True)
class View:
    """The cells a dashboard shows: one organisation (or ALL) and one municipality (or ALL);
    ``covered``: the municipalities of the chosen organisation (for figures without one)."""

    organisation: Any = ALL
    municipality: Any = ALL
    covered: frozenset[int] = frozenset()


# --- what the page shows ------------------------------------------------------------------------
@dataclass
class Row:
    label: str
    current: Shown
    previous: Shown

    @property
    def change(self) -> str:
        return change_text(self.current, self.previous)


@dataclass
class DataTable:
    id: str
    caption: str
    dimension: str
    rows: list[Row]
    total: Row | None = None
    chart: bool = True
    svg: str = ""

    @property
    def hidden_any(self) -> bool:
        return any(r.current.value is None or r.previous.value is None for r in self.all_rows)

    @property
    def all_rows(self) -> list[Row]:
        return self.rows + ([self.total] if self.total else [])

    @property
    def summary(self) -> str:
        """One sentence for the chart's text alternative."""
        visible = [r for r in self.rows if r.current.value is not None]
        if not self.rows:
            return _("%(caption)s: no data in this period.") % {"caption": self.caption}
        if not visible:
            return _("%(caption)s: every value is hidden to protect individuals.") % {
                "caption": self.caption
            }
        top = max(visible, key=lambda r: r.current.value or 0)
        return _(
            "%(caption)s: %(count)d rows; the largest is %(label)s with %(value)s "
            "in this period (%(previous)s in the previous period)."
        ) % {
            "caption": self.caption,
            "count": len(self.rows),
            "label": top.label,
            "value": top.current.text,
            "previous": top.previous.text,
        }


@dataclass
class KeyFigure:
    label: str
    current: str
    previous: str
    change: str = ""
    note: str = ""


@dataclass
class Section:
    id: str
    title: str
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[DataTable] = field(default_factory=list)


@dataclass
class Dashboard:
    period: Period
    sections: list[Section]
    min_cell: int = field(default_factory=min_cell)
    min_cases: int = field(default_factory=min_cases)

    def table(self, table_id: str) -> DataTable | None:
        for section in self.sections:
            for table in section.tables:
                if table.id == table_id:
                    return table
        return None


def change_text(current: Shown, previous: Shown) -> str:
    if current.value is None or previous.value is None or not previous.value:
        return "–"
    percent = round(100 * (current.value - previous.value) / previous.value)
    return f"{percent:+d} %"


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)} %"


def minutes_text(minutes: int | None) -> str:
    if minutes is None:
        return "–"
    if minutes >= OPEN_BUCKET:
        return _("more than a year")
    if minutes < 60:
        return _("≤ %(n)d min") % {"n": minutes}
    if minutes < 48 * 60:
        return _("≤ %(n)s h") % {"n": f"{minutes / 60:g}"}
    return _("≤ %(n)s days") % {"n": f"{minutes / 1440:g}"}


# --- reading the facts (a constant number of queries) -------------------------------------------
Cells = dict[str, dict[tuple, list[int]]]


def _sums(current: Q, previous: Q) -> dict[str, Any]:
    return {
        "cur": Sum(
            Case(When(current, then="count"), default=Value(0)), output_field=IntegerField()
        ),
        "prev": Sum(
            Case(When(previous, then="count"), default=Value(0)), output_field=IntegerField()
        ),
    }


def split_months(first: dt.date, last: dt.date) -> tuple[list[dt.date], list[tuple]]:
    """The whole calendar months within ``first`` … ``last`` (their first days) and the
    day ranges left over at either end."""
    months, days = [], []
    cursor = first
    while cursor <= last:
        end = month_end(cursor)
        if cursor.day == 1 and end <= last:
            months.append(cursor)
        else:
            days.append((cursor, min(end, last)))
        cursor = end + dt.timedelta(days=1)
    return months, days


def _days_q(ranges: list[tuple], field_name: str = "date") -> Q:
    q = Q(pk__in=[])
    for first, last in ranges:
        q |= Q(**{f"{field_name}__gte": first, f"{field_name}__lte": last})
    return q


def _flow_rows(model: Any, current: Q, previous: Q, metrics: list[str]) -> Any:
    return (
        model.objects.filter(current | previous, metric__in=metrics)
        .values("metric", "organisation_id", "municipality_id", "category")
        .annotate(**_sums(current, previous))
        .order_by()
    )


def load_flows(period: Period) -> Cells:
    """Flow and duration figures, summed over each period: whole months from the
    monthly sums, the days left over from the daily facts (two queries)."""
    metrics = [k for k, f in FIGURES.items() if f.kind != Kind.STOCK and k != SERIES_METRIC]
    months, days = split_months(period.start, period.end)
    previous_months, previous_days = split_months(period.previous_start, period.previous_end)
    cells: Cells = defaultdict(dict)
    sources = [
        (DailyFact, _days_q(days), _days_q(previous_days)),
        (MonthlyFact, Q(month__in=months), Q(month__in=previous_months)),
    ]
    for model, current, previous in sources:
        if not (current.children or previous.children) or (
            model is MonthlyFact and not (months or previous_months)
        ):
            continue
        for row in _flow_rows(model, current, previous, metrics):
            key = (row["organisation_id"], row["municipality_id"], row["category"])
            found = cells[row["metric"]].setdefault(key, [0, 0])
            found[0] += row["cur"]
            found[1] += row["prev"]
    return cells


def load_stocks(period: Period) -> Cells:
    """Stock figures on the last day of each period: one query."""
    metrics = [k for k, f in FIGURES.items() if f.kind == Kind.STOCK]
    current, previous = Q(date=period.end), Q(date=period.previous_end)
    cells: Cells = defaultdict(dict)
    for row in _flow_rows(DailyFact, current, previous, metrics):
        key = (row["organisation_id"], row["municipality_id"], row["category"])
        cells[row["metric"]][key] = [row["cur"], row["prev"]]
    return cells


def load_series(period: Period) -> tuple[dict[tuple, list[int]], dict[int, str]]:
    """Enquiries received per chart bucket (day, week or month): one query, two when
    the buckets are months (whole months from the monthly sums)."""
    monthly = period.full_days > 92
    months, days = split_months(period.start, period.end) if monthly else ([], [])
    previous_months, previous_days = (
        split_months(period.previous_start, period.previous_end) if monthly else ([], [])
    )
    if not monthly:
        days, previous_days = (
            [(period.start, period.end)],
            [(period.previous_start, period.previous_end)],
        )
    rows: list[tuple] = list(
        DailyFact.objects.filter(_days_q(days + previous_days), metric=SERIES_METRIC)
        .values_list("date", "organisation_id", "municipality_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    if months or previous_months:
        rows += list(
            MonthlyFact.objects.filter(month__in=months + previous_months, metric=SERIES_METRIC)
            .values_list("month", "organisation_id", "municipality_id")
            .annotate(n=Sum("count"))
            .order_by()
        )
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    labels: dict[int, str] = {}
    day = period.start
    while day <= period.end:
        index, label = period.bucket(day)
        labels.setdefault(index, label)
        day += dt.timedelta(days=1)
    for day, organisation, municipality, count in rows:
        index, _label = period.bucket(day)
        slot = 0 if day >= period.start else 1
        cells[organisation, municipality, index][slot] += count
    return cells, labels


def _table(cells: dict[tuple, list[int]], *, protected: bool) -> Table:
    return build_table(
        ((key, value[0], value[1]) for key, value in cells.items()), protected=protected
    )


def protected_tables(period: Period) -> tuple[dict[str, Table], Cells, dict[int, str]]:
    """Every figure's table, protected; the raw cells (for histograms); chart labels."""
    flows, stocks = load_flows(period), load_stocks(period)
    series, labels = load_series(period)
    tables: dict[str, Table] = {SERIES_METRIC: _table(series, protected=True)}
    for key, figure in FIGURES.items():
        if figure.kind == Kind.DURATION or key == SERIES_METRIC:
            continue
        source = stocks if figure.kind == Kind.STOCK else flows
        tables[key] = _table(source.get(key, {}), protected=figure.people)
    in_family = set()
    for family in FAMILIES:
        protect_family([tables[key] for key in family])
        in_family |= set(family)
    for key, table in tables.items():
        if key not in in_family:
            protect(table)
    return tables, flows, labels


# --- laying out --------------------------------------------------------------------------------
class Layout:
    """Reads protected cells for one view."""

    def __init__(self, tables: dict[str, Table], flows: Cells, view: View, labels: Labels):
        self.tables, self.flows, self.view, self.labels = tables, flows, view, labels

    def _organisation(self, metric: str):
        return ALL if metric in WITHOUT_ORGANISATION else self.view.organisation

    def _municipalities(self, metric: str) -> Iterable | None:
        """For a figure without organisation seen by one organisation: its municipalities."""
        if metric in WITHOUT_ORGANISATION and self.view.organisation != ALL:
            return self.view.covered
        return None

    def cell(self, metric: str, category: Any = ALL, municipality: Any = None) -> Row:
        table = self.tables[metric]
        muni = self.view.municipality if municipality is None else municipality
        covered = self._municipalities(metric)
        if covered is not None and muni == ALL:
            keys = [(ALL, m, category) for m in sorted(covered)]
            return self._sum(table, keys)
        if covered is not None and muni not in covered:
            return Row("", Shown(0), Shown(0))
        key = (self._organisation(metric), muni, category)
        return Row("", shown(table, key, 0), shown(table, key, 1))

    def _sum(self, table: Table, keys: list[tuple]) -> Row:
        if len(keys) == 1:
            return Row("", shown(table, keys[0], 0), shown(table, keys[0], 1))
        if any(table.is_hidden(k) for k in keys):
            return Row("", Shown(None, "·"), Shown(None, "·"))
        return Row(
            "",
            Shown(sum(table.get(k)[0] for k in keys)),
            Shown(sum(table.get(k)[1] for k in keys)),
        )

    def key_figure(self, metric: str, note: str = "") -> KeyFigure:
        row = self.cell(metric)
        return KeyFigure(
            str(FIGURES[metric].label), row.current.text, row.previous.text, row.change, note
        )

    def categories(self, metric: str) -> list:
        organisation = self._organisation(metric)
        muni = self.view.municipality
        covered = self._municipalities(metric)
        found = {
            key[2]
            for key in self.tables[metric].values
            if key[2] != ALL
            and key[0] == organisation
            and (key[1] == muni or (covered is not None and muni == ALL and key[1] in covered))
        }
        return sorted(found, key=str)

    def by_category(
        self, metric: str, table_id: str, *, caption: str = "", dimension: str = ""
    ) -> DataTable:
        figure = FIGURES[metric]
        rows = []
        for category in self.categories(metric):
            row = self.cell(metric, category)
            row.label = self.labels.label(figure.dimension, category)
            rows.append(row)
        total = self.cell(metric)
        total.label = _("Total")
        return DataTable(
            table_id,
            caption or str(figure.label),
            dimension or self.labels.dimension_name(figure.dimension),
            rows,
            total,
        )

    def by_municipality(self, metric: str, table_id: str, caption: str) -> DataTable | None:
        if self.view.municipality != ALL:
            return None
        table = self.tables[metric]
        organisation = self._organisation(metric)
        covered = self._municipalities(metric)
        munis = sorted(
            {k[1] for k in table.values if k[0] == organisation and k[1] != ALL and k[2] == ALL},
            key=lambda m: self.labels.label("municipality", m),
        )
        if covered is not None:
            munis = [m for m in munis if m in covered]
        rows = []
        for muni in munis:
            row = self.cell(metric, ALL, municipality=muni)
            row.label = self.labels.label("municipality", muni)
            rows.append(row)
        total = self.cell(metric)
        total.label = _("Total")
        return DataTable(table_id, caption, _("Municipality"), rows, total)

    def series(self, chart_labels: dict[int, str]) -> DataTable:
        rows = []
        for index, label in sorted(chart_labels.items()):
            row = self.cell(SERIES_METRIC, index)
            row.label = label
            rows.append(row)
        total = self.cell(SERIES_METRIC)
        total.label = _("Total")
        return DataTable(
            "enquiries-over-time",
            _("Enquiries received over time"),
            _("Period starting"),
            rows,
            total,
        )

    def histogram(self, metric: str, period: int) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for (org, muni, bucket), values in self.flows.get(metric, {}).items():
            if self.view.organisation not in (ALL, org):
                continue
            if self.view.municipality not in (ALL, muni):
                continue
            counts[bucket] += values[period]
        return counts

    def quantiles(self, metric: str, label_median: str, label_p90: str) -> list[KeyFigure]:
        figures = []
        for label, fraction in ((label_median, 0.5), (label_p90, 0.9)):
            current = quantile_from_histogram(self.histogram(metric, 0), fraction)
            previous = quantile_from_histogram(self.histogram(metric, 1), fraction)
            figures.append(KeyFigure(label, minutes_text(current), minutes_text(previous)))
        return figures

    def share(self, label: str, numerator: str, denominator: str, note: str = "") -> KeyFigure:
        top, bottom = self.cell(numerator), self.cell(denominator)
        return KeyFigure(
            label,
            percent_text(rate(top.current, bottom.current)),
            percent_text(rate(top.previous, bottom.previous)),
            note=note,
        )


class Labels:
    """Names of the categories, read once per page (a query per kind of name used)."""

    def __init__(self, municipalities: dict, organisations: dict):
        self.names: dict[str, dict[str, str]] = {
            "municipality": {str(k): v for k, v in municipalities.items()},
            "organisation": {str(k): v for k, v in organisations.items()},
        }
        self.loaded: set[str] = set()

    def dimension_name(self, dimension: str) -> str:
        return str(DIMENSION_NAMES.get(dimension, dimension))

    def label(self, dimension: str, value: Any) -> str:
        if dimension not in self.names and dimension not in self.loaded:
            self.names[dimension] = load_names(dimension)
            self.loaded.add(dimension)
        if value in ("", None):
            return _("Not stated")
        return self.names.get(dimension, {}).get(str(value), str(value))


DIMENSION_NAMES = {
    "topic": gettext_lazy("Topic"),
    "language": gettext_lazy("Language"),
    "country": gettext_lazy("Country of origin"),
    "situation": gettext_lazy("Situation"),
    "age": gettext_lazy("Age (days)"),
    "sector": gettext_lazy("Sector"),
    "occupation": gettext_lazy("Occupation"),
    "guide": gettext_lazy("Guide"),
    "milestone": gettext_lazy("Months after the start"),
}


def load_names(dimension: str) -> dict[str, str]:
    from employers.models import Occupation
    from employers.models.employers import Sector
    from guides.models import Guide, Topic
    from portal.models import ANSWER_LANGUAGES, NewcomerProfile

    if dimension == "topic":
        return {str(t.pk): t.name for t in Topic.objects.all()}
    if dimension == "guide":
        return {str(g.pk): str(g) for g in Guide.objects.only("pk", "title", "slug")}
    if dimension == "occupation":
        return {
            o.ssyk: f"{o.ssyk} {o.label_en}" for o in Occupation.objects.only("ssyk", "label_en")
        }
    if dimension == "language":
        return {code: str(name) for code, name in [*settings.LANGUAGES, *ANSWER_LANGUAGES]}
    if dimension == "country":
        return {code: str(name) for code, name in countries}
    if dimension == "situation":
        return {k: str(v) for k, v in NewcomerProfile.Citizenship.choices}
    if dimension == "sector":
        return {k: str(v) for k, v in Sector.choices}
    return {}


# --- the dashboard -----------------------------------------------------------------------------
def choices_for(viewer: Viewer):
    """(organisations, municipalities) the viewer may choose from (two queries)."""
    from portal.models import Municipality, Organisation

    organisations = Organisation.objects.order_by("name")
    if not viewer.county:
        organisations = organisations.filter(pk__in=viewer.organisation_ids)
    return list(organisations), list(Municipality.objects.order_by("name"))


def build_dashboard(
    *,
    viewer: Viewer,
    period: Period,
    organisation_id: int | None,
    municipality_id: int | None,
    organisations: list,
    municipalities: list,
) -> Dashboard:
    """The dashboard of one view. ``organisation_id`` must be one the viewer may see
    (``None``: the whole county, county viewers only)."""
    if organisation_id is None and not viewer.county:
        raise PermissionError("Only the county desk sees the whole county.")
    if not viewer.county and organisation_id not in viewer.organisation_ids:
        raise PermissionError("Not one of the viewer's organisations.")
    chosen = next((o for o in organisations if o.pk == organisation_id), None)
    covered = (
        frozenset(chosen.municipalities.values_list("pk", flat=True)) if chosen else frozenset()
    )
    view = View(
        organisation=organisation_id if organisation_id is not None else ALL,
        municipality=municipality_id if municipality_id is not None else ALL,
        covered=covered,
    )
    tables, flows, chart_labels = protected_tables(period)
    labels = Labels({m.pk: m.name for m in municipalities}, {o.pk: o.name for o in organisations})
    layout = Layout(tables, flows, view, labels)
    promise = _promise_note(organisations, chosen)
    sections = [
        _enquiries(layout, chart_labels, promise),
        _newcomers(layout),
        _ambassadors(layout),
        _employers(layout),
        _guides(layout),
    ]
    return Dashboard(period=period, sections=sections)


def _promise_note(organisations: list, chosen) -> str:
    if chosen is not None:
        return _("The promise: an answer within %(hours)d office hours.") % {
            "hours": chosen.response_time_hours
        }
    hours = sorted({o.response_time_hours for o in organisations})
    if not hours:
        return ""
    return _("The promises: an answer within %(low)d to %(high)d office hours.") % {
        "low": hours[0],
        "high": hours[-1],
    }


def _compact(tables: list[DataTable | None]) -> list[DataTable]:
    return [t for t in tables if t is not None]


def _enquiries(layout: Layout, chart_labels: dict[int, str], promise: str) -> Section:
    figures = [
        layout.key_figure("enquiries.received"),
        layout.key_figure("enquiries.responded"),
        *layout.quantiles(
            "enquiries.response_time",
            _("First-response time, median"),
            _("First-response time, 90th percentile"),
        ),
        layout.share(
            _("Share answered within the promise"),
            "enquiries.kept",
            "enquiries.responded",
            note=promise,
        ),
        layout.key_figure("enquiries.breached"),
        layout.key_figure(
            "enquiries.rerouted", note=_("Counted for the organisation that passed the enquiry on.")
        ),
        layout.key_figure("enquiries.resolved"),
        layout.share(
            _("Reopen rate"),
            "enquiries.reopened",
            "enquiries.resolved",
            note=_("Newcomers' answers after a resolution, per resolution."),
        ),
    ]
    backlog = layout.by_category(
        "enquiries.backlog",
        "enquiries-backlog",
        caption=_("Open enquiries by age (days) at the end of the period"),
    )
    backlog.rows.sort(
        key=lambda r: (
            [label for label, _u in BACKLOG_ORDER].index(r.label)
            if r.label in [label for label, _u in BACKLOG_ORDER]
            else 99
        )
    )
    tables = _compact(
        [
            layout.series(chart_labels),
            layout.by_municipality(
                "enquiries.received", "enquiries-municipality", _("Enquiries by municipality")
            ),
            layout.by_category("enquiries.topic", "enquiries-topic"),
            layout.by_category("enquiries.language", "enquiries-language"),
            layout.by_category("enquiries.country", "enquiries-country"),
            backlog,
        ]
    )
    return Section("enquiries", _("Enquiries"), figures, tables)


def _newcomers(layout: Layout) -> Section:
    figures = [
        layout.key_figure("newcomers.signups"),
        layout.key_figure("newcomers.plans_started"),
        layout.key_figure("newcomers.plans_completed"),
        layout.key_figure("newcomers.steps_done"),
    ]
    tables = _compact(
        [
            layout.by_municipality(
                "newcomers.signups",
                "newcomers-municipality",
                _("Sign-ups by destination municipality"),
            ),
            layout.by_category(
                "newcomers.signups", "newcomers-situation", caption=_("Sign-ups by situation")
            ),
            layout.by_municipality(
                "newcomers.plans_started",
                "plans-municipality",
                _("Move plans started by destination municipality"),
            ),
            layout.by_category(
                "newcomers.plans_started",
                "plans-situation",
                caption=_("Move plans started by situation"),
            ),
            layout.by_category(
                "newcomers.plans_completed",
                "completed-situation",
                caption=_("Move plans completed by situation"),
            ),
            layout.by_category(
                "newcomers.steps_done",
                "steps-situation",
                caption=_("Move-plan steps ticked off by situation"),
            ),
        ]
    )
    return Section("newcomers", _("Newcomers"), figures, tables)


def _ambassadors(layout: Layout) -> Section:
    figures = [
        layout.key_figure("ambassadors.active", note=_("At the end of the period.")),
        layout.key_figure("ambassadors.waiting", note=_("At the end of the period.")),
        layout.key_figure("ambassadors.requests"),
        layout.key_figure("ambassadors.matched"),
        layout.share(
            _("Match rate"),
            "ambassadors.matched",
            "ambassadors.requests",
            note=_("Requests matched in the period per request made in it."),
        ),
        *layout.quantiles(
            "ambassadors.time_to_match",
            _("Time to a match, median"),
            _("Time to a match, 90th percentile"),
        ),
        layout.key_figure("ambassadors.ended_early"),
    ]
    tables = _compact(
        [
            layout.by_municipality(
                "ambassadors.active",
                "ambassadors-municipality",
                _("Active ambassadors by municipality"),
            ),
            layout.by_category("ambassadors.languages", "ambassadors-language"),
        ]
    )
    return Section("ambassadors", _("Ambassadors"), figures, tables)


def _employers(layout: Layout) -> Section:
    trained = layout.cell("employers.trained")
    figures = [
        layout.key_figure("employers.members", note=_("At the end of the period.")),
        KeyFigure(
            str(FIGURES["employers.trained"].label),
            trained.current.text,
            trained.previous.text,
            trained.change,
            _("Goal: %(target)d employers.") % {"target": TRAINING_TARGET},
        ),
        layout.share(
            _("Share of job ads with no Swedish required"), "employers.no_swedish", "employers.jobs"
        ),
        layout.key_figure("employers.hires"),
        layout.key_figure("employers.hires_accepted"),
        layout.share(
            _("Share of hires still here when their employer answered a check-in"),
            "employers.still_here",
            "employers.checkins",
        ),
    ]
    tables = _compact(
        [
            layout.by_category(
                "employers.members", "employers-sector", caption=_("Network members by sector")
            ),
            layout.by_category("employers.jobs", "jobs-sector"),
            layout.by_category("employers.jobs_occupation", "jobs-occupation"),
            layout.by_category("employers.hires", "hires-sector"),
            layout.by_category("employers.checkins", "checkins-milestone"),
            layout.by_category("employers.still_here", "still-here-milestone"),
        ]
    )
    return Section("employers", _("Employers"), figures, tables)


def _guides(layout: Layout) -> Section:
    figures = [
        layout.key_figure("guides.views"),
        layout.share(_("Answered “yes, it was helpful”"), "guides.helpful", "guides.feedback"),
        layout.key_figure("guides.published", note=_("Today's state.")),
    ]
    coverage = layout.by_category(
        "guides.translated",
        "guides-translated",
        caption=_("Published guides translated (up to date), per language"),
    )
    coverage.total = None
    coverage.chart = True
    tables = _compact(
        [
            layout.by_category("guides.views", "guides-views"),
            layout.by_category("guides.views_language", "guides-views-language"),
            layout.by_category(
                "guides.feedback",
                "guides-feedback",
                caption=_("“Was this helpful?” answers by language"),
            ),
            layout.by_category(
                "guides.helpful", "guides-helpful", caption=_("“Yes, it was helpful” by language")
            ),
            coverage,
        ]
    )
    return Section("guides", _("Guides"), figures, tables)
