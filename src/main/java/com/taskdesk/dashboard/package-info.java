/**
 * Feature (top layer): the dashboard's functions (agent progress, Text Club metrics), their
 * statements and answers.
 */
@MayUse({"config", "db", "function", "http"})
package com.taskdesk.dashboard;

import com.taskdesk.MayUse;
