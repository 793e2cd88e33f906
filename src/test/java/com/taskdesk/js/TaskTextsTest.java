package com.taskdesk.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two fallback rules of contract revision 3, §2, for each of a task's texts: NULL, "" and a value. */
class TaskTextsTest {

    private static final TaskTexts NULLS = new TaskTexts(null, null, null);
    private static final TaskTexts EMPTY = new TaskTexts("", "", "");
    private static final TaskTexts RAW = new TaskTexts("RawBrand", "+1 555 0100", "raw text");

    @Test
    void theAgentPortalFallsThroughNullAndEmptyAlike() {
        TaskTexts task = new TaskTexts("Acme", "+1 555 0199", "task text");
        assertEquals(task, TaskTexts.agentPortal(task, RAW));
        assertEquals(RAW, TaskTexts.agentPortal(NULLS, RAW));
        assertEquals(RAW, TaskTexts.agentPortal(EMPTY, RAW));
        assertEquals(new TaskTexts("Unknown", "", ""), TaskTexts.agentPortal(EMPTY, EMPTY));
        assertEquals(new TaskTexts("Unknown", "", ""), TaskTexts.agentPortal(NULLS, NULLS));
    }

    @Test
    void assistanceKeepsAnEmptyTaskValueAndAnEmptyRawPhoneOrTextButNotAnEmptyRawBrand() {
        assertEquals(EMPTY, TaskTexts.assistance(EMPTY, RAW));
        assertEquals(RAW, TaskTexts.assistance(NULLS, RAW));
        assertEquals(new TaskTexts("Unknown", "", ""), TaskTexts.assistance(NULLS, EMPTY));
        assertEquals(new TaskTexts("Unknown", "Unknown", "Unknown"), TaskTexts.assistance(NULLS, NULLS));
    }
}
