package com.taskdesk.budget.config;

/**
 * config/&lt;stage&gt;.yaml {@code edge}: the stage's API behind CloudFront with an AWS WAF web ACL
 * (render writes edge-&lt;stage&gt;.yaml, a stack in us-east-1, where a CLOUDFRONT-scope web ACL must
 * live). Requests without a token are refused there, and each client gets at most this many requests
 * a minute, before any reaches the gateway's route throttles, which every client shares. Needs the
 * stage's domain: CloudFront's origin, while the execute-api address is disabled.
 *
 * @param requestsPerClientPerMinute WAF's rate limit per client address, over its 60 s window (at least 10)
 */
public record EdgeConfig(Integer requestsPerClientPerMinute) {
    public EdgeConfig {
        ConfigSchema.range(
                "requestsPerClientPerMinute",
                ConfigSchema.required("requestsPerClientPerMinute", requestsPerClientPerMinute),
                10,
                2_000_000_000);
    }
}
