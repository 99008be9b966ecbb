"""What outreach adds to other apps' pages (core.registry.register_page_section): a district's
upcoming meetings and events, and its latest news. One query each, whatever the district."""

from outreach.models import Event, NewsItem

DISTRICT_EVENTS = 3
DISTRICT_NEWS = 3


def district_meetings(district) -> dict:
    events = list(
        Event.objects.published().upcoming().filter(district=district).for_cards()[:DISTRICT_EVENTS]
    )
    return {"district": district, "events": events}


def district_news(district) -> dict:
    news = list(
        NewsItem.objects.published()
        .filter(district=district)
        .only("slug", "title", "kind", "summary", "published_at")[:DISTRICT_NEWS]
    )
    return {"district": district, "news": news}
