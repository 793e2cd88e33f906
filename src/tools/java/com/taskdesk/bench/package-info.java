/**
 * The benchmarks' command ({@code exec:exec@benchmarks}): runs the parts below it and writes their
 * tables into docs/benchmarks.md and the README; also the secret read's cost ({@code exec:java@secret-cost}).
 */
@MayUse({
    "bench.coldstart",
    "bench.dbtime",
    "bench.harness",
    "bench.http",
    "bench.polls",
    "bench.sweep",
    "config",
    "reporting",
    "secrets",
    "testing"
})
package com.taskdesk.bench;

import com.taskdesk.MayUse;
