from django.contrib import admin

from . import models


@admin.register(models.RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ["id", "subject_type", "subject_id", "status", "created_at", "finished_at"]
    list_filter = ["status", "subject_type"]
    readonly_fields = [f.name for f in models.RenderJob._meta.fields]

    def has_add_permission(self, request):
        return False
