/**
 * What every benchmark stands on: a PostgreSQL with the data at a given size and each index migration,
 * the project's builds under target/bench, a manager token, percentiles.
 */
@MayUse({"local", "testing"})
package com.taskdesk.bench.harness;

import com.taskdesk.MayUse;
