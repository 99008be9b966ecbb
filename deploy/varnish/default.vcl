# The Varnish front of the Cary PD site (README "The front"). Varnish 7.1 with the xkey module
# from Debian's varnish-modules. It buffers uploads before they reach gunicorn, keeps the
# public pages the app marks "public" (core/http_cache.py), purges them by surrogate key, and
# serves a stale copy while the site answers errors. TLS ends in front of it (nginx, hitch).
vcl 4.1;

import directors;
import std;
import xkey;

# Liveness of each gunicorn server. /healthz touches neither the database nor the cache, so a
# database outage leaves the servers in rotation and the site answers its own 503 page.
probe site_alive {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}


# Who may purge: the app servers. Add the app hosts of your deployment here.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

# The TLS terminator on this host may say who the visitor is; nobody else may.
acl tls_terminators {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new site = directors.round_robin();
}

# backends.vcl declares the gunicorn servers and adds them to "site" in its own vcl_init (VCL
# runs every vcl_init in order): one file per deployment (deploy/varnish/backends-compose.vcl,
# or written by the tests), found through varnishd's -p vcl_path.
include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = site.backend();
    unset req.http.x-lookup;
    if (req.restarts == 0) {
        # Headers of this VCL's own, never taken from a client.
        unset req.http.x-serve-stale;
        unset req.http.x-cookie;
        # The visitor's address for rate limits (DJANGO_CLIENT_IP_META_KEY=HTTP_X_REAL_IP).
        if (!(client.ip ~ tls_terminators && req.http.x-real-ip)) {
            set req.http.x-real-ip = client.ip;
        }
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Hard purge: the pages are gone at once, no stale copy is served after a change.
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    # Refuse a body over the site's limit before reading it: 51 MB, five report photos of at
    # most 10 MB each (core/images.py) and the form. Then read the whole body here, at the
    # client's pace, so that gunicorn gets it at once.
    if (req.method == "POST" || req.method == "PUT") {
        if (std.integer(req.http.content-length, 0) > 53477376) {
            return (synth(413, "Request body too large"));
        }
        if (!std.cache_req_body(51MB)) {
            return (synth(413, "Request body too large"));
        }
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Staff and visitors with a session (a report draft, a sign-up just made, a message) always
    # get a fresh page. The CSRF cookie alone carries no state: it is kept for the app but not
    # used for the lookup.
    if (req.http.cookie ~ "(^|;\s*)(sessionid|messages)=" || req.url ~ "^/admin/") {
        return (pass);
    }
    if (req.http.cookie) {
        set req.http.x-cookie = req.http.cookie;
        unset req.http.cookie;
    }

    # The cache key (and what the app sees) keeps the query parameters the pages read, sorted:
    # /?x=1, /?utm_source=... and /news/?page=2&x=1 do not make copies of their own.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "(?<=[?&])(?!(?:page|p|q|category|kind|month|group|intent|change|add|topic)=)[^&]*(?:&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }

    # The page's language comes from its URL; Django still says "Vary: Accept-Language", so
    # keep one variant per primary language, not one per browser's header.
    if (req.http.accept-language) {
        set req.http.accept-language = std.tolower(
            regsub(req.http.accept-language, "^\s*([A-Za-z]{1,8}).*$", "\1"));
    }
    set req.http.x-lookup = "1";
    # A copy up to stale-while-revalidate old is served while a fresh one is fetched; older
    # ones (up to stale-if-error) only when the site answers an error (vcl_deliver).
    if (req.restarts > 0 && req.http.x-serve-stale) {
        set req.grace = 24h;
    } else {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_miss {
    # The restart after an error found no stale copy: answer the error, do not ask again.
    if (req.http.x-serve-stale) {
        return (synth(503, "Service Unavailable"));
    }
}

sub vcl_backend_fetch {
    if (bereq.http.x-cookie) {
        set bereq.http.cookie = bereq.http.x-cookie;
        unset bereq.http.x-cookie;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        # A failed background refresh keeps the stale copy in place. A failed lookup stores
        # nothing either (a new object would replace the stale copy): vcl_synth restarts the
        # request to serve that copy, or answers its own 503.
        if (bereq.is_bgfetch || !bereq.uncacheable) {
            return (abandon);
        }
        return (deliver);
    }
    # Only what the app marks public is kept, and never a response that sets a cookie.
    if (beresp.http.cache-control !~ "public" || beresp.http.set-cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Kept for stale-if-error (the app sends 86400): the restart in vcl_deliver serves it.
    set beresp.grace = 24h;
    # Compressed once here, served compressed to every browser that accepts it.
    if (beresp.http.content-type ~ "^(text/|application/(json|javascript|xml|rss\+xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
}

sub vcl_deliver {
    # The site answered an error for a page that may have a stale copy: look for it.
    if (resp.status >= 500 && req.restarts == 0 && req.http.x-lookup
        && req.url !~ "^/(readyz|healthz)") {
        set req.http.x-serve-stale = "1";
        return (restart);
    }
    # Whether the page came from the cache, for operators and the tests.
    if (obj.uncacheable) {
        set resp.http.x-cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
    # The keys are for this front only.
    unset resp.http.xkey;
    unset resp.http.x-varnish;
    unset resp.http.via;
    # Browsers revalidate (the app's max-age=0); the front's own age says nothing to them.
    unset resp.http.age;
}

sub vcl_synth {
    # The site answered an error for a page that may have a stale copy (vcl_backend_response).
    if (resp.status == 503 && req.restarts == 0 && req.http.x-lookup
        && req.url !~ "^/(readyz|healthz)") {
        set req.http.x-serve-stale = "1";
        return (restart);
    }
    if (req.method == "PURGE") {
        set resp.http.content-type = "text/plain; charset=utf-8";
        synthetic(resp.reason);
        return (deliver);
    }
    if (resp.status == 503) {
        set resp.http.retry-after = "30";
    }
    if (resp.status == 413 || resp.status == 503) {
        set resp.http.content-type = "text/html; charset=utf-8";
        set resp.http.cache-control = "no-store";
        if (resp.status == 413) {
            set req.http.x-message = "What you sent is larger than this site accepts (51 MB in all, 10 MB a photo). Please go back and send smaller photos.";
        } else {
            set req.http.x-message = "The site cannot answer just now. Please try again in a minute.";
        }
        synthetic({"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>"} + resp.reason +
            {" - Cary Police Department</title></head><body><main><h1>"} + resp.reason +
            {"</h1><p>"} + req.http.x-message +
            {"</p><p>In an emergency call 911. To reach an officer when it is not an emergency, call (919) 469-4012.</p></main></body></html>"});
        return (deliver);
    }
}

sub vcl_backend_error {
    # A background refresh that could not reach the site keeps the stale copy in place.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.retry-after = "30";
}
