"""One module per group of routes; each stays thin: check, call the service, shape the JSON."""
