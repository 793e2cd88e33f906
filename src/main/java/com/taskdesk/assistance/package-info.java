/**
 * Feature (top layer): GET /api/manager/assistance, its statement and its answer.
 */
@MayUse({"config", "db", "function", "http", "js"})
package com.taskdesk.assistance;

import com.taskdesk.MayUse;
