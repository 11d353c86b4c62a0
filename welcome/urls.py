"""URL patterns of the welcome pack (namespace "welcome"), under the language prefix."""

from django.urls import path

from welcome import views

app_name = "welcome"

urlpatterns = [
    path("my/welcome-pack/", views.pack_page, name="pack"),
    path("my/welcome-pack/welcome-pack.pdf", views.pack_pdf, name="pdf"),
    path("my/welcome-pack/first-week.ics", views.pack_ics, name="ics"),
]
