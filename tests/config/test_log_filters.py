"""Refused requests (403) are logged as one INFO line each, never a traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from config.log_filters import RefusedRequestFilter

pytestmark = pytest.mark.django_db


def records_for(caplog, path):
    return [record for record in caplog.records if path in record.getMessage()]


def test_a_permission_denied_is_one_info_line_without_a_traceback(
    client, caplog, staff_of_ostersund
):
    client.force_login(staff_of_ostersund)
    path = reverse("admin:portal_organisation_add")
    with caplog.at_level(logging.INFO):
        assert client.get(path).status_code == 403
    (record,) = records_for(caplog, path)
    assert record.name == "django.request"
    assert record.levelno == logging.INFO
    assert record.exc_info is None
    assert caplog.text.count("\n") == len(caplog.records)  # one line per record
    assert "Traceback" not in caplog.text


def test_a_failed_csrf_check_is_one_info_line(caplog, are):
    browser = Client(enforce_csrf_checks=True)
    path = reverse("enquiries:enquiry_new")
    with caplog.at_level(logging.INFO):
        assert browser.post(path, {"message": "hello"}).status_code == 403
    (record,) = records_for(caplog, path)
    assert record.name == "django.security.csrf"
    assert record.levelno == logging.INFO
    assert "CSRF" in record.getMessage()


def test_refused_requests_are_not_logged_when_the_level_is_warning(
    client, caplog, staff_of_ostersund
):
    client.force_login(staff_of_ostersund)
    with caplog.at_level(logging.WARNING):
        assert client.get(reverse("admin:portal_organisation_add")).status_code == 403
    assert caplog.records == []


def test_other_errors_keep_their_level_and_traceback():
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), None
    )
    record.status_code = 500
    record.exc_info = (RuntimeError, RuntimeError("boom"), None)
    assert RefusedRequestFilter().filter(record)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
