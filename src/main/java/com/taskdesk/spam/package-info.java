/**
 * Feature (top layer): the spam functions (counts, mark, restore), their statements and answers.
 */
@MayUse({"config", "db", "function", "http"})
package com.taskdesk.spam;

import com.taskdesk.MayUse;
