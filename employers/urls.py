from django.urls import path

from employers import feeds, views

app_name = "employers"

urlpatterns = [
    path("employers/", views.index, name="index"),
    path("employers/register/", views.register, name="register"),
    path("employers/ask/", views.enquiry_new, name="enquiry_new"),
    path("employers/account/", views.account, name="account"),
    path("employers/account/network/", views.network, name="network"),
    path("employers/account/readiness/", views.readiness, name="readiness"),
    path("employers/account/invite/", views.invite, name="invite"),
    path("employers/account/language/", views.email_language, name="email_language"),
    path(
        "employers/account/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("employers/account/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "employers/account/members/<int:pk>/make-admin/",
        views.member_make_admin,
        name="member_make_admin",
    ),
    path(
        "employers/account/training/<int:event_id>/",
        views.training_register,
        name="training_register",
    ),
    path("employers/invitations/<str:token>/", views.invitation, name="invitation"),
    path("employers/account/jobs/new/", views.job_edit, name="job_new"),
    path("employers/account/jobs/<int:pk>/", views.job_edit, name="job_edit"),
    path("employers/account/jobs/<int:pk>/publish/", views.job_publish, name="job_publish"),
    path("employers/account/jobs/<int:pk>/close/", views.job_close, name="job_close"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/feed.json", views.jobs_feed_json, name="jobs_feed_json"),
    path("jobs/feed.atom", feeds.JobsAtomFeed(), name="jobs_feed_atom"),
    path("jobs/<int:pk>/", views.job, name="job"),
]
