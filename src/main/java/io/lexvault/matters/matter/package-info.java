/**
 * The matters API and matter detail pages over the {@link io.lexvault.matters.Matters} facade; internal to
 * matters.
 */
@NullMarked
package io.lexvault.matters.matter;

import org.jspecify.annotations.NullMarked;
