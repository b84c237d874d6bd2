"""What every performance form shares: fields-only rendering and the GOV.UK error summary."""

from __future__ import annotations

from kcc_planning.forms import FieldsOnlyMixin, error_list

__all__ = ["FieldsOnlyMixin", "error_list"]
