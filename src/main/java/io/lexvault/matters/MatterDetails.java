package io.lexvault.matters;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A matter's details as someone typed them, before {@link Matters} checks them. On opening, a missing
 * {@code number} is allocated from the firm's format and a missing {@code openedOn} (ISO date) is today;
 * on a change the number stays what it was. {@code responsibleAttorney} is a user of the firm.
 */
public record MatterDetails(
        @Nullable String number,
        @Nullable String title,
        @Nullable String description,
        @Nullable String practiceArea,
        @Nullable UUID responsibleAttorney,
        @Nullable String openedOn) {}
