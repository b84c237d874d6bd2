"""Fetching a register or risk for a request, with the object-level permission check."""

from kcc_planning.access import object_for

from ..models import Register, Risk
from ..selectors import register_get, risk_get


def register_for(request, register_id: int, perm: str) -> Register:
    """The register, or 404 if there is none; 403 if the user may not ``perm`` it."""
    return object_for(
        request, fetch=lambda: register_get(register_id=register_id), perm=perm, missing="No such register"
    )


def risk_for(request, risk_id: int, perm: str) -> Risk:
    """The risk, or 404; 403 if the user may not ``perm`` its register."""
    return object_for(
        request,
        fetch=lambda: risk_get(risk_id=risk_id),
        perm=perm,
        missing="No such risk",
        checked_on=lambda risk: risk.register,
    )
