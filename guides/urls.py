"""URL patterns of the guide library, search and the move plan (namespace "guides")."""

from django.urls import path

from guides.views import guides, moveplan

app_name = "guides"

urlpatterns = [
    path("guides/", guides.guides_index, name="guides"),
    path("guides/municipality/", guides.choose_municipality, name="choose_municipality"),
    path("guides/<slug:topic>/", guides.topic_detail, name="topic"),
    path("guides/<slug:topic>/<slug:guide>/", guides.guide_detail, name="guide"),
    path(
        "guides/<slug:topic>/<slug:guide>/feedback/",
        guides.guide_feedback,
        name="guide_feedback",
    ),
    path("municipalities/<slug:slug>/", guides.municipality_detail, name="municipality"),
    path("search/", guides.search, name="search"),
    path("my/", moveplan.my_page, name="my"),
    path("my/plan/steps/", moveplan.tick_step, name="plan_tick"),
    path("my/situation/", moveplan.edit_situation, name="situation"),
    path("my/plan/preview/", moveplan.plan_preview, name="plan_preview"),
]
