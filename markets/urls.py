from django.urls import path

from markets import views

app_name = "markets"

urlpatterns = [
    path("jobs/<int:pk>/apply/", views.job_apply, name="job_apply"),
]
