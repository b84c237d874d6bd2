"""What every performance form shares: fields-only rendering."""

from __future__ import annotations

from kcc_planning.forms import FieldsOnlyMixin

__all__ = ["FieldsOnlyMixin"]
