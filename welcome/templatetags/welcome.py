"""Template tags of the welcome pack: QR codes as inline SVG (segno), made locally."""

from __future__ import annotations

import segno
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(url: str, scale: int = 2) -> SafeString:
    """A QR code of ``url`` as inline SVG, hidden from assistive technology: the
    address is always printed next to it."""
    svg = segno.make(url, error="m").svg_inline(
        scale=scale, border=2, svgclass="qr", lineclass="qr-line", omitsize=True
    )
    # segno writes the SVG from the QR matrix alone (no text of ``url`` in it).
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308
