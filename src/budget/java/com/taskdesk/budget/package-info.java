/**
 * The budget tool, above the application and never in function.zip: it checks config/ and renders the
 * deploy files from it and from the application's functions.
 */
@MayUse({"config", "function", "http", "secrets", "telemetry"})
package com.taskdesk.budget;

import com.taskdesk.MayUse;
