package com.taskdesk.holds;

import java.util.List;

public record HoldsAgentsResponse(boolean success, List<HoldsAgent> agents) {}
