package com.taskdesk.function;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;

/**
 * Whether a function's endpoint checks a sign-in token: its resource is {@code @RolesAllowed} or
 * {@code @Authenticated}. Only those functions get the token secret (the deploy files give the others
 * neither its name nor the right to read it), and only they refuse to start without one.
 */
public final class SignIn {

    private SignIn() {}

    public static boolean required(Class<?> resource) {
        return resource.isAnnotationPresent(RolesAllowed.class) || resource.isAnnotationPresent(Authenticated.class);
    }
}
