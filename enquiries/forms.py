"""Forms of the enquiry pages: they validate input, nothing else."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enquiries.models import Enquiry, RoutingRule
from guides.models import Topic
from portal.forms import LongTextField
from portal.models import ANSWER_LANGUAGES, Municipality


class EnquiryForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("What is your question about?"),
        queryset=Topic.objects.all(),
        empty_label=_("Choose a topic"),
        error_messages={"required": _("Choose the topic of your question.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Where are you moving?"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Not decided yet"),
        help_text=_("The municipality you live in or are moving to."),
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=ANSWER_LANGUAGES,
        help_text=_("We answer in this language whenever we can."),
    )
    message = LongTextField(
        label=_("Your question"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("Do not include your personal identity number or health details."),
        error_messages={"required": _("Write your question.")},
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,  # the model field's limit: one limit, checked here
        help_text=_("We send the answer and a link to follow your question here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter the e-mail address we should answer to.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that my question and e-mail address are processed to answer it."),
        error_messages={"required": _("We can only answer if you agree to the processing.")},
    )
    #: Honeypot: hidden from people (display: none), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    HONEYPOT = "website"

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy"),
            _("How we handle your personal data (privacy notice)"),
        )
        if not self.is_bound:
            self.fields["language"].initial = get_language()
            if user is not None and user.is_authenticated:
                self.fields["contact_email"].initial = user.email
                profile = getattr(user, "newcomer_profile", None)
                if profile is not None:
                    self.fields["municipality"].initial = profile.municipality_id
                    self.fields["language"].initial = profile.preferred_language

    @property
    def visible_fields_without_honeypot(self):
        return [field for field in self if field.name != self.HONEYPOT]

    def clean_website(self) -> str:
        value = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return value


class GuidePreviewForm(forms.Form):
    """'Show matching guides first': only what finding guides needs (the topic; the
    municipality and the text rank them). Contact details wait for sending."""

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        error_messages={"required": _("Choose the topic of your question.")},
    )
    municipality = forms.ModelChoiceField(queryset=Municipality.objects.all(), required=False)
    message = forms.CharField(required=False, max_length=5000)


def enquiry_form_kept(data, *, user=None) -> EnquiryForm:
    """An unbound enquiry form showing what was typed, without validating it."""
    fields = [name for name in EnquiryForm.base_fields if name != EnquiryForm.HONEYPOT]
    return EnquiryForm(initial={name: data.get(name) for name in fields if name in data}, user=user)


class NewcomerAnswerForm(forms.Form):
    body = LongTextField(
        label=_("Your answer"),
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        error_messages={"required": _("Write your answer.")},
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and anonymise my questions."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class RerouteForm(forms.Form):
    """The intermediate page of the admin's re-route action."""

    organisation = forms.ModelChoiceField(label=_("Re-route to"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StaffReplyFormMixin(forms.ModelForm):
    """Extra fields on the admin's change form: a reply and an internal note."""

    reply = forms.CharField(
        label=_("Reply to the newcomer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("E-mailed to the newcomer in their language and shown on their status page."),
    )
    written_in = forms.ChoiceField(
        label=_("Written in"),
        required=False,
        choices=[("", _("Not detected")), *ANSWER_LANGUAGES],
        help_text=_("Detected from the text. Correct it if it is wrong: the change is recorded."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Seen only by staff of the organisation."),
    )

    class Meta:
        model = Enquiry
        fields = ["assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["written_in"].initial = self.instance.detected_language


class RoutingRuleForm(forms.ModelForm):
    """A routing rule, checked against capture and ties.

    Staff outside the county desk route only enquiries of the municipalities their
    organisation covers (``covered``; None: the county desk, anywhere) and never take
    over another organisation's rule. Two organisations' active rules for the same
    enquiries never share a priority, so routing never falls back on id order.
    """

    #: Set by the admin per request: covered municipality ids, or None for anywhere.
    covered: frozenset[int] | None = None
    #: The organisations the editing user belongs to.
    own_organisation_ids: frozenset[int] = frozenset()

    class Meta:
        model = RoutingRule
        fields = [
            "audience",
            "topic",
            "municipality",
            "language",
            "organisation",
            "priority",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        municipality = data.get("municipality")
        if self.covered is not None and (
            municipality is None or municipality.pk not in self.covered
        ):
            self.add_error(
                "municipality",
                _(
                    "Only the county desk may route enquiries of a municipality "
                    "your organisation does not cover."
                ),
            )
            return data
        if not data.get("is_active", True):
            return data
        chosen = data.get("organisation")
        ours = (
            {chosen.pk}
            if chosen
            else set(self.own_organisation_ids) or {self.instance.organisation_id}
        )
        others = (
            RoutingRule.objects.filter(
                is_active=True,
                audience=data.get("audience", ""),
                topic=data.get("topic"),
                municipality=municipality,
                language=data.get("language", ""),
            )
            .exclude(pk=self.instance.pk)
            .exclude(organisation_id__in=ours)
        )
        if self.covered is not None and others.exists():
            raise forms.ValidationError(
                _(
                    "Another organisation already routes these enquiries. "
                    "Ask the county desk to change it."
                ),
                code="captured",
            )
        if others.filter(priority=data.get("priority")).exists():
            self.add_error(
                "priority",
                _(
                    "Another organisation has a rule for the same enquiries with this priority. "
                    "Choose another priority."
                ),
            )
        return data
