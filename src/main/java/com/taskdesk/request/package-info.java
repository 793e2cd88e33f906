/**
 * Bottom layer: what one request did ({@link com.taskdesk.request.RequestFigures}), noted where it
 * happens by the layers it passes through (db, http) and read by telemetry for the request's log
 * line.
 */
@MayUse
package com.taskdesk.request;

import com.taskdesk.MayUse;
