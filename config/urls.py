from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from config import health
from config.sitemaps import SITEMAPS
from insights import views as insights_views
from portal import admin_views, views

# The admin login goes through allauth: its rate limits and MFA step apply to staff.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.healthz_ready, name="healthz_ready"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Scoped versions of two admin site views (see portal/admin_views.py), before
    # the admin's own URLs so they answer first.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_views.view_on_site),
    ),
    path("admin/autocomplete/", admin.site.admin_view(admin_views.autocomplete)),
    path("admin/", admin.site.urls),
    # The cookie-less guide view counter (insights/views.py), outside the language prefix.
    path(
        "seen/guide/<int:guide_id>/<str:language>.gif",
        insights_views.guide_seen,
        name="insights_guide_seen",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("", include("guides.urls")),
    path("", include("enquiries.urls")),
    path("", include("ambassadors.urls")),
    path("events/", include("events.urls")),
    path("", include("employers.urls")),
    path("", include("welcome.urls")),
    path("", include("hires.urls")),
    path("", include("markets.urls")),
    # Last: any other address ending in "/" (one without is first redirected to it),
    # except the admin's: LocaleMiddleware would send an admin 404 to /<lang>/admin/….
    re_path(r"^(?!admin/)(?P<path>.*/)$", views.not_found, name="not_found"),
    prefix_default_language=True,
)

handler400 = "portal.bad_input.bad_request"
handler500 = "portal.views.server_error"
