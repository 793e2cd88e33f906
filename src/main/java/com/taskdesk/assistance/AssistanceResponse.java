package com.taskdesk.assistance;

import java.util.List;

public record AssistanceResponse(boolean success, List<AssistanceRequest> requests) {}
