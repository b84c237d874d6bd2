"""Who may read and run committee meetings, agendas and packs (django-rules predicates).

Democratic services run the agenda; the full pack (with exempt items) is for members and
authorised officers only. Every role here is council-wide (``kcc_planning.roles``): none
depends on the meeting. Views ask ``user.has_perm("committees.<perm>", meeting)``.
"""

import rules

from kcc_planning.roles import is_administrator, is_committee_member, is_democratic_services, is_staff_reader

rules.add_perm("committees.view_meeting", is_staff_reader)
rules.add_perm("committees.manage_meeting", is_democratic_services | is_administrator)
# The Forward Plan, decision records and call-in are kept by democratic services too.
rules.add_perm("committees.manage_decisions", is_democratic_services | is_administrator)
rules.add_perm("committees.view_full_pack", is_committee_member | is_democratic_services | is_administrator)
