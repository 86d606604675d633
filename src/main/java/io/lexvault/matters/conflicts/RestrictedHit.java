package io.lexvault.matters.conflicts;

/**
 * A searched name matched something on a matter an ethical wall screens the checker from. All they
 * learn is that, and whom to ask ({@link ConflictCheck#conflictsOfficers()}): not the matter's number,
 * nor whether a client or a party matched, nor the role, nor how alike the names are, nor how many
 * matters. At most one per searched name ({@code term}, counting from 1, and the name as searched).
 */
record RestrictedHit(int term, String searched) {}
