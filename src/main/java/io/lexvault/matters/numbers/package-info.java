/** The firm's matter number format, its per-firm counters and the pages that set it; internal to matters. */
@NullMarked
package io.lexvault.matters.numbers;

import org.jspecify.annotations.NullMarked;
