"""Showing ratings, bands and movement the same way on every page: colour always with words."""

from django import template

register = template.Library()


@register.inclusion_tag("risks/_rating.html")
def rating_tag(rating, *, show_labels: bool = False, in_progress_text: str = "Risk assessment in progress"):
    return {"rating": rating, "show_labels": show_labels, "in_progress_text": in_progress_text}


@register.inclusion_tag("risks/_movement.html")
def movement_tag(movement):
    return {"movement": movement}


@register.filter
def cell_references(cell, which: str) -> list[str]:
    return cell.current if which == "current" else cell.target
