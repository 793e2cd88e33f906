/**
 * Feature (top layer): GET /api/health, and the same check as SnapStart's priming.
 */
@MayUse({"config", "db", "function", "http", "snapstart"})
package com.taskdesk.health;

import com.taskdesk.MayUse;
