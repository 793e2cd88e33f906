package com.taskdesk.function;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a JAX-RS resource one Lambda function: its route is the resource's {@code @Path} and its one
 * {@code @GET} or {@code @POST} method; this says the rest. It is the only place a function is
 * declared: the budget tool (config/, the deploy files, the roles, events/) and every test that
 * needs "every function" read the list from these annotations (com.taskdesk.budget.config.Endpoint), and a
 * resource without one is refused there, so no route is served locally and never deployed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LambdaFunction {

    /** The function's name in config/, in TASKDESK_FUNCTION_NAME, in its logs and in the deploy files. */
    String name();

    /** Tables the function's statement reads (SELECT, also what an UPDATE's WHERE needs). */
    Table[] reads() default {};

    /** Tables it updates. */
    Table[] updates() default {};

    /** Tables it inserts into. */
    Table[] inserts() default {};

    /** The query string (without {@code ?}) of the sample request in events/ and the every-function tests. */
    String sampleQuery() default "";

    /** The JSON body of that sample request (POST only). */
    String sampleBody() default "";
}
