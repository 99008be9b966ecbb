from outreach.models import NewsItem


def urgent_alerts(request):
    """Urgent alerts for the banner on every page (cached; no query on most requests)."""
    return {"urgent_alerts": NewsItem.urgent_banners()}
