from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, Job, Occupation, Sector
from employers.orgnr import legal_form, org_number_normalise
from enquiries.forms import EnquiryForm
from portal.models import Municipality, User


class EmployerRegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the employer"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Ten digits, for example 556036-0793 (twelve digits also work)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    is_sole_trader = forms.BooleanField(
        label=_("I am a sole trader and use my personal identity number"), required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    size = forms.ChoiceField(label=_("Size"), choices=Employer.Size.choices)
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    is_network_member = forms.BooleanField(label=_("Join the employer network"), required=False)
    listing_consent = forms.BooleanField(
        label=_("List our name publicly as a member of the employer network"), required=False
    )

    def clean(self):
        data = super().clean()
        number = data.get("org_number")
        if number:
            try:
                data["org_number"] = org_number_normalise(
                    number, sole_trader=data.get("is_sole_trader", False)
                )
            except ValidationError as error:
                self.add_error("org_number", error)
            else:
                data["legal_form"] = legal_form(
                    data["org_number"], sole_trader=data.get("is_sole_trader", False)
                )
        return data


class EmployerEnquiryForm(EnquiryForm):
    """The enquiry form, worded for an employer; a signed-in employer user's contact
    and workplace municipality are filled in."""

    def __init__(self, *args, user=None, employer: Employer | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        fields = self.fields
        fields["topic"].label = _("What do you need help with?")
        fields["municipality"].label = _("Where is the workplace?")
        fields["municipality"].empty_label = _("Not decided yet")
        fields["municipality"].help_text = _("The municipality of the job you recruit for.")
        fields["message"].label = _("Your question")
        fields["message"].help_text = _(
            "For example: we want to recruit a nurse from abroad and need help with the "
            "advertising and the work permit. Do not include anyone's personal identity number."
        )
        fields["consent"].label = _(
            "I agree that this question and my e-mail address are processed to answer it."
        )
        if not self.is_bound and employer is not None:
            fields["municipality"].initial = employer.municipality_id


class EmailLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=settings.LANGUAGES)


class NetworkForm(forms.Form):
    is_network_member = forms.BooleanField(label=_("Join the employer network"), required=False)
    listing_consent = forms.BooleanField(
        label=_("List our name publicly as a member of the employer network"), required=False
    )


class TrainingRegistrationForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Who will take part?"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = User.objects.filter(
            employer_memberships__employer=employer
        ).order_by("email")


#: The readiness self-assessment: statements an employer agrees with or not.
READINESS_QUESTIONS = [
    ("roles", _("We know which of our roles we could fill with someone from abroad.")),
    ("permit", _("We know the steps of a work permit and the pay it requires.")),
    ("ads", _("Our job ads give the pay range and say which tasks need Swedish.")),
    ("welcome", _("We have a plan to welcome a new colleague and their family.")),
    ("help", _("We know where to get help with housing, school and a partner's job.")),
]


class ReadinessForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, statement in READINESS_QUESTIONS:
            self.fields[key] = forms.BooleanField(label=statement, required=False)

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[key] for key, _statement in READINESS_QUESTIONS}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


def occupation_choices(language: str) -> list:
    """Occupations grouped by sector, in the reader's language (works without
    JavaScript); each option's value is the taxonomy concept id."""
    groups: dict[str, list[tuple[str, str]]] = {}
    sectors = dict(Sector.choices)
    for occupation in Occupation.objects.filter(is_active=True).order_by("sector", "ssyk"):
        label = f"{occupation.label(language)} ({occupation.ssyk})"
        groups.setdefault(str(sectors[occupation.sector]), []).append(
            (occupation.concept_id, label)
        )
    grouped = [(name, sorted(items, key=lambda item: item[1])) for name, items in groups.items()]
    return [("", "—"), *grouped]


def occupation_search_texts() -> dict[str, str]:
    """What the filter matches for each occupation: both names and both codes."""
    return {
        concept_id: " ".join(parts)
        for concept_id, *parts in Occupation.objects.filter(is_active=True).values_list(
            "concept_id", "label_sv", "label_en", "ssyk", "isco"
        )
    }


def occupation_resolve(value: str, *, current: Occupation | None = None) -> Occupation | None:
    """The occupation a posted value names: its concept id, or its name in Swedish or
    English (with or without the SSYK code in brackets), as a browser without
    JavaScript or a typed-in value sends it. Inactive occupations only for the ad's
    current one."""
    value = " ".join(value.split())
    if not value:
        return None
    occupations = Occupation.objects.filter(is_active=True)
    if current is not None:
        occupations = Occupation.objects.filter(Q(is_active=True) | Q(pk=current.pk))
    found = occupations.filter(concept_id=value).first()
    if found is None:
        name = re.sub(r"\s*\(\d{4}\)$", "", value)
        found = occupations.filter(Q(label_sv__iexact=name) | Q(label_en__iexact=name)).first()
    return found


class OccupationSelect(forms.Select):
    """A plain select, grouped by sector; each option carries what the JavaScript
    filter (static employers/js/occupation-filter.js) matches."""

    search_texts: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        text = self.search_texts.get(str(value))
        if text:
            option["attrs"]["data-search"] = text
        return option


class JobForm(forms.ModelForm):
    occupation = forms.CharField(
        label=_("Occupation"),
        widget=OccupationSelect,
        help_text=_("The occupation in the national taxonomy (SSYK 2012)."),
        error_messages={"required": _("Choose an occupation from the list.")},
    )

    class Meta:
        model = Job
        fields = [
            "title_sv",
            "description_sv",
            "title_en",
            "description_en",
            "occupation",
            "municipality",
            "street_address",
            "postal_code",
            "locality",
            "employment_type",
            "extent",
            "start_date",
            "pay_min",
            "pay_max",
            "pay_period",
            "swedish_level",
            "swedish_tasks",
            "english_level",
            "other_languages",
            "driving_licence",
            "car_required",
            "offers_permit_sponsorship",
            "offers_housing_help",
            "offers_moving_costs",
            "offers_partner_support",
            "offers_swedish_lessons",
            "apply_url",
            "apply_email",
            "deadline",
            "board_ad_id",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "description_sv": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
            "swedish_tasks": forms.Textarea(attrs={"rows": 3}),
        }

    #: The form in groups (a fieldset each), in the order an applicant reads an ad.
    FIELDSETS = [
        (_("The job"), ["title_sv", "description_sv", "title_en", "description_en", "occupation"]),
        (_("Workplace"), ["municipality", "street_address", "postal_code", "locality"]),
        (
            _("Employment and pay"),
            ["employment_type", "extent", "start_date", "pay_min", "pay_max", "pay_period"],
        ),
        (
            _("Languages and driving"),
            [
                "swedish_level",
                "swedish_tasks",
                "english_level",
                "other_languages",
                "driving_licence",
                "car_required",
            ],
        ),
        (
            _("What you offer for the move"),
            [
                "offers_permit_sponsorship",
                "offers_housing_help",
                "offers_moving_costs",
                "offers_partner_support",
                "offers_swedish_lessons",
            ],
        ),
        (_("How to apply"), ["apply_url", "apply_email", "deadline", "board_ad_id"]),
    ]

    def fieldsets(self) -> list[tuple[str, list]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["occupation"].widget
        widget.choices = occupation_choices(get_language() or "en")
        widget.search_texts = occupation_search_texts()
        widget.attrs.update(
            {
                "data-occupation-filter": "",
                "data-filter-label": _("Find an occupation"),
                "data-filter-help": _(
                    "Type part of the name or the code, for example nurse: the list "
                    "below shows only the occupations that match."
                ),
                "data-filter-status": _("Occupations shown: %(count)s"),
            }
        )
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        if self.instance.pk and self.instance.occupation_id:
            self.initial["occupation"] = self.instance.occupation.concept_id

    def clean_occupation(self) -> Occupation:
        current = self.instance.occupation if self.instance.occupation_id else None
        occupation = occupation_resolve(self.cleaned_data["occupation"], current=current)
        if occupation is None:
            raise ValidationError(_("Choose an occupation from the list."))
        return occupation

    def clean(self):
        data = super().clean()
        if not (
            (data.get("title_sv") and data.get("description_sv"))
            or (data.get("title_en") and data.get("description_en"))
        ):
            raise ValidationError(
                _("Write a title and a description in Swedish, in English, or in both.")
            )
        level = data.get("swedish_level")
        if level and level != Job.Level.NONE and not (data.get("swedish_tasks") or "").strip():
            self.add_error(
                "swedish_tasks", _("Say which tasks need Swedish, since you require it.")
            )
        pay_min, pay_max = data.get("pay_min"), data.get("pay_max")
        if pay_min is not None and pay_max is not None and pay_max < pay_min:
            self.add_error("pay_max", _("The top of the pay range is below its bottom."))
        if not (data.get("apply_url") or data.get("apply_email")):
            raise ValidationError(_("Give a link or an e-mail address for applications."))
        return data

    def job_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class JobFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All")), *Sector.choices], required=False
    )
    occupation = forms.TypedChoiceField(label=_("Occupation"), coerce=int, required=False)
    no_swedish = forms.BooleanField(label=_("No Swedish required"), required=False)
    relocation = forms.BooleanField(label=_("Help with relocation"), required=False)
    sponsorship = forms.BooleanField(label=_("Work-permit sponsorship"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = occupation_choices(get_language() or "en")
        choices[0] = ("", _("All"))
        self.fields["occupation"].choices = choices

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        occupation_id = data.pop("occupation", None)
        data["occupation"] = (
            Occupation.objects.filter(pk=occupation_id).first() if occupation_id else None
        )
        return data
