package com.taskdesk.gameday;

/** Milliseconds since the game day started: every outcome, sample and fault is placed on it. */
final class GameClock {

    private final long startNanos = System.nanoTime();

    long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Sleeps until this clock reads {@code millis}. */
    void sleepUntil(long millis) throws InterruptedException {
        long left = millis - millis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
