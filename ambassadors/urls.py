from django.urls import path

from ambassadors import views

app_name = "ambassadors"

urlpatterns = [
    path("ambassadors/", views.index, name="index"),
    path("ambassadors/code-of-conduct/", views.code_of_conduct, name="code_of_conduct"),
    path("ambassadors/dashboard/", views.dashboard, name="dashboard"),
    path("ambassadors/profile/", views.profile, name="profile"),
    path(
        "ambassadors/offers/<int:pk>/accept/",
        views.offer_respond,
        {"answer": "accept"},
        name="offer_accept",
    ),
    path(
        "ambassadors/offers/<int:pk>/decline/",
        views.offer_respond,
        {"answer": "decline"},
        name="offer_decline",
    ),
    path("ambassadors/pause/", views.set_paused, {"paused": True}, name="pause"),
    path("ambassadors/resume/", views.set_paused, {"paused": False}, name="resume"),
    path("buddy/", views.buddy, name="buddy"),
    path("buddy/withdraw/", views.buddy_withdraw, name="buddy_withdraw"),
    path("buddy/matches/<int:pk>/", views.match_detail, name="match"),
    path("buddy/matches/<int:pk>/end/", views.match_end, name="match_end"),
    path("buddy/matches/<int:pk>/concern/", views.match_concern, name="match_concern"),
]
