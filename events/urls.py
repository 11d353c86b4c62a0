from django.urls import path

from events import views as views_events

app_name = "events"

urlpatterns = [
    path("", views_events.event_list, name="list"),
    path("events.ics", views_events.event_list_ical, name="list_ical"),
    path("<slug:slug>/", views_events.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views_events.event_ical, name="ical"),
    path("<slug:slug>/register/", views_events.event_register, name="register"),
    path("<slug:slug>/cancel/", views_events.event_cancel, name="cancel"),
]
