/**
 * Parts of a cold function's first request done while it starts instead: the token check, the
 * metrics line and the first statement's classes, without the token secret or a connection.
 */
@MayUse({"auth", "db", "telemetry"})
package com.taskdesk.warmup;

import com.taskdesk.MayUse;
