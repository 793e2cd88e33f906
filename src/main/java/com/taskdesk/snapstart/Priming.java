package com.taskdesk.snapstart;

/**
 * What runs the request path once before the snapshot, so the classes a request needs are loaded
 * in it (the health feature's check with the database: com.taskdesk.health.HealthCheckPriming). It
 * never throws: priming that cannot complete leaves the loading to the first request.
 */
public interface Priming {

    void run();
}
