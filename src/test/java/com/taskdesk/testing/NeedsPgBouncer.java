package com.taskdesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The test runs a real PgBouncer ({@link PgBouncerProcess}): Debian's pgbouncer package. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@NeedsDebianPackage(value = "pgbouncer", requiredBy = PgBouncerProcess.REQUIRED)
public @interface NeedsPgBouncer {}
