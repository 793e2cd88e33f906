package com.taskdesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test runs the front door's real path ({@link HeadlessChromium}, {@link NetlifyStandIn},
 * {@link NextJsApp}): Debian's chromium, chromium-driver and nginx-light, and node with npm (the
 * Next.js packages themselves: {@link BrowserPath#nextJsInstalled()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@NeedsDebianPackage(value = "chromium", requiredBy = BrowserPath.REQUIRED)
@NeedsDebianPackage(value = "chromium-driver", program = "chromedriver", requiredBy = BrowserPath.REQUIRED)
@NeedsDebianPackage(value = "nginx-light", program = "nginx", requiredBy = BrowserPath.REQUIRED)
@NeedsDebianPackage(value = "nodejs", program = "node", requiredBy = BrowserPath.REQUIRED)
@NeedsDebianPackage(value = "npm", requiredBy = BrowserPath.REQUIRED)
public @interface NeedsBrowserPath {}
