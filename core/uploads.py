"""Upload progress: a form with files that static/js/site.js sends itself, by XMLHttpRequest, so
the page can show how much has gone (templates/includes/forms/upload_progress.html).

XMLHttpRequest follows a redirect on its own: the page would never learn where the form led,
and the next page's one-time message ("2 photos added.") would be spent on a page nobody sees.
So a redirect answering such a request (marked by the ``X-Upload-Progress: 1`` header) is sent
as ``{"redirect": url}`` with the redirect's cookies, and the script goes there itself. Any
other answer (a form with errors, 413, 429) is sent as it is, and the script shows it. Without
JavaScript the form posts as usual and none of this runs.
"""

from django.http import JsonResponse

HEADER = "HTTP_X_UPLOAD_PROGRESS"
REDIRECTS = {301, 302, 303, 307, 308}


class UploadProgressMiddleware:
    """Above the message and session middleware, so it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.META.get(HEADER) == "1"
            and response.status_code in REDIRECTS
        ):
            redirect = JsonResponse({"redirect": response["Location"]})
            redirect.cookies = response.cookies
            redirect["Cache-Control"] = "no-store"
            return redirect
        return response
