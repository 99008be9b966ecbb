import re

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import fragments, ratelimits
from core.drafts import published_or_preview
from programs.forms import SignupForm
from programs.models import Program, SignUp, Tip
from programs.operations import SignupRefused, signup_create
from services.models import Service

DONE_SESSION_KEY = "programs:signup_done"

# Rate limits per client address (core/ratelimits.py; rates in settings). Each sign-up emails
# the address it names, so these keep the department from mailing strangers in bulk.
SIGNUPS = ratelimits.Limit("programs:signup", "PROGRAMS_SIGNUP_RATE")
WATCH_GROUP_REQUESTS = ratelimits.Limit("programs:watch_group", "PROGRAMS_WATCH_GROUP_RATE")
# Multiples of the card grid's 1, 2, 3 and 4 columns.
PROGRAMS_PER_PAGE = 24
TIPS_PER_PAGE = 24
WATCH_GROUP_INTENTS = {SignUp.Intent.JOIN_GROUP, SignUp.Intent.START_GROUP}

# Words that do not tell one street from another when looking up a watch group.
STREET_WORDS = {
    "road", "rd", "street", "st", "drive", "dr", "lane", "ln", "court", "ct", "avenue", "ave",
    "way", "circle", "cir", "place", "pl", "boulevard", "blvd", "trail", "trl", "parkway",
    "pkwy", "the", "and", "near", "cary", "north", "south", "east", "west",
}  # fmt: skip


def program_list(request):
    # The count of places taken groups the rows, and Django then leaves out Meta.ordering.
    programs = Program.objects.published().with_places_taken().order_by(*Program._meta.ordering)
    page = Paginator(programs, PROGRAMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "programs/program_list.html", {"programs": page.object_list, "page": page}
    )


def _program_for_page(request, slug: str) -> Program:
    # No places-taken annotation: grouping by every column of a translated model costs more
    # to compile than the one count places_left() runs, and only when the program has places.
    return published_or_preview(request, Program.objects.all(), slug=slug)


def _program_for_form(request, slug: str) -> Program:
    """The sign-up page's program, kept between renders of the form (core/fragments.py) until a
    save purges the programs' key: looking up a translated row costs more to compile than the
    rest of the page. A draft (staff only) and every POST are looked up afresh; an unknown slug
    is never kept (read() raises), so made-up addresses cannot fill the cache."""

    def read():
        return Program.objects.published().get(slug=slug)

    try:
        return fragments.render_fragment("program-row", [slug], read)
    except Program.DoesNotExist:
        return _program_for_page(request, slug)


def _keep_places_taken(program: Program) -> Program:
    """The sign-up form's counts of places taken and people waiting, kept between renders
    (core/fragments.py) until a sign-up or a save purges the program's key. signup_create counts
    again under a row lock, so kept figures never overbook; a POST (not collected) always counts
    afresh."""
    if program.capacity is not None:
        program.places_taken, program.waiting_count = fragments.render_fragment(
            "program-places", [program.pk], program.count_places
        )
    return program


def _initial_from_query(request, program: Program) -> dict:
    """Links from the watch-group finder preselect what the resident chose there."""
    if not program.has_watch_groups:
        return {}
    group = request.GET.get("group", "")
    if group.isdecimal():  # not isdigit(): it accepts "²", which int() refuses
        return {"intent": SignUp.Intent.JOIN_GROUP, "watch_group": int(group)}
    if request.GET.get("intent") in SignUp.Intent.values:
        return {"intent": request.GET["intent"]}
    return {}


def _remember_signup(
    request, program: Program, *, email: str, created: bool, intent: str = "", waiting=False
) -> None:
    request.session[DONE_SESSION_KEY] = {
        "program": program.pk,
        "email": email.strip(),
        "created": created,
        "intent": intent,  # what a watch-group request asked for: the page says it back
        "waiting": waiting,  # on the waiting list, not signed up
    }


@never_cache
@require_http_methods(["GET", "POST"])
def program_signup(request, slug: str):
    """The sign-up form, on a page of its own: it carries a CSRF token and is never cached."""
    program = _keep_places_taken(_program_for_form(request, slug))
    refusal = None
    if request.method == "POST":
        form = SignupForm(request.POST, program=program)
        if form.honeypot_filled():
            # A bot: answer exactly as for a person, but store and send nothing.
            _remember_signup(
                request,
                program,
                email=request.POST.get("email", ""),
                created=True,
                waiting=program.has_waiting_list(),
            )
            return redirect("programs:signup_done", slug=program.slug)
        if form.is_valid():
            data = form.cleaned_data
            joins = data.get("intent") in WATCH_GROUP_INTENTS
            limit = WATCH_GROUP_REQUESTS if joins else SIGNUPS
            if refusal := ratelimits.over_limit(request, limit):
                context = {"program": program, "form": form, "refusal": None}
                return refusal.render(request, "programs/signup.html", context, form=form)
            try:
                outcome = signup_create(
                    program=program,
                    name=data["name"],
                    email=data["email"],
                    consent=data["consent"],
                    phone=data["phone"],
                    neighborhood=data["neighborhood"],
                    message=data["message"],
                    intent=data.get("intent", ""),
                    watch_group=data.get("watch_group"),
                    language=request.LANGUAGE_CODE,
                )
            except SignupRefused as exc:
                refusal = exc.message
                program = _program_for_page(request, slug)  # fresh place count
            else:
                _remember_signup(
                    request,
                    program,
                    email=outcome.signup.email,
                    created=outcome.created,
                    intent=outcome.signup.intent,
                    waiting=outcome.waiting,
                )
                return redirect("programs:signup_done", slug=program.slug)
    else:
        form = SignupForm(program=program, initial=_initial_from_query(request, program))
    context = {"program": program, "form": form, "refusal": refusal}
    return render(request, "programs/signup.html", context, status=409 if refusal else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def program_detail(request, slug: str):
    """The public page: no form, no CSRF token, no cookie, so a shared cache can keep it."""
    if request.method == "POST":
        # A form rendered before sign-up had a page of its own still posts here.
        return program_signup(request, slug)
    program = _program_for_page(request, slug)
    # Lazy, not even built: read inside the page's fragment (core/fragments.py), only when its
    # content changed.
    context = {
        "program": program,
        "related_services": SimpleLazyObject(
            lambda: program.services.published().in_catalogue_order()
        ),
        "related_tips": SimpleLazyObject(lambda: program.tips.published()),
    }
    return render(request, "programs/program_detail.html", context)


@never_cache
def signup_done(request, slug: str):
    program = published_or_preview(request, Program.objects.all(), slug=slug)
    done = request.session.get(DONE_SESSION_KEY)
    if not done or done.get("program") != program.pk:
        return redirect(program)
    return render(request, "programs/signup_done.html", {"program": program, "done": done})


def _group_search_terms(query: str) -> list[str]:
    words = [word for word in re.split(r"[\s,.;:/]+", query.lower()) if word]
    terms = [word for word in words if len(word) >= 3 and word not in STREET_WORDS]
    return terms or ([query] if query else [])


def watch_groups(request, slug: str):
    program = published_or_preview(
        request, Program.objects.filter(has_watch_groups=True), slug=slug
    )
    # NUL characters can be typed into a URL but not compared by PostgreSQL.
    query = request.GET.get("q", "").replace("\x00", " ").strip()[:100]
    groups = program.watch_groups.filter(is_active=True).order_by("name")
    terms = _group_search_terms(query)
    if terms:
        matches = Q()
        for term in terms:
            matches |= Q(name__icontains=term) | Q(area__icontains=term)
        groups = groups.filter(matches)
    groups = list(groups)
    context = {
        "program": program,
        "query": query,
        "groups": groups,
        "any_samples": any(group.is_sample for group in groups),
    }
    return render(request, "programs/watch_groups.html", context)


def tip_list(request):
    category = request.GET.get("category", "")
    tips = Tip.objects.published()
    if category in Tip.Category.values:
        tips = tips.filter(category=category)
    else:
        category = ""
    categories = [{"value": "", "label": None, "is_current": category == ""}] + [
        {"value": value, "label": label, "is_current": category == value}
        for value, label in Tip.Category.choices
    ]
    page = Paginator(tips, TIPS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "tips": page.object_list,
        "page": page,
        "category": category,
        "category_label": Tip.Category(category).label if category else "",
        "categories": categories,
    }
    return render(request, "programs/tip_list.html", context)


def tip_detail(request, slug: str):
    tips = Tip.objects.prefetch_related(
        Prefetch("services", queryset=Service.objects.published().in_catalogue_order()),
        Prefetch("programs", queryset=Program.objects.published()),
    )
    tip = published_or_preview(request, tips, slug=slug)
    return render(request, "programs/tip_detail.html", {"tip": tip})
