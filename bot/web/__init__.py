"""HTTP plumbing every route shares: errors as JSON, reading input, rate limits, CORS and
partners' origins, trusted proxies, operators' access, metrics."""
