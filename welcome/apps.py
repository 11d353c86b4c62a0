from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    """The welcome pack: a newcomer's first week, as a page, a PDF and a calendar.

    It holds nothing about a person: built PDFs are kept per language, municipality,
    situation and guide versions (``WelcomePackPdf``), so it has no privacy provider.
    """

    name = "welcome"
    verbose_name = _("Welcome pack")
