from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from . import models, word_templates


@admin.register(models.RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ["id", "subject_type", "subject_id", "status", "created_at", "finished_at"]
    list_filter = ["status", "subject_type"]
    readonly_fields = [f.name for f in models.RenderJob._meta.fields]

    def has_add_permission(self, request):
        return False


class WordTemplateForm(forms.ModelForm):
    """A new template: its name, the .docx (checked here, so a refusal shows next to the field) and whether to use
    it now. A saved template's file cannot be swapped: upload a new one instead, so each row keeps what it was."""

    upload = forms.FileField(
        label="Word template (.docx)",
        help_text="A Word document with the council's letterhead, fonts and styles (Heading 1 to 4, List Bullet, "
        "Table Grid, Caption). Its text is not used. No macros; smaller than 5 MB.",
    )

    class Meta:
        model = models.WordTemplate
        fields = ["name", "is_active"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > word_templates.MAX_BYTES:
            raise ValidationError(word_templates.TOO_BIG)
        data = upload.read()
        word_templates.template_check(data)
        self.upload_bytes = data
        return upload


@admin.register(models.WordTemplate)
class WordTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "original_name", "size", "uploaded_at", "uploaded_by"]
    readonly_fields = ["original_name", "size", "checksum", "uploaded_at", "uploaded_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = WordTemplateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "upload", "is_active"]
        return ["name", "is_active", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            word_templates.word_template_activate(template=obj, is_active=form.cleaned_data["is_active"])
            return
        created = word_templates.word_template_create(
            name=form.cleaned_data["name"],
            data=form.upload_bytes,
            original_name=form.cleaned_data["upload"].name,
            is_active=form.cleaned_data["is_active"],
            uploaded_by=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        word_templates.word_template_delete(template=obj)

    def delete_queryset(self, request, queryset):
        for template in queryset:
            word_templates.word_template_delete(template=template)
