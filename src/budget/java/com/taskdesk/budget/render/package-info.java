/**
 * config/ in, deploy files out: the SAM templates, serverless.yml, samconfig.toml, events/ and
 * front-door/, written from config/ and the application's functions, never read back.
 */
@MayUse({"budget.config", "config", "http", "secrets", "telemetry"})
package com.taskdesk.budget.render;

import com.taskdesk.MayUse;
