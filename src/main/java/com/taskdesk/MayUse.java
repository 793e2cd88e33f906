package com.taskdesk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a package's {@code package-info.java}: the other packages of ours its classes may use, by their
 * name under {@code com.taskdesk} ({@code "config"}, {@code "db"}, ...); none when empty. The packages
 * form layers, {@code config} at the bottom and the features (each one function's resource, its SQL
 * and its answer) at the top, and every use points down. PackageDependenciesTest reads these from
 * the compiled classes and fails on a use a package does not declare, and on any cycle.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface MayUse {

    /** Names of the packages under com.taskdesk this one may use. */
    String[] value() default {};
}
