"""The resident's pages around a reference number (core/references.py): the confirmation page,
shown once, and the status lookup. Used by the views of concerns, records, house checks and
feedback; each view keeps its own decorators (never_cache, sensitive_post_parameters...).

Privacy: the reference is never in a URL. After a form is sent, the new row's id (not its
reference) waits in the session for the confirmation page, which takes it out, so a reload or a
later visit finds nothing. The status lookup is a POST, and every lookup counts against the rate
limit, valid or not, found or not: guessing references is what it stops.
"""

from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_variables

from core import ratelimits


def remember_for_confirmation(request, session_key: str, submitted) -> None:
    """Keep ``submitted``'s id until its confirmation page shows it (``confirmation_page``)."""
    request.session[session_key] = submitted.pk


@sensitive_variables()
def confirmation_page(
    request, *, session_key: str, queryset, template: str, name: str, start_url: str
):
    """The confirmation page of what this session just sent, once; else back to the form.
    ``name`` is the template's name for the row ("concern")."""
    submitted_pk = request.session.pop(session_key, None)
    submitted = queryset.filter(pk=submitted_pk).first() if submitted_pk else None
    if submitted is None:
        return redirect(start_url)
    return render(request, template, {name: submitted})


@sensitive_variables()
def find_by_reference(form, queryset):
    """The row whose reference the lookup form holds; None for an invalid form, a bot's (the
    honeypot: it learns nothing) or a reference nobody has."""
    if not form.is_valid() or form.honeypot_filled():
        return None
    return queryset.filter(reference=form.cleaned_data["reference"]).first()


def refuse_lookup(request, refusal, *, form, template: str, name: str):
    """The status page over the rate limit: the lookup form again, with the message."""
    context = {"form": form, name: None, "not_found": False}
    return refusal.render(request, template, context, form=form)


@sensitive_variables()
def status_page(
    request,
    *,
    form_class,
    queryset,
    limit: ratelimits.Limit,
    template: str,
    name: str,
    extra_context=None,
):
    """The status page: the lookup form (GET), or what a POSTed reference finds. The template
    gets ``form``, the row as ``name`` (None: the form is shown) and ``not_found``, plus
    ``extra_context(row)`` when given (not on a refusal)."""
    form = form_class(request.POST if request.method == "POST" else None)
    found = None
    not_found = False
    if request.method == "POST":
        if refusal := ratelimits.over_limit(request, limit):
            return refuse_lookup(request, refusal, form=form, template=template, name=name)
        found = find_by_reference(form, queryset)
        not_found = form.is_valid() and found is None
    context = {"form": form, name: found, "not_found": not_found}
    if extra_context is not None:
        context.update(extra_context(found))
    return render(request, template, context)
