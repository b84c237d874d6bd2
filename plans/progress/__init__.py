"""Progress on an approved plan through its year: reporting periods, updates, overdue milestones, reminders.

Reads are in ``selectors``, writes in ``services``; ``plans.periods`` works out the periods' dates.
"""
