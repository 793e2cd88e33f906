/**
 * Feature (top layer): the Holds overview's functions (queues and agents), their statements and
 * answers.
 */
@MayUse({"config", "db", "function", "http", "js"})
package com.taskdesk.holds;

import com.taskdesk.MayUse;
