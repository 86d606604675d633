/**
 * The one checker for text people type (names, titles, reasons, notes): every module refuses the same
 * hidden and direction-changing characters with the same sentences.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.lexvault.text;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
