/**
 * The pool and the one statement of each request ({@link com.taskdesk.db.Database}): the datasource
 * settings and credentials from DATABASE_URL, the pool's figures, its start-up line, its SnapStart
 * checkpoint, and how a JDBC failure is sorted.
 */
@MayUse({"config", "request", "secrets"})
package com.taskdesk.db;

import com.taskdesk.MayUse;
