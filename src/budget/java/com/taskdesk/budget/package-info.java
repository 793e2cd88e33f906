/**
 * The budget tool's command line ({@code ./budget check|plan|roles|render}), above the application
 * and never in function.zip: it reads arguments, calls one of the tool's layers and prints. Below
 * it, top to bottom: {@code report} (what a person reads or runs), {@code check} (the rules),
 * {@code render} (config/ in, deploy files out) and {@code config} (what config/ and the compiled
 * functions say).
 */
@MayUse({"budget.artifact", "budget.check", "budget.config", "budget.render", "budget.report", "budget.smoke", "config"
})
package com.taskdesk.budget;

import com.taskdesk.MayUse;
