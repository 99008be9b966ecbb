# The gunicorn servers of compose.yaml (services web and web2), for deploy/varnish/default.vcl.
backend web1 { .host = "web"; .port = "8000"; .probe = site_alive; .connect_timeout = 1s; .first_byte_timeout = 30s; }
backend web2 { .host = "web2"; .port = "8000"; .probe = site_alive; .connect_timeout = 1s; .first_byte_timeout = 30s; }

sub vcl_init {
    site.add_backend(web1);
    site.add_backend(web2);
}
