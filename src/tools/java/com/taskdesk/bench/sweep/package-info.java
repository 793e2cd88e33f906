/**
 * Part 3 (sweep): simulated Lambda instances against stage prod's database, where each configuration
 * starts failing; its tables and plot.
 */
@MayUse({"bench.harness", "budget.config", "local", "reporting", "testing"})
package com.taskdesk.bench.sweep;

import com.taskdesk.MayUse;
