"""Who may read and edit risk registers (django-rules predicates).

The same roles as plans: a division's officers edit its register, directorate
leads edit the directorate register, administrators (``kcc_planning.roles``) edit
anything (and the corporate register, until a policy role exists). A register carries
``division`` and ``directorate`` like a plan, so the plan predicates apply.
Views ask ``user.has_perm("risks.change_register", register)``; nothing else checks roles.
"""

import rules

from kcc_planning.roles import is_administrator, is_staff_reader
from plans.rules import is_directorate_lead, is_division_officer

from .models import RegisterLevel


@rules.predicate
def is_directorate_register(user, register) -> bool:
    return register is not None and register.level == RegisterLevel.DIRECTORATE


may_edit_register = is_administrator | is_division_officer | (is_directorate_register & is_directorate_lead)

# Registers are read by every signed-in member of staff, as plans are.
rules.add_perm("risks.view_register", is_staff_reader)
rules.add_perm("risks.change_register", may_edit_register)
rules.add_perm("risks.render_register", is_staff_reader)
