from django.urls import path

from outreach import feeds, views

app_name = "outreach"

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/past/", views.event_archive, name="event_archive"),
    path("events/feed.ics", views.event_feed, name="event_feed"),
    path(
        "events/registrations/cancel/<str:token>/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/register/", views.event_register, name="event_register"),
    path("events/<slug:slug>/registered/", views.event_registered, name="event_registered"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/<slug:slug>/", views.officer_detail, name="officer_detail"),
    path("k9/", views.k9_list, name="k9_list"),
    path("partners/", views.partner_list, name="partner_list"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/rss/", feeds.NewsRssFeed(), name="news_feed_rss"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news_feed_atom"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
]
