from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.PlanYear)
class PlanYearAdmin(admin.ModelAdmin):
    list_display = ["label", "start_year"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "email", "user"]
    search_fields = ["name", "job_title", "email"]
    autocomplete_fields = ["user"]


@admin.register(models.Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ["title", "plan_year", "cabinet_member"]
    list_filter = ["plan_year"]
    autocomplete_fields = ["cabinet_member", "continues"]
    search_fields = ["title"]


class DivisionInline(admin.TabularInline):
    model = models.Division
    fields = ["name", "head", "portfolio"]
    autocomplete_fields = ["head", "portfolio"]
    extra = 0


@admin.register(models.Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "plan_year", "corporate_director"]
    list_filter = ["plan_year"]
    search_fields = ["name"]
    autocomplete_fields = ["corporate_director", "leads", "continues"]
    inlines = [DivisionInline]


@admin.register(models.Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "directorate", "head", "portfolio"]
    list_filter = ["directorate__plan_year", "directorate"]
    search_fields = ["name"]
    autocomplete_fields = ["head", "portfolio", "officers", "continues"]


@admin.register(models.Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "updated_at"]
    list_filter = ["kind", "status", "directorate__plan_year"]
    readonly_fields = ["lock_version", "created_at", "updated_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that must not be changed by hand (audit, frozen snapshots, transitions)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor_name", "action", "plan", "subject"]
    list_filter = ["action"]
    search_fields = ["actor_name", "subject"]


@admin.register(models.PlanSnapshot)
class PlanSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "version", "taken_at", "taken_by"]
    list_filter = ["kind"]
    exclude = ["document"]


@admin.register(models.PlanTransition)
class PlanTransitionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "from_status", "to_status", "actor", "created_at", "decision_number"]
    list_filter = ["to_status"]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["snapshot", "section", "row_label", "author", "created_at", "addressed_at"]
    readonly_fields = ["snapshot", "section", "row_key", "row_label", "author", "body", "created_at"]


# Issue 12: an administrator may move a stored period's open and close dates; progress itself is recorded on the
# progress page (its rules and optimistic locking), so here it is read-only, with its history.
@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["plan", "code", "opens_on", "closes_on"]
    list_filter = ["kind", "plan__directorate__plan_year"]
    readonly_fields = ["plan", "code", "kind", "starts_on", "ends_on"]

    def has_add_permission(self, request):
        return False


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["__str__", "period", "status", "updated_by", "updated_at"]
    list_filter = ["status", "period__code"]
