"""The typed environment readers in config/env.py fail loudly and name the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_first, env_int, env_list, env_optional, env_str

VAR = "IH_TEST_VARIABLE"


@pytest.fixture(autouse=True)
def _no_test_variable(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("False", False),
        ("no", False),
        ("off", False),
    ],
)
def test_env_bool_reads_the_usual_spellings_of_true_and_false(monkeypatch, raw, expected):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=not expected) is expected


def test_env_bool_refuses_a_typo_and_names_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "ture")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR}='ture' is not a boolean"):
        env_bool(VAR, default=False)


def test_env_bool_uses_the_default_when_the_variable_is_unset_or_blank(monkeypatch):
    assert env_bool(VAR, default=True) is True
    monkeypatch.setenv(VAR, "   ")
    assert env_bool(VAR, default=False) is False


def test_env_int_reads_an_integer(monkeypatch):
    monkeypatch.setenv(VAR, " 42 ")
    assert env_int(VAR, 1) == 42


def test_env_int_refuses_a_non_integer_and_names_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "ten")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR}='ten' is not an integer"):
        env_int(VAR, 1)


def test_env_int_refuses_a_value_below_its_minimum_and_names_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "-1")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR}=-1 must be at least 0"):
        env_int(VAR, 1, minimum=0)


def test_env_int_uses_the_default_when_unset():
    assert env_int(VAR, 7, minimum=1) == 7


def test_env_str_without_default_is_required_and_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} is required"):
        env_str(VAR)


def test_env_str_treats_a_blank_value_as_missing(monkeypatch):
    monkeypatch.setenv(VAR, "  ")
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_str(VAR)


def test_env_str_returns_the_default_when_unset():
    assert env_str(VAR, "fallback") == "fallback"


def test_env_optional_is_none_when_unset_and_the_value_when_set(monkeypatch):
    assert env_optional(VAR) is None
    monkeypatch.setenv(VAR, "postgres://db/ih")
    assert env_optional(VAR) == "postgres://db/ih"


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(VAR, "example.org, www.example.org,,")
    assert env_list(VAR) == ["example.org", "www.example.org"]


def test_env_list_without_default_is_required_and_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} is required"):
        env_list(VAR)


def test_env_list_refuses_a_value_with_only_commas(monkeypatch):
    monkeypatch.setenv(VAR, " , ,")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must list at least one value"):
        env_list(VAR)


def test_env_choice_refuses_a_value_outside_the_choices_and_names_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "prod")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR}='prod' must be one of"):
        env_choice(VAR, ["development", "production"], "development")


def test_env_choice_accepts_a_listed_value(monkeypatch):
    monkeypatch.setenv(VAR, "production")
    assert env_choice(VAR, ["development", "production"], "development") == "production"


def test_env_first_reads_the_first_variable_that_is_set(monkeypatch):
    other = VAR + "_FALLBACK"
    monkeypatch.setenv(other, "redis://fallback")
    monkeypatch.setenv(VAR, " ")
    assert env_first(VAR, other) == "redis://fallback"
    monkeypatch.setenv(VAR, "redis://specific")
    assert env_first(VAR, other) == "redis://specific"
    monkeypatch.delenv(other)
    monkeypatch.delenv(VAR)
    assert env_first(VAR, other) is None
