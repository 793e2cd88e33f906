/**
 * Part 1 (dbtime): the database time of one dashboard load, the functions' statements against the
 * original app's before and after its fix, and what each index costs the writes.
 */
@MayUse({"agents", "bench.harness", "dashboard", "db"})
package com.taskdesk.bench.dbtime;

import com.taskdesk.MayUse;
