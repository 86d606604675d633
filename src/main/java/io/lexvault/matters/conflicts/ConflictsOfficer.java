package io.lexvault.matters.conflicts;

/**
 * Someone to ask about a restricted hit: an active user of the firm holding {@code
 * conflicts.check.all}. The same list for every hit and every checker (it does not say who is
 * screened from what).
 */
record ConflictsOfficer(String name, String email) {}
