"""What house checks add to other apps' pages (core.registry page sections).

"services:detail": a callout on the patrol service's page. It is rendered inside the service
page's cached fragment, so it reads nothing from the database: the service's slug only.
"""

SERVICE_SLUGS = frozenset({"patrol"})


def service_callout(service) -> dict:
    return {"show": getattr(service, "slug", "") in SERVICE_SLUGS}
