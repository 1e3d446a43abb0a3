"""The HTTP service: `qa.api.app.create_app` builds it; `routes/` holds one module per group
of routes, `deps.py` what they are given, `schemas.py` what they accept and return, and
`limits.py` and `observability.py` the middleware around them."""
