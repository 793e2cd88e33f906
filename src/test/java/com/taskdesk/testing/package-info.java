/**
 * What the tests and the tools (benchmarks, game day) share: fixtures and the schema, tokens, the
 * servers and programs they start (PgBouncer, Next.js, nginx, function.zip), simulated functions.
 */
@MayUse({"budget.check", "budget.config", "budget.render", "budget.report", "config", "local"})
package com.taskdesk.testing;

import com.taskdesk.MayUse;
