"""Two admin site views, scoped like every other admin view.

Django's own versions answer for any object and any field:

* ``/admin/r/<content type>/<id>/`` ("view on site") redirects to the public URL of
  any object, which would disclose other organisations' enquiry references and
  unpublished event slugs. Here it answers 404 unless the object's own admin lets
  the user view it.
* ``/admin/autocomplete/`` fails with ``AttributeError`` for a reverse relation
  (``municipality.organisations``). Here it answers 403 unless the field is one of
  the source admin's ``autocomplete_fields`` (the only fields its widgets ask about;
  no inline uses autocomplete today; one that does must be allowed here too).

Both are mounted in ``config/urls.py`` in front of ``admin.site.urls`` and wrapped
in ``admin.site.admin_view`` (staff sign-in required).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse


def view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    """Redirect to the object's public page if the user may view it in the admin."""
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ValueError, ContentType.DoesNotExist) as exc:
        raise Http404 from exc
    model = content_type.model_class()
    if model is None:
        raise Http404
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered as exc:
        if request.user.is_superuser:
            return shortcut(request, content_type_id, object_id)
        raise Http404 from exc
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError) as exc:
        raise Http404 from exc
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)


def autocomplete(request: HttpRequest) -> HttpResponse:
    """Django's autocomplete, for the fields that are autocomplete fields."""
    try:
        source_model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        source_admin = admin.site.get_model_admin(source_model)
    except (KeyError, LookupError, ValueError, NotRegistered) as exc:
        raise PermissionDenied from exc
    if request.GET.get("field_name") not in source_admin.get_autocomplete_fields(request):
        raise PermissionDenied
    return admin.site.autocomplete_view(request)
