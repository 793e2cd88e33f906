/**
 * Part 4 (coldstart): function.zip under the Lambda runtime client against a bare Quarkus app, cold
 * start to the first 200 and resident memory.
 */
@MayUse({"bench.harness", "testing"})
package com.taskdesk.bench.coldstart;

import com.taskdesk.MayUse;
