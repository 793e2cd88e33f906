package com.taskdesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test runs a program from a Debian package. Without it, the test is skipped with one line on
 * the build's output naming the package and how to install it; with {@link #requiredBy()} set in the
 * environment (.ci/run sets it after installing the package), a missing program fails the test
 * instead. Repeat it for each package; compose it into an annotation of its own for a group of tests
 * ({@link NeedsPgBouncer}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(NeedsDebianPackage.All.class)
@ExtendWith(DebianPackageCondition.class)
public @interface NeedsDebianPackage {

    /** The package's name, as apt-get installs it ("pgbouncer", "chromium-driver"). */
    String value();

    /** The program the test runs, looked for on PATH, then in /usr/sbin and /usr/bin; default: the package's name. */
    String program() default "";

    /** An environment variable that, when set, makes a missing program a failure ("TASKDESK_REQUIRE_PGBOUNCER"). */
    String requiredBy();

    /** Several packages on one test. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ExtendWith(DebianPackageCondition.class)
    @interface All {
        NeedsDebianPackage[] value();
    }
}
