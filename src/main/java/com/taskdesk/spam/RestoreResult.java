package com.taskdesk.spam;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A restore's answer, in rows changed; {@code rulesDisabled} only when it was asked to disable phrases. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreResult(boolean success, long restored, long tasksRestored, Long rulesDisabled) {}
