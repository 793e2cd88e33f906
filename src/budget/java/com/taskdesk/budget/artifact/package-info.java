/**
 * What builds function.zip, and the name the pipeline stores one build under: a digest of its
 * inputs, so a change that cannot change the zip (config/, docs, the tool) reuses the stored one.
 */
@MayUse({})
package com.taskdesk.budget.artifact;

import com.taskdesk.MayUse;
