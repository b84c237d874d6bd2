"""Who may do what with a plan's indicators (django-rules). Views ask ``user.has_perm(perm, plan)``.

Everyone signed in reads indicators, dashboards and exports. Those who may
edit a plan record its actuals and define its indicators: the officers of a
divisional plan's division, the leads of a directorate plan's directorate,
and administrators (the plan roles are decided in ``plans.rules``, the council-wide
ones in ``kcc_planning.roles``). Unlike editing the plan, recording goes on whatever
the plan's approval state: actuals arrive all year.
"""

import rules

from kcc_planning.roles import is_administrator, is_staff_reader
from plans.rules import is_plan_author

may_record = is_administrator | is_plan_author

rules.add_perm("performance.view_indicators", is_staff_reader)
rules.add_perm("performance.render_dashboard", is_staff_reader)
rules.add_perm("performance.enter_actuals", may_record)
rules.add_perm("performance.manage_indicators", may_record)
