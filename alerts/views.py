"""The alert pages: subscribe, "check your email", confirm, manage and unsubscribe.

None is kept by the shared cache (none is registered as a cached view) and each says so
(``never_cache``). The token pages answer a changing link with a POST button, so a mail
scanner that follows links confirms or unsubscribes nobody; the unsubscribe POST is also the
one-click unsubscribe of RFC 8058 that mail programs send without a session or CSRF token.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import operations, tokens
from alerts.forms import ManageForm, SubscribeForm
from alerts.models import Topic
from core import ratelimits

SUBSCRIPTIONS = ratelimits.Limit("alerts:subscribe", "ALERTS_SUBSCRIBE_RATE")


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        wanted = request.GET.get("topic", "")[:100]
        topics = list(Topic.objects.active().filter(slug=wanted).values_list("pk", flat=True))
        form = SubscribeForm(initial={"language": request.LANGUAGE_CODE, "topics": topics})
        return render(request, "alerts/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    if form.honeypot_filled():
        return redirect("alerts:check_email")  # looks like success to a bot; nothing sent
    if refusal := ratelimits.over_limit(request, SUBSCRIPTIONS):
        return refusal.render(request, "alerts/subscribe.html", {"form": form}, form=form)
    operations.subscribe(
        email=form.cleaned_data["email"],
        topics=form.cleaned_data["topics"],
        language=form.cleaned_data["language"],
    )
    return redirect("alerts:check_email")


@never_cache
def check_email(request):
    return render(request, "alerts/check_email.html")


def _subscriber(token: str, purpose: str):
    """The token's subscriber, or the page that refuses the link (expired or not valid)."""
    try:
        return tokens.subscriber_for(token, purpose), None
    except tokens.TokenExpired:
        expired = True
    except tokens.TokenInvalid:
        expired = False
    return None, {"expired": expired}


def _refused(request, context):
    return render(request, "alerts/link_invalid.html", context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber, refusal = _subscriber(token, tokens.CONFIRM)
    if subscriber is None:
        return _refused(request, refusal)
    if request.method == "POST":
        subscriber = operations.confirm(subscriber=subscriber)
        manage_url = tokens.url(subscriber, tokens.MANAGE, language=request.LANGUAGE_CODE)
        return render(
            request, "alerts/confirmed.html", {"subscriber": subscriber, "manage_url": manage_url}
        )
    return render(request, "alerts/confirm.html", {"subscriber": subscriber})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber, refusal = _subscriber(token, tokens.MANAGE)
    if subscriber is None:
        return _refused(request, refusal)
    context = {"subscriber": subscriber, "token": token}
    if request.method == "POST" and "leave" in request.POST:
        operations.unsubscribe(subscriber=subscriber)
        return _unsubscribed(request, subscriber)
    if request.method == "POST":
        form = ManageForm(request.POST)
        if not form.is_valid():
            return render(request, "alerts/manage.html", {**context, "form": form}, status=400)
        subscriber = operations.update_topics(
            subscriber=subscriber,
            topics=form.cleaned_data["topics"],
            language=form.cleaned_data["language"],
        )
        context.update(subscriber=subscriber, saved=True)
    form = ManageForm(
        initial={
            "topics": [topic.pk for topic in subscriber.topics.all()],
            "language": subscriber.language,
        }
    )
    return render(request, "alerts/manage.html", {**context, "form": form})


def _unsubscribed(request, subscriber):
    manage_url = tokens.url(subscriber, tokens.MANAGE, language=request.LANGUAGE_CODE)
    return render(request, "alerts/unsubscribed.html", {"manage_url": manage_url})


@csrf_exempt  # RFC 8058: the mail program posts with no session, cookie or token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber, refusal = _subscriber(token, tokens.UNSUBSCRIBE)
    if subscriber is None:
        return _refused(request, refusal)
    if request.method == "POST":
        operations.unsubscribe(subscriber=subscriber)  # a second time changes nothing
        return _unsubscribed(request, subscriber)
    return render(request, "alerts/unsubscribe.html", {"subscriber": subscriber})
