/**
 * The function's two secrets, each from its plain variable or from Secrets Manager, read at their
 * first use and forgotten before a SnapStart snapshot; what a usable value of each is.
 */
@MayUse({"config", "function"})
package com.taskdesk.secrets;

import com.taskdesk.MayUse;
