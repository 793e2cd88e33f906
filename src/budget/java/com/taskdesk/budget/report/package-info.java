/**
 * What a person reads or runs: check's tables, the plan, the roles SQL, the recommended database
 * and pooler settings, the live comparison and the account's concurrency.
 */
@MayUse({"budget.check", "budget.config", "budget.render"})
package com.taskdesk.budget.report;

import com.taskdesk.MayUse;
