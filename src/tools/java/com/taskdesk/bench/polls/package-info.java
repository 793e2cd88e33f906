/**
 * Part 6 (polls): the agent portal's, the Holds overview's and the assistance polls of contract
 * revision 3, the functions' one statement per call against the original app's Prisma statements,
 * per minute of polling at 50 agents.
 */
@MayUse({"assistance", "bench.harness", "holds", "portal"})
package com.taskdesk.bench.polls;

import com.taskdesk.MayUse;
