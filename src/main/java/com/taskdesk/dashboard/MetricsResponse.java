package com.taskdesk.dashboard;

public record MetricsResponse(boolean success, Metrics metrics) {}
