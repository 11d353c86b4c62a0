"""Form pieces shared by the apps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

#: The server's answer to a text over the limit: what was typed stays in the form.
TOO_LONG = _(
    "Too long: %(show_value)d of at most %(limit_value)d characters. "
    "Please shorten it – your text is kept here."
)


class LongTextField(forms.CharField):
    """A text area with a length limit that never cuts a pasted text silently.

    A ``maxlength`` attribute makes the browser drop whatever goes past the limit
    without a word. This field leaves it out and writes the limit in
    ``data-maxlength`` instead, for the live counter (``portal/js/char-counter.js``);
    the server refuses a text over the limit with ``TOO_LONG`` and the form shows the
    text again."""

    widget = forms.Textarea

    def __init__(self, *args, **kwargs):
        error_messages = {"max_length": TOO_LONG} | kwargs.pop("error_messages", {})
        super().__init__(*args, error_messages=error_messages, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        limit = attrs.pop("maxlength", None)
        if limit is not None:
            attrs["data-maxlength"] = limit
            # Lazy: rendered in the reader's language. {count} and {max} are filled in
            # by the script.
            attrs["data-counter"] = _("Characters: {count} of {max}")
            attrs["data-counter-over"] = _(
                "Too long: {count} of at most {max} characters. Please shorten it."
            )
        return attrs
