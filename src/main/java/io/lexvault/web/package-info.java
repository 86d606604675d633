/** The HTTP edge shared by every module: security headers, the filter chain, layout and error pages. */
@NullMarked
@ApplicationModule(allowedDependencies = {"text"})
package io.lexvault.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
