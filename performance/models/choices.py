"""The vocabularies of performance indicators."""

from django.db import models


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Number"
    MONEY = "money", "Money (£)"
    DAYS = "days", "Days"
    HOURS = "hours", "Hours"
    ACHIEVE = "achieve", "Achieve or not (yes/no)"
    SCALE = "scale", "Rating scale (worded levels)"


# Activity indicators count or measure volumes; they are never yes/no or worded.
ACTIVITY_UNITS = (Unit.COUNT, Unit.MONEY, Unit.PERCENTAGE, Unit.DAYS, Unit.HOURS)


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly by financial year"
    ANNUAL = "annual", "Annually by financial year"
    ACADEMIC = "academic", "Annually by academic year"


class ValueStatus(models.TextChoices):
    """What a floor, target, outturn or benchmark cell says when it is not a number."""

    VALUE = "value", "A figure"
    BLANK = "blank", "Not stated"
    NEW = "new", "NEW"
    TBC = "tbc", "TBC"
    # A floor or target carried into next year's plan and waiting for the year's figure.
    TO_BE_SET = "to_be_set", "To be set"
    NOT_YET_AVAILABLE = "not_yet_available", "Not yet available"
    NONE_AVAILABLE = "none_available", "None available"
    NOT_APPLICABLE = "not_applicable", "N/A"
    UNKNOWN = "unknown", "?"


class PreviousBasis(models.TextChoices):
    OUTTURN = "outturn", "Outturn"
    FORECAST = "forecast", "Forecast"


class YearTotal(models.TextChoices):
    SUM = "sum", "Sum of the four quarters"
    LATEST = "latest", "Latest quarter (a running count or caseload)"


class PeriodKind(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    FINANCIAL_YEAR = "financial_year", "Financial year"
    ACADEMIC_YEAR = "academic_year", "Academic year"


class EntrySource(models.TextChoices):
    FORM = "form", "Period entry page"
    IMPORT = "import", "File import"
    COMMAND = "command", "import_actuals command"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Waiting for confirmation"
    COMMITTED = "committed", "Imported"
    CANCELLED = "cancelled", "Cancelled"
