from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.start, name="start"),
    path("where/", views.where_to_report, name="where"),
    path("start-again/", views.start_again, name="start_again"),
    # Eligibility questions (nothing stored) and their stop pages
    path("emergency/", views.question, {"key": "emergency"}, name="emergency"),
    path("emergency/call-911/", views.stop, {"reason": "emergency"}, name="stop_emergency"),
    path("in-cary/", views.question, {"key": "in_cary"}, name="in_cary"),
    path("in-cary/not-in-cary/", views.stop, {"reason": "not_in_cary"}, name="stop_not_in_cary"),
    path("suspect/", views.question, {"key": "suspect"}, name="suspect"),
    path("suspect/call-us/", views.stop, {"reason": "known_suspect"}, name="stop_known_suspect"),
    path("incident-type/", views.incident_type, name="incident_type"),
    path("incident-type/<slug:slug>/call-us/", views.stop_not_online, name="stop_not_online"),
    # Details, kept in the server-side draft
    path("when/", views.detail_step, {"key": "when"}, name="when"),
    path("location/", views.detail_step, {"key": "location"}, name="location"),
    path("what-happened/", views.detail_step, {"key": "what"}, name="what"),
    path("property/", views.property_step, name="property"),
    path(
        "person-and-vehicle/",
        views.detail_step,
        {"key": "suspect_vehicle"},
        name="suspect_vehicle",
    ),
    path("photos/", views.photos_step, name="photos"),
    path("about-you/", views.detail_step, {"key": "about_you"}, name="about_you"),
    path("check-your-answers/", views.check_answers, name="check"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("confirmation/copy/", views.report_copy, name="copy"),
    # After sending
    path("status/", views.status, name="status"),
    path("more-information/sent/", views.more_information_sent, name="more_information_sent"),
    path("more-information/<str:token>/", views.more_information, name="more_information"),
]
