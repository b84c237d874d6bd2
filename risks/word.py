"""A risk register as a Word document: the same print HTML as its PDF, through the document pipeline's Word export."""

from documents import word

from .documents import build_register_html, register_filename
from .models import Register


def register_word_export() -> word.WordExport:
    """Registered from ``RisksConfig.ready``."""
    return word.register(
        word.WordExport(
            key="risk_register",
            model=Register,
            build_html=lambda register: build_register_html(register, {}),
            filename=lambda register: register_filename(register, {}),
            may_export=lambda user, register: user.has_perm("risks.render_register", register),
        )
    )
