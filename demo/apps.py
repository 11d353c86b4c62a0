from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and ``manage.py seed_demo``; holds no models."""

    name = "demo"
