from django.urls import path

from hires import views

app_name = "hires"

urlpatterns = [
    path("employers/account/hires/", views.referral_list, name="list"),
    path("employers/account/hires/new/", views.referral_new, name="new"),
    path("employers/account/hires/<int:pk>/", views.referral_detail, name="detail"),
    path("employers/account/hires/<int:pk>/resend/", views.referral_resend, name="resend"),
    path("employers/account/hires/<int:pk>/steps/", views.step_tick, name="tick"),
    path("hires/invitation/", views.invitation, name="invitation"),
    path("hires/welcome/", views.welcome, name="welcome"),
    path("hires/check-in/", views.check_in, name="check_in"),
]
