package io.lexvault.web;

/**
 * A signed-in caller asked for something their permissions do not allow (answered 403). Published
 * so that the audit log records the attempt: a denied attempt is as telling as a successful one.
 *
 * @param path the handler's path pattern ({@code /admin/audit}), never the query string
 */
public record PermissionRefused(String permission, String method, String path) {}
