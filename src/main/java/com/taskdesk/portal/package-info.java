/**
 * Feature (top layer): the agent portal's polls (contract revision 3): its task list (GET
 * /api/agent/tasks), its completed column (GET /api/agent/completed-today) and its heartbeat (POST
 * /api/manager/users/heartbeat), each one function, their statements and answers.
 */
@MayUse({"config", "db", "function", "http", "js"})
package com.taskdesk.portal;

import com.taskdesk.MayUse;
