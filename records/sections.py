"""What records add to a service's page (core.registry page sections, "services:detail"): a
callout to request a copy online on the records service. No query: the page keeps its aside
in a cached fragment."""

SERVICE_SLUGS = frozenset({"records"})


def service_callout(service) -> dict:
    return {"show": getattr(service, "slug", "") in SERVICE_SLUGS}
