/**
 * The SnapStart runtime hooks: prime the request path (a feature provides the {@link
 * com.taskdesk.snapstart.Priming}), close the pool and forget the secrets before the snapshot, open
 * them after a restore.
 */
@MayUse({"db", "secrets"})
package com.taskdesk.snapstart;

import com.taskdesk.MayUse;
