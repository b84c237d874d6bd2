"""Redirects for pages whose address changed when an app moved (bookmarks and emailed links keep working)."""

from django.http import HttpResponseRedirect


class _Moved(HttpResponseRedirect):
    """301 for reads; 308 for anything else, so a form posted to an old address is posted again, not dropped."""

    def __init__(self, location: str, *, method: str):
        super().__init__(location)
        self.status_code = 301 if method in {"GET", "HEAD"} else 308


def moved_to(new_prefix: str):
    """A view that sends ``<old prefix><rest>`` to ``<new_prefix><rest>``, keeping the query string."""

    def view(request, rest: str = ""):
        location = new_prefix + rest
        if request.META.get("QUERY_STRING"):
            location += "?" + request.META["QUERY_STRING"]
        return _Moved(location, method=request.method)

    return view
