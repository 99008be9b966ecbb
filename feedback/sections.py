"""The callout feedback adds to a service page (core.registry page section "services:detail"):
on the compliments-and-complaints service only. It reads nothing from the database, as it sits
in the service page's cached fragment."""

SERVICE_SLUGS = {"compliments-and-complaints"}


def service_callout(service) -> dict:
    return {"show": getattr(service, "slug", "") in SERVICE_SLUGS}
