"""The search page at /search/?q=: one search box, results grouped by kind (core/search.py)."""

from django.shortcuts import render

from core.search import MAX_QUERY_LENGTH, search_everything, search_sources


def search(request):
    # NUL characters can be typed into a URL but not stored or compared by PostgreSQL.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    groups = search_everything(query) if query else []
    context = {
        "query": query,
        "groups": groups,
        "result_count": sum(len(group.results) for group in groups),
        "kinds": [str(source.label) for source in search_sources()],
    }
    return render(request, "search/search.html", context)
