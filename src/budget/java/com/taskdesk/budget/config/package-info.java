/**
 * What config/ and the application's compiled functions say, read and validated once: the stages,
 * their databases and each function's settings (the application's FunctionSetting table); the
 * findings and failures every layer above reports.
 */
@MayUse({"config", "function"})
package com.taskdesk.budget.config;

import com.taskdesk.MayUse;
