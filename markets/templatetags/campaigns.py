"""``{% campaign_field %}``: the hidden form field that carries a campaign tag on;
``{% campaign_link url %}``: the URL with ``?campaign=`` added when there is one."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from markets.campaigns import CAMPAIGN_PARAM, campaign_of, campaign_query

register = template.Library()


@register.simple_tag(takes_context=True)
def campaign_field(context) -> str:
    request = context.get("request")
    campaign = campaign_of(request) if request is not None else None
    if not campaign:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', CAMPAIGN_PARAM, campaign)


@register.simple_tag(takes_context=True)
def campaign_link(context, url: str) -> str:
    request = context.get("request")
    query = campaign_query(campaign_of(request) if request is not None else None)
    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query}"
