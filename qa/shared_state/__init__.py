"""What replicas of the service share through Redis when QA_REDIS_URL is set: rate limits, cached
answers and the answers feedback names. Without it each process keeps its own (the default)."""
