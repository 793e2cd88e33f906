package com.taskdesk.assistance;

import com.taskdesk.testing.NeedsPgBouncer;
import com.taskdesk.testing.ThroughPgBouncer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** AssistanceResourceTest's fixtures and exact answers, with the function behind PgBouncer (transaction mode). */
@QuarkusTest
@TestProfile(ThroughPgBouncer.class)
@NeedsPgBouncer
class AssistanceThroughPgBouncerTest extends AssistanceResourceTest {}
