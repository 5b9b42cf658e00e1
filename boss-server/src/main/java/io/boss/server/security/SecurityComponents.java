package io.boss.server.security;

/**
 * The parts of one replica's request checks, built by {@link SecuritySetup}.
 *
 * @param authenticationEnabled whether requests must authenticate; when false every caller is an admin
 * @param authenticator         finds the caller; null when authentication is off
 * @param authorizer            RBAC over the built-in and stored roles
 * @param nodeRestriction       narrows node agents to their own objects
 * @param isolationAdmission    checks pods and pod templates against isolation policies
 * @param rateLimiter           per-user request rate limit; null when off
 * @param watchLimiter          per-user open watch limit; null when off
 */
public record SecurityComponents(boolean authenticationEnabled, Authenticator authenticator, Authorizer authorizer,
                                 NodeRestriction nodeRestriction, IsolationAdmission isolationAdmission,
                                 RateLimiter rateLimiter, WatchLimiter watchLimiter) {
}
