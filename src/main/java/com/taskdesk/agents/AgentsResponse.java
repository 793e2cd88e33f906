package com.taskdesk.agents;

import java.util.List;

public record AgentsResponse(boolean success, List<Agent> agents) {}
