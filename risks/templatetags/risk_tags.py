"""Showing ratings, bands and movement the same way on every page: colour always with words.

Simple tags built with ``format_html`` rather than inclusion templates: a
register page shows three of them per risk, and 500 risks would otherwise mean
1,500 template renders. Every value is escaped by ``format_html``.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def rating_tag(rating, *, show_labels: bool = False, in_progress_text: str = "Risk assessment in progress"):
    if rating is None:
        return format_html('<span class="council-rating council-rating--none">{}</span>', in_progress_text)
    html = format_html(
        '<span class="council-rating"><span class="council-rating__score">{}</span> '
        '<strong class="council-band {}">{}</strong></span>',
        rating.score,
        rating.band.css_class,
        rating.band.name,
    )
    if show_labels:
        html += format_html(
            '<br><span class="govuk-body-s">{} × {}</span>', rating.likelihood_label, rating.impact_label
        )
    return html


@register.simple_tag
def movement_tag(movement):
    arrow = (
        format_html('<span class="council-movement__arrow" aria-hidden="true">{}</span> ', movement.arrow)
        if movement.arrow
        else ""
    )
    return format_html(
        '<span class="council-movement council-movement--{}">{}<span title="{}">{}</span>'
        '<span class="govuk-visually-hidden">: {}</span></span>',
        movement.kind,
        arrow,
        movement.text,
        movement.short_text,
        movement.text,
    )


@register.filter
def cell_references(cell, which: str) -> list[str]:
    return cell.current if which == "current" else cell.target
