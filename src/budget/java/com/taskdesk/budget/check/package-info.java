/**
 * The rules config/ must satisfy (the connection budget, timeouts, caps, the front door), the
 * instance planner, and what the tool reads of a live database or a deployed stack. Whether the
 * deploy files are current is checked by rendering them again, so this sits above render.
 */
@MayUse({"budget.config", "budget.render", "config"})
package com.taskdesk.budget.check;

import com.taskdesk.MayUse;
