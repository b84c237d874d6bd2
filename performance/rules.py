"""Who may do what with a plan's indicators (django-rules). Views ask ``user.has_perm(perm, plan)``.

Everyone signed in reads indicators, dashboards and exports. Those who may
edit a plan record its actuals and define its indicators: the officers of a
divisional plan's division, the leads of a directorate plan's directorate,
and administrators (the plan roles are decided in ``plans.rules``).
"""

import rules

from plans.rules import is_directorate_lead, is_directorate_plan, is_division_officer

may_record = rules.is_superuser | is_division_officer | (is_directorate_plan & is_directorate_lead)

rules.add_perm("performance.view_indicators", rules.is_authenticated)
rules.add_perm("performance.render_dashboard", rules.is_authenticated)
rules.add_perm("performance.enter_actuals", may_record)
rules.add_perm("performance.manage_indicators", may_record)
