/**
 * The request's log line and CloudWatch metrics line, written when its answer is ready from the
 * request's figures and the pool's.
 */
@MayUse({"config", "db", "request"})
package com.taskdesk.telemetry;

import com.taskdesk.MayUse;
