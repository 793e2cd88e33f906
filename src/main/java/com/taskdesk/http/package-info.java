/**
 * What every request passes on its way in and out: the browser origin check, JSON-only POSTs, cache
 * headers, and every failure as the contract's JSON error (a database or secret failure as 503 with
 * Retry-After).
 */
@MayUse({"config", "db", "request", "secrets"})
package com.taskdesk.http;

import com.taskdesk.MayUse;
