"""Forms for the guide pages and the move plan (all input validation lives here)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from guides.models import Guide
from guides.selectors.guide_search import MAX_QUERY_LENGTH
from portal.models import Municipality, NewcomerProfile


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the guides"),
        required=False,
        max_length=MAX_QUERY_LENGTH * 5,
        strip=True,
    )


class MunicipalityChoiceForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("The whole county (no municipality chosen)"),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What could be better? (optional)"),
        help_text=_("Do not write personal details here. We cannot answer comments."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class SituationForm(forms.Form):
    """The situation a move plan is built from (GET preview and the profile form)."""

    citizenship = forms.ChoiceField(
        label=_("Citizenship"),
        choices=[("", _("Not sure yet")), *NewcomerProfile.Citizenship.choices],
        required=False,
    )
    has_partner = forms.BooleanField(label=_("I am moving with a partner"), required=False)
    children_count = forms.IntegerField(
        label=_("Number of children moving with you"), min_value=0, max_value=20, initial=0
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Not decided yet"),
    )
    works_in_healthcare = forms.BooleanField(
        label=_("I work in a health profession (for example nurse or doctor)"), required=False
    )
    starting_business = forms.BooleanField(
        label=_("I plan to start a business in Sweden"), required=False
    )
    coming_to_study = forms.BooleanField(label=_("I am coming to study"), required=False)


class ProfileSituationForm(SituationForm):
    planned_arrival = forms.DateField(
        label=_("Planned arrival (or the day you arrived)"),
        help_text=_("Format: YYYY-MM-DD. Leave empty if you do not know yet."),
        required=False,
        # a date input's value is always ISO, whatever the page's language
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TickForm(forms.Form):
    subject = forms.SlugField(max_length=80)
    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class GuideAdminForm(forms.ModelForm):
    """The admin's guide form, with the two translation-status controls."""

    minor_edit = forms.BooleanField(
        label=_("Minor edit"),
        required=False,
        help_text=_(
            "Tick for a correction that does not change the meaning (a typo, a link). "
            "Translations then stay up to date; otherwise a change of the Swedish text "
            "marks every other language outdated."
        ),
    )
    machine_translated = forms.MultipleChoiceField(
        label=_("Machine translated in this edit"),
        required=False,
        choices=[(code, name) for code, name in settings.LANGUAGES if code != "sv"],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages whose text you have just pasted from a machine translation."),
    )

    class Meta:
        model = Guide
        # The admin's fieldsets decide the fields (with each language's column).
        fields = [
            "title", "summary", "body", "subject", "slug", "topic", "municipality",
            "organisation", "audience", "stage", "applies_to", "published", "last_reviewed",
        ]  # fmt: skip
