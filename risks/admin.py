"""Admin: the scales and bands a council may change, and registers for support staff.

Bands and labels are data: changing a band's limits here re-bands every risk
at once, because bands are worked out from the stored numbers on every read.
"""

from django.contrib import admin, messages

from .models import Band, Control, Register, Review, Risk, RiskAction, RiskOwner, ScaleLevel
from .scoring import Scales


@admin.register(ScaleLevel)
class ScaleLevelAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "label"]
    list_display_links = ["label"]
    list_filter = ["kind"]
    ordering = ["kind", "value"]


@admin.register(Band)
class BandAdmin(admin.ModelAdmin):
    list_display = ["name", "tone", "lower", "upper"]
    ordering = ["lower"]

    def changelist_view(self, request, extra_context=None):
        uncovered = Scales.load().uncovered_ratings()
        if uncovered:
            messages.warning(
                request,
                "No band covers these ratings, so risks rated at them show 'No band': "
                + ", ".join(str(rating) for rating in uncovered),
            )
        return super().changelist_view(request, extra_context)


class ControlInline(admin.TabularInline):
    model = Control
    extra = 0


class ActionInline(admin.TabularInline):
    """Read-only here: the risk's edit page parses the planned completion date into ``due_on``."""

    model = RiskAction
    extra = 0
    fields = ["title", "owner", "due_text", "due_on", "done"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class OwnerInline(admin.TabularInline):
    model = RiskOwner
    extra = 0
    autocomplete_fields = ["person"]


class ReviewInline(admin.TabularInline):
    """The history is a record: it is shown, never edited."""

    model = Review
    extra = 0
    fields = [
        "reviewed_on",
        "reviewer_name",
        "current_likelihood",
        "current_impact",
        "target_likelihood",
        "target_impact",
        "note",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "level", "plan_year", "as_at"]
    list_filter = ["level", "plan_year"]
    list_select_related = ["plan_year", "directorate__plan_year", "division__directorate__plan_year"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "register", "current_likelihood", "current_impact"]
    list_filter = ["register__level", "register__plan_year"]
    list_select_related = ["register__plan_year", "register__directorate__plan_year", "register__division"]
    search_fields = ["reference", "title"]
    inlines = [OwnerInline, ControlInline, ActionInline, ReviewInline]
    # Ratings change only through a recorded review (the risk's page), so the history stays complete.
    readonly_fields = ["current_likelihood", "current_impact", "target_likelihood", "target_impact"]
    filter_horizontal = ["priorities"]
