from django.urls import path

from .views import dashboards, entry, exports, imports, indicators

app_name = "performance"

urlpatterns = [
    path("", dashboards.dashboard_list, name="dashboard_list"),
    path("plans/<int:plan_id>/", indicators.indicator_list, name="plan_indicators"),
    path("plans/<int:plan_id>/dashboard/", dashboards.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/dashboard/pdf/", dashboards.dashboard_pdf, name="dashboard_pdf"),
    path("plans/<int:plan_id>/kpis/new/", indicators.kpi_edit, name="kpi_create"),
    path("plans/<int:plan_id>/kpis/<int:kpi_id>/", indicators.kpi_edit, name="kpi_edit"),
    path("plans/<int:plan_id>/activity/new/", indicators.activity_edit, name="activity_create"),
    path("plans/<int:plan_id>/activity/<int:indicator_id>/", indicators.activity_edit, name="activity_edit"),
    path("plans/<int:plan_id>/actuals/", entry.entry_index, name="entry_index"),
    path("plans/<int:plan_id>/actuals/<str:period_code>/", entry.period_entry, name="period_entry"),
    path("plans/<int:plan_id>/import/", imports.import_upload, name="import_upload"),
    path("plans/<int:plan_id>/import/<int:import_id>/", imports.import_confirm, name="import_confirm"),
    path("plans/<int:plan_id>/export/kpis.csv", exports.export_kpis_csv, name="export_kpis_csv"),
    path("plans/<int:plan_id>/export/activity.csv", exports.export_activity_csv, name="export_activity_csv"),
    path("plans/<int:plan_id>/export/indicators.json", exports.export_json, name="export_json"),
]
