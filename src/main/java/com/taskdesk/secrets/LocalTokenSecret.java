package com.taskdesk.secrets;

/**
 * The token secret of a run that was given none. Only the local run and the tests have one
 * (com.taskdesk.local.LocalDemoSecret, in src/local, which function.zip never holds), so a
 * deployed function without JWT_SECRET or JWT_SECRET_ID has nothing to verify a token with.
 */
public interface LocalTokenSecret {

    String value();
}
