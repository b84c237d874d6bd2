from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityActual, ActivityIndicator, ActualImport, Kpi, KpiActual, Period, Reminder


@admin.register(Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "description", "plan", "unit", "polarity", "frequency")
    list_filter = ("plan__directorate__plan_year", "unit", "polarity", "frequency")
    search_fields = ("reference", "description")
    list_select_related = ("plan__directorate__plan_year", "plan__division")
    raw_id_fields = ("plan", "owner")
    filter_horizontal = ("priorities",)


@admin.register(ActivityIndicator)
class ActivityIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "description", "plan", "unit", "year_total")
    list_filter = ("plan__directorate__plan_year", "unit")
    search_fields = ("reference", "description")
    list_select_related = ("plan__directorate__plan_year", "plan__division")
    raw_id_fields = ("plan", "owner")


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "starts_on", "ends_on")
    list_filter = ("kind",)
    # Periods are made from their codes by the services, so their dates always match the code.
    readonly_fields = ("code", "kind", "starts_on", "ends_on")

    def has_add_permission(self, request):
        return False


@admin.register(KpiActual)
class KpiActualAdmin(admin.ModelAdmin):
    list_display = ("kpi", "period", "value", "entered_by", "entered_at", "source")
    list_filter = ("source", "period__kind")
    list_select_related = ("kpi", "period", "entered_by")
    raw_id_fields = ("kpi", "period", "entered_by")


@admin.register(ActivityActual)
class ActivityActualAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period", "value", "entered_by", "entered_at", "source")
    list_filter = ("source",)
    list_select_related = ("indicator", "period", "entered_by")
    raw_id_fields = ("indicator", "period", "entered_by")


@admin.register(ActualImport)
class ActualImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "plan", "uploaded_by", "status", "row_count", "created_at")
    list_filter = ("status",)
    exclude = ("rows",)
    readonly_fields = ("plan", "uploaded_by", "file_name", "row_count", "status", "created_at", "committed_at")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("person", "period", "sent_at", "indicator_count")
    list_select_related = ("person", "period")
