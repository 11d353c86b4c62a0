from django.urls import path  # noqa: F401 - patterns are added as the app grows

from relocation import enquiry_urls, guide_urls

app_name = "relocation"

urlpatterns: list = []
urlpatterns += guide_urls.urlpatterns
urlpatterns += enquiry_urls.urlpatterns
