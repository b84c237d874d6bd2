"""Reads. Each selector owns its joins, so page, export and PDF query counts stay flat.

- ``registers``: the register list, one register, owners, priorities, units without a register;
- ``risks``: a register's risks rated and filtered, one risk's page and history, a plan's section E;
- ``heat_maps``: the 5×5 heat map.
"""

from .heat_maps import HeatCell, HeatMap, heat_map, register_heat_map
from .registers import (
    directorate_get,
    division_get,
    plan_register,
    register_base_queryset,
    register_get,
    register_list,
    register_owner_candidates,
    register_owner_groups,
    register_owners,
    register_priorities,
    register_risk_count,
    register_year,
    register_years,
    unit_registers_missing,
)
from .risks import (
    HistoryEntry,
    RiskEditRows,
    RiskFilters,
    filter_risks,
    plan_section_e_risks,
    rate_risk,
    register_risks,
    risk_detail,
    risk_edit_rows,
    risk_get,
    risk_history,
)

__all__ = [
    "HeatCell",
    "HeatMap",
    "HistoryEntry",
    "RiskEditRows",
    "RiskFilters",
    "directorate_get",
    "division_get",
    "filter_risks",
    "heat_map",
    "plan_register",
    "plan_section_e_risks",
    "rate_risk",
    "register_base_queryset",
    "register_get",
    "register_heat_map",
    "register_list",
    "register_owner_candidates",
    "register_owner_groups",
    "register_owners",
    "register_priorities",
    "register_risk_count",
    "register_risks",
    "register_year",
    "register_years",
    "risk_detail",
    "risk_edit_rows",
    "risk_get",
    "risk_history",
    "unit_registers_missing",
]
