package io.lexvault.matters;

/**
 * Someone to ask about a restricted hit: an active user of the firm holding {@code
 * conflicts.check.all}. The same list for every hit and every checker (it does not say who is
 * screened from what).
 */
public record ConflictsOfficer(String name, String email) {}
