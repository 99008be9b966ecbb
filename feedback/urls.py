from django.urls import path  # noqa: F401 (the app's pages come next)

app_name = "feedback"

urlpatterns = []
