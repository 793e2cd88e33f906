/**
 * The game day ({@code exec:exec@gameday}): every function at prod's budget through a deploy and
 * production's faults, its ledger of acknowledged writes, its verdict and docs/gameday.md.
 */
@MayUse({
    "budget",
    "budget.check",
    "budget.config",
    "budget.render",
    "budget.report",
    "config",
    "db",
    "function",
    "http",
    "local",
    "reporting",
    "secrets",
    "spam",
    "testing"
})
package com.taskdesk.gameday;

import com.taskdesk.MayUse;
