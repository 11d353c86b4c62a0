from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ambassadors.models import BuddyRequest, Interest, LanguageLevel, Sector
from portal.collation import sorted_for
from portal.forms import LongTextField
from portal.models import ANSWER_LANGUAGES, Municipality


class TelInput(forms.TextInput):
    input_type = "tel"


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the active language (a callable: Django
    reads it when the form is shown, not once when the module is imported)."""
    language = get_language() or settings.LANGUAGE_CODE
    return sorted_for(
        ((country.code, str(country.name)) for country in countries),
        language,
        key=lambda choice: choice[1],
    )


LEVEL_CHOICES = [("", _("I don't speak it")), *LanguageLevel.choices]
SECTOR_CHOICES = [("", _("No preference")), *Sector.choices]


class AmbassadorApplicationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        help_text=_("Your buddy will see your first name."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "dir": "auto"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality you live in"), queryset=Municipality.objects.order_by("name")
    )
    countries_lived_in = forms.MultipleChoiceField(
        label=_("Countries you have lived in"),
        choices=country_choices,
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    profession = forms.CharField(
        label=_("Profession"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    sector = forms.ChoiceField(label=_("Working sector"), choices=SECTOR_CHOICES, required=False)
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.TypedChoiceField(
        label=_("How many buddies can you have at a time?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=1,
    )
    availability = forms.CharField(
        label=_("When are you available?"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For example: weekday evenings and some weekends."),
    )
    bio = LongTextField(
        label=_("A short bio"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Staff read it when vetting your application. Your buddy does not see it."),
    )
    share_email = forms.BooleanField(
        label=_("Share my e-mail address with my buddy"), required=False, initial=True
    )
    phone = forms.CharField(
        label=_("Phone number to share with my buddy (optional)"),
        max_length=40,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    accepts_code_of_conduct = forms.BooleanField(
        label=_("I have read and accept the ambassador code of conduct"), required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in ANSWER_LANGUAGES:
            self.fields[f"language_{code}"] = forms.ChoiceField(
                label=name, choices=LEVEL_CHOICES, required=False
            )

    def language_fields(self):
        """(language code, bound field): the label is in that language."""
        return [(code, self[f"language_{code}"]) for code, _name in ANSWER_LANGUAGES]

    def other_fields(self):
        return [field for field in self if not field.name.startswith("language_")]

    def languages(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"language_{code}"]
            for code, _name in ANSWER_LANGUAGES
            if self.cleaned_data.get(f"language_{code}")
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.languages():
            self.add_error("language_sv", _("Choose a level for at least one language."))
        return cleaned


class AmbassadorProfileForm(AmbassadorApplicationForm):
    """What an ambassador may change later (the municipality and bio go through staff)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "municipality", "bio", "accepts_code_of_conduct"):
            del self.fields[name]


class BuddyRequestForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "dir": "auto"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=ANSWER_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your ambassador will speak at least one of them."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality you live in or are moving to"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Not decided yet"),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Your working sector"), choices=SECTOR_CHOICES, required=False
    )
    household = forms.ChoiceField(
        label=_("Who are you moving with?"), choices=BuddyRequest.Household.choices
    )
    help_with = LongTextField(
        label=_("What would you like help with?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Read only by staff to follow up; it is not shown to the ambassador."),
    )
    share_email = forms.BooleanField(
        label=_("Share my e-mail address with my ambassador"), required=False, initial=True
    )
    phone = forms.CharField(
        label=_("Phone number to share with my ambassador (optional)"),
        max_length=40,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my first name, my languages and the contact details I chose above "
            "are shared with the ambassador who accepts my request."
        ),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].widget.attrs.pop("required", None)


class MessageForm(forms.Form):
    body = LongTextField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class EndMatchForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        choices=[
            (5, _("Very good")),
            (4, pgettext_lazy("rating", "Good")),
            (3, _("All right")),
            (2, _("Not so good")),
            (1, _("Bad")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = LongTextField(
        label=_("Anything you would like to tell us? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Only staff read this."),
    )


class ConcernForm(forms.Form):
    description = LongTextField(
        label=_("What happened?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("Staff of the responsible organisation read this and will contact you."),
    )


def interface_language(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else "en"
