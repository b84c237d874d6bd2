from django.conf import settings


def council(request):
    """Names shown in the page header and title of every page."""
    return {"council_name": settings.COUNCIL_NAME, "service_name": settings.SERVICE_NAME}
