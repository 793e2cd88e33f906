package com.taskdesk.dashboard;

import java.util.List;

public record AgentProgressResponse(boolean success, List<AgentProgress> agentProgress) {}
