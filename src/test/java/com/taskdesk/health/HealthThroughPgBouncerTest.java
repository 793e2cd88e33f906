package com.taskdesk.health;

import com.taskdesk.testing.ThroughPgBouncer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIf;

/** HealthResourceTest's fixtures and exact answers, with the function behind PgBouncer (transaction mode). */
@QuarkusTest
@TestProfile(ThroughPgBouncer.class)
@EnabledIf("com.taskdesk.testing.PgBouncerProcess#installed")
class HealthThroughPgBouncerTest extends HealthResourceTest {}
