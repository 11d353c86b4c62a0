"""URL patterns of the enquiry pages (namespace "enquiries", inside the language prefix)."""

from django.urls import path, re_path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("enquiries/new/", views.enquiry_new, name="enquiry_new"),
    path("enquiries/suggest/", views.enquiry_suggest, name="suggest"),
    path("enquiries/answered/", views.answered_by_guide, name="answered_by_guide"),
    path("enquiries/sent/", views.enquiry_sent, name="enquiry_sent"),
    path("enquiries/", views.my_enquiries, name="my_enquiries"),
    path("enquiries/my-data.json", views.my_data_export, name="my_data_export"),
    path("enquiries/delete-account/", views.account_delete, name="account_delete"),
    path("enquiries/account-deleted/", views.account_deleted, name="account_deleted"),
    re_path(
        r"^enquiries/(?P<reference>[0-9A-Za-z]{10})/$",
        views.enquiry_status,
        name="enquiry_status",
    ),
    re_path(
        r"^enquiries/(?P<reference>[0-9A-Za-z]{10})/new-link/$",
        views.enquiry_status_link_new,
        name="enquiry_status_link_new",
    ),
]
