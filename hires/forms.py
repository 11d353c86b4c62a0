from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from employers.forms import (
    OccupationSelect,
    occupation_choices,
    occupation_resolve,
    occupation_search_texts,
)
from employers.models import Employer, Job, Occupation
from portal.models import Municipality

#: A date input's value is ISO whatever the page's language.
ISO_DATE = "%Y-%m-%d"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ReferralForm(forms.Form):
    email = forms.EmailField(
        label=_("The new hire's e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The invitation goes here. You will not see anything the person adds later."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation and the portal"), choices=settings.LANGUAGES
    )
    occupation = forms.CharField(
        label=_("Occupation"),
        widget=OccupationSelect,
        help_text=_("The occupation in the national taxonomy (SSYK 2012)."),
        error_messages={"required": _("Choose an occupation from the list.")},
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality of the workplace"), queryset=Municipality.objects.order_by("name")
    )
    is_eu_citizen = forms.ChoiceField(
        label=_("Is the hire a citizen of the EU/EEA or Switzerland?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("A citizen of another country needs a work permit: the checklist is longer."),
    )
    partner_comes = forms.BooleanField(label=_("A partner comes along"), required=False)
    children_count = forms.IntegerField(
        label=_("Children who come along (optional)"), min_value=0, max_value=20, required=False
    )

    def __init__(self, *args, employer: Employer | None = None, **kwargs):
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
        if employer is not None and not self.is_bound:
            self.fields["municipality"].initial = employer.municipality_id
            self.fields["language"].initial = get_language()

    def clean_occupation(self) -> Occupation:
        occupation = occupation_resolve(self.cleaned_data["occupation"])
        if occupation is None:
            raise ValidationError(_("Choose an occupation from the list."))
        return occupation

    def referral_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["is_eu_citizen"] = data["is_eu_citizen"] == "yes"
        return data


class JobFactsForm(forms.Form):
    """What the checklist needs beyond the referral, kept up to date by the employer."""

    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        help_text=_("A new start date moves the due dates and the reminders."),
    )
    job = forms.ModelChoiceField(
        label=_("Your job ad for this hire (optional)"),
        queryset=Job.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    board_ad_id = forms.CharField(
        label=_("Platsbanken or EURES ad id"), max_length=40, required=False
    )
    offered_salary = forms.IntegerField(
        label=_("Monthly salary offered (SEK, optional)"), min_value=0, required=False
    )
    permit_end_date = forms.DateField(
        label=_("Work permit valid until (optional)"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        required=False,
    )
    expert_tax_applies = forms.BooleanField(
        label=_("The expert tax relief may apply"), required=False
    )

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = Job.objects.filter(employer=employer).order_by("-created_at")


class TickForm(forms.Form):
    step = forms.SlugField(max_length=40)
    done = forms.BooleanField(required=False)


class AcceptForm(forms.Form):
    followup_consent = forms.BooleanField(
        label=_("Yes, ask me at 3, 12 and 24 months how it is going"),
        required=False,
        help_text=_("A short e-mail each time. Your employer never sees your answers."),
    )
    partner_email = forms.EmailField(
        label=_("Your partner's e-mail address (optional)"),
        required=False,
        help_text=_("If your partner has an account here, they are asked too."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class CheckInForm(forms.Form):
    still_here = forms.ChoiceField(label=_("Still here?"), choices=YES_NO, widget=forms.RadioSelect)
    what_would_have_helped = forms.CharField(
        label=_("What would have helped?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
