"""Section E frozen into a plan's snapshot: the register's risks as the committee saw them.

``plans`` keeps a snapshot's section E as plain JSON (see ``plans.extensions``): each risk with its
ratings (numbers, labels and band as they stood, so a later change of scales or bands does not
re-rate what was sent), its controls and its further actions. Thawing gives objects with the
attributes the section E templates read from a live, rated ``Risk``.
"""

from __future__ import annotations

from types import SimpleNamespace

from .scoring import BandInfo, Rating


class _Rows(list):
    """A list that answers ``.all()`` like the related managers the section E templates call."""

    def all(self):
        return self


def _freeze_rating(rating: Rating | None) -> dict | None:
    if rating is None:
        return None
    band = rating.band
    return {
        "likelihood": rating.likelihood,
        "impact": rating.impact,
        "likelihood_label": rating.likelihood_label,
        "impact_label": rating.impact_label,
        "band": {"name": band.name, "tone": band.tone, "lower": band.lower, "upper": band.upper},
    }


def _thaw_rating(values: dict | None) -> Rating | None:
    if values is None:
        return None
    return Rating(**{**values, "band": BandInfo(**values["band"])})


def section_e_freeze(risks: list) -> list[dict]:
    """The rated risks of ``plan_section_e_risks`` as JSON-able dicts, in the order shown."""
    return [
        {
            "key": f"risk:{risk.pk}",
            "id": risk.pk,
            "reference": risk.reference,
            "title": risk.title,
            "current_rating": _freeze_rating(risk.current_rating),
            "target_rating": _freeze_rating(risk.target_rating),
            "controls": [{"title": control.title, "owner": control.owner} for control in risk.controls.all()],
            "actions": [
                {"title": action.title, "owner": action.owner, "due_text": action.due_text, "done": action.done}
                for action in risk.actions.all()
            ],
        }
        for risk in risks
    ]


def section_e_thaw(frozen: list[dict]) -> list[SimpleNamespace]:
    """Frozen risks back as objects the section E templates show like live ones."""
    return [
        SimpleNamespace(
            pk=risk["id"],
            reference=risk["reference"],
            title=risk["title"],
            current_rating=_thaw_rating(risk["current_rating"]),
            target_rating=_thaw_rating(risk["target_rating"]),
            controls=_Rows(SimpleNamespace(**control) for control in risk["controls"]),
            actions=_Rows(SimpleNamespace(**action) for action in risk["actions"]),
        )
        for risk in frozen
    ]
