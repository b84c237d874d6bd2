from django.urls import path

from .views import exports, registers, risks

app_name = "risks"

urlpatterns = [
    path("", registers.register_list, name="register_list"),
    path("start/", registers.register_start, name="register_start"),
    path("<int:register_id>/", registers.register_detail, name="register_detail"),
    path("<int:register_id>/heat-map/", registers.register_heatmap, name="register_heatmap"),
    path("<int:register_id>/risks/add/", risks.risk_create_view, name="risk_create"),
    path("<int:register_id>/export.csv", exports.register_export_csv, name="register_export_csv"),
    path("<int:register_id>/export.xlsx", exports.register_export_xlsx, name="register_export_xlsx"),
    path("<int:register_id>/pdf/", exports.register_pdf, name="register_pdf"),
    path("risk/<int:risk_id>/", risks.risk_detail_view, name="risk_detail"),
    path("risk/<int:risk_id>/edit/", risks.risk_edit, name="risk_edit"),
    path("risk/<int:risk_id>/review/", risks.risk_review, name="risk_review"),
    path("risk/<int:risk_id>/remove/", risks.risk_delete_view, name="risk_delete"),
]
