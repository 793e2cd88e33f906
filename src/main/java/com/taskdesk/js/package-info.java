/**
 * Bottom layer: values as the owning app's JavaScript makes them, for answers that must match its
 * JSON: numbers as {@code JSON.stringify} writes them ({@link com.taskdesk.js.JsNumber}),
 * {@code String#trim} and {@code toLowerCase} ({@link com.taskdesk.js.JsText}), and its two fallback
 * rules for a task's brand, phone and text ({@link com.taskdesk.js.TaskTexts}).
 */
@MayUse
package com.taskdesk.js;

import com.taskdesk.MayUse;
