"""A publication's papers one by one, for the public meeting page (issue 15): each item's pages as a PDF and each
generated paper as an HTML page."""

from django.db import models

from .packs import PackBuild


class PublicPaperKind(models.TextChoices):
    ITEM_PDF = "pdf", "The item's papers as a PDF"
    PAPER_HTML = "html", "A generated paper as a web page"


class PublicPaper(models.Model):
    """One file made from a published build for the public side, in private storage with its checksum.

    An ``ITEM_PDF`` is an item's pages cut from the public pack, so its pages carry the pack's numbers
    (``first_page`` to ``last_page``). A ``PAPER_HTML`` is the HTML a generated paper (cover report or appendix)
    was printed from in that pack. Exempt items have neither: they are never made, so they cannot be served.
    """

    build = models.ForeignKey(PackBuild, on_delete=models.CASCADE, related_name="public_papers")
    number = models.CharField(max_length=8, help_text="The agenda item's number, as printed (B1).")
    kind = models.CharField(max_length=4, choices=PublicPaperKind.choices)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order of the paper within its item.")
    title = models.CharField(max_length=500)
    first_page = models.PositiveIntegerField()
    last_page = models.PositiveIntegerField()
    file_name = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["build", "first_page", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["build", "number", "kind", "position"], name="publicpaper_one_per_place"),
            models.CheckConstraint(condition=models.Q(first_page__lte=models.F("last_page")), name="publicpaper_pages"),
            models.CheckConstraint(
                condition=~models.Q(file_name="") & ~models.Q(checksum=""), name="publicpaper_stored"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title} ({self.get_kind_display()})"
