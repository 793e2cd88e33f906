/**
 * The local run only: its embedded PostgreSQL, its demo token and the migration settings Flyway needs
 * there. Never used by a deployed function.
 */
@MayUse({"config", "http", "secrets"})
package com.taskdesk.local;

import com.taskdesk.MayUse;
