/**
 * Bottom layer: what a function is told, checked. Its own settings ({@link
 * com.taskdesk.config.DeskConfig}, taskdesk.*), its environment, the Prisma-style DATABASE_URL and
 * the DB_* budget variables resolved into connection settings ({@link
 * com.taskdesk.config.ConnectionSettings}), and how a setting it cannot run with stops it.
 */
@MayUse
package com.taskdesk.config;

import com.taskdesk.MayUse;
