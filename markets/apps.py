from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Target markets")

    def ready(self) -> None:
        from markets import privacy
        from portal.privacy import provider_register

        provider_register(privacy.MARKETS)

        from allauth.account.signals import user_signed_up

        from markets.receivers import remember_signup_campaign

        user_signed_up.connect(remember_signup_campaign, dispatch_uid="markets_signup_campaign")
