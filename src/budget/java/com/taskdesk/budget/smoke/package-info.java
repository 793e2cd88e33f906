/**
 * A deployed stage's sample requests, signed in with a fresh short-lived token: the token
 * ({@code ./budget token}), events/ with it ({@code sam local invoke -e -}) and the smoke test
 * the pipeline runs through a stage's API. The secret comes from the environment and is never
 * printed; events/ itself carries no token.
 */
@MayUse({"budget.config"})
package com.taskdesk.budget.smoke;

import com.taskdesk.MayUse;
