package com.taskdesk.gameday;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One deployed version of one function as Lambda runs it: execution environments
 * ({@link FunctionInstance}s, each with its own pool), each serving one request at a time; a
 * request goes to an idle one, else to a new one (a cold start) while fewer than maxInstances
 * exist (its reserved concurrency), else Lambda throttles it before any code runs (the 429 the
 * HTTP API's route throttle gives first). An environment keeps its connections between requests.
 * A frozen environment gets no request (Lambda keeps it, idle, and its sockets stay open) and
 * still counts against the cap; thawed, it serves again with whatever its pool holds.
 */
final class SimulatedLambda implements AutoCloseable {

    private static final class Environment {
        final FunctionInstance instance;
        boolean busy = true;
        boolean frozen;

        Environment(FunctionInstance instance) {
            this.instance = instance;
        }
    }

    private final int version;
    private final int maxInstances;
    private final Supplier<FunctionInstance> coldStart;
    private final List<Environment> environments = new ArrayList<>();
    private int starting;

    SimulatedLambda(int version, int maxInstances, Supplier<FunctionInstance> coldStart) {
        this.version = version;
        this.maxInstances = maxInstances;
        this.coldStart = coldStart;
    }

    int version() {
        return version;
    }

    Answer invoke(Call call) {
        Environment environment = acquire();
        if (environment == null) {
            return Answer.THROTTLED;
        }
        try {
            return environment.instance.handle(call);
        } finally {
            synchronized (this) {
                environment.busy = false;
            }
        }
    }

    private Environment acquire() {
        synchronized (this) {
            for (Environment environment : environments) {
                if (!environment.busy && !environment.frozen) {
                    environment.busy = true;
                    return environment;
                }
            }
            if (environments.size() + starting >= maxInstances) {
                return null;
            }
            starting++;
        }
        Environment started;
        try {
            started = new Environment(coldStart.get());
        } finally {
            synchronized (this) {
                starting--;
            }
        }
        synchronized (this) {
            environments.add(started);
        }
        return started;
    }

    /** Environments {@link #freeze} froze: thaw them when the fault ends. */
    final class Frozen {
        private final List<Environment> environments;
        private final long invalidatedBefore;

        private Frozen(List<Environment> environments) {
            this.environments = environments;
            this.invalidatedBefore = invalidated();
        }

        int count() {
            return environments.size();
        }

        void thaw() {
            synchronized (SimulatedLambda.this) {
                environments.forEach(environment -> environment.frozen = false);
            }
        }

        /** Connections these environments' pools found dead and replaced (validation on borrow) since the freeze. */
        long replacedSinceFreeze() {
            return invalidated() - invalidatedBefore;
        }

        private long invalidated() {
            return environments.stream()
                    .mapToLong(environment -> environment.instance.invalidated())
                    .sum();
        }
    }

    /**
     * Freezes {@code count} environments, idle ones first (a busy one freezes once its request is
     * answered, as Lambda freezes an environment after its response).
     */
    synchronized Frozen freeze(int count) {
        List<Environment> candidates = new ArrayList<>(environments);
        candidates.sort((a, b) -> Boolean.compare(a.busy, b.busy));
        List<Environment> frozen = new ArrayList<>();
        for (Environment environment : candidates) {
            if (frozen.size() == count) {
                break;
            }
            if (!environment.frozen) {
                environment.frozen = true;
                frozen.add(environment);
            }
        }
        return new Frozen(frozen);
    }

    synchronized int instances() {
        return environments.size();
    }

    @Override
    public synchronized void close() {
        environments.forEach(environment -> environment.instance.close());
        environments.clear();
    }
}
