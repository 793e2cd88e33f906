/**
 * What the benchmarks and the game day write into docs/: a Markdown file's generated sections, the
 * plots, the machine they ran on.
 */
@MayUse({})
package com.taskdesk.reporting;

import com.taskdesk.MayUse;
