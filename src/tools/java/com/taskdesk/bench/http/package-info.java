/**
 * Part 2 (http): a dashboard load over HTTP under concurrent clients, the functions' plain HTTP build
 * against the original app after its fix run as a server the same way.
 */
@MayUse({"bench.dbtime", "bench.harness", "testing"})
package com.taskdesk.bench.http;

import com.taskdesk.MayUse;
