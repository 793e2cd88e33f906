/**
 * Token verification: the task desk's HS256 tokens checked against the current token secret.
 */
@MayUse({"secrets"})
package com.taskdesk.auth;

import com.taskdesk.MayUse;
