/**
 * Feature (top layer): GET /api/manager/agents, its statement and its answer.
 */
@MayUse({"config", "db", "function", "http"})
package com.taskdesk.agents;

import com.taskdesk.MayUse;
