package com.taskdesk.gameday;

/**
 * One request of the game day as its caller saw it: which phase, which function and version,
 * when it was sent and answered (game clock milliseconds), and the answer.
 */
record Outcome(String phase, Call call, int version, long sentMs, long answeredMs, Answer answer) {

    String function() {
        return call.function();
    }

    int status() {
        return answer.status();
    }
}
