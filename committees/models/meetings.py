"""Committees, their seats and their meetings (what the front sheet of an agenda prints)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

DECISION_NUMBER_VALIDATOR = RegexValidator(
    r"^\d{2}/\d{5}$", "Enter a decision number like 12/01971 (two digits, a slash, five digits)."
)

DEFAULT_WEBCAST_NOTICE = (
    "Please note: this meeting may be filmed for live or subsequent broadcast via the Council's internet site "
    "– at the start of the meeting the Chairman will confirm if all or part of the meeting is being filmed.\n\n"
    "By entering the meeting room you are consenting to being filmed and to the possible use of those images and "
    "sound recordings for webcasting and/or training purposes. If you do not wish to have your image captured "
    "then you should make the Clerk of the meeting aware."
)


class Committee(models.Model):
    """A Cabinet Committee (e.g. Policy and Resources Cabinet Committee)."""

    name = models.CharField(max_length=200, unique=True)
    size = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="Number of seats, e.g. 15."
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(size__gte=1), name="committee_size_positive")]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIRMAN = "chairman", "Chairman"
    VICE_CHAIRMAN = "vice_chairman", "Vice-Chairman"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"


class CommitteeMember(models.Model):
    """A seat on a committee: a named member of a party, or a party's vacancy."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    party = models.CharField(max_length=100)
    name = models.CharField(max_length=200, blank=True, help_text="As printed, e.g. 'Mr J R Bullock, MBE'.")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    vacant = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="committee_seats"
    )

    class Meta:
        ordering = ["committee", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(vacant=True, name="") | (models.Q(vacant=False) & ~models.Q(name=""))),
                name="committeemember_named_or_vacant",
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=models.Q(role="chairman"), name="committeemember_one_chairman"
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=models.Q(role="vice_chairman"),
                name="committeemember_one_vice_chairman",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.party} vacancy"


class Meeting(models.Model):
    """One meeting of a committee, with what the front sheet of its agenda prints."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    venue = models.CharField(max_length=300)
    clerk_name = models.CharField("Ask for", max_length=200)
    clerk_telephone = models.CharField("Telephone", max_length=40)
    refreshments_note = models.CharField(max_length=300, blank=True)
    webcast = models.BooleanField(default=True)
    webcast_notice = models.TextField(blank=True, default=DEFAULT_WEBCAST_NOTICE, validators=[MaxLengthValidator(3000)])
    signed_off_by = models.CharField(max_length=200, help_text="Head of Democratic Services.")
    signed_off_title = models.CharField(max_length=200, default="Head of Democratic Services")
    signed_off_telephone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "date", "start_time"], name="meeting_unique_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.date:%-d %B %Y}"
