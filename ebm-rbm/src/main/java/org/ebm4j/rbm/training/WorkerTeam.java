package org.ebm4j.rbm.training;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of worker threads for short, back-to-back parallel sections (the fused RBM trainer runs two per update,
 * about 1–3 ms each): the calling thread runs chunk 0 of each section itself and the workers the others. Between
 * sections a worker spins for {@code spinNanos} before it parks, as OpenMP runtimes do: waking a parked thread took
 * 0.2–0.3 ms on a 2-vCPU KVM guest (the idle vCPU is halted), up to a quarter of a section, while a spinning worker
 * starts within microseconds. The caller spins too while it waits for the workers, parking only after
 * {@code spinNanos}. Spinning costs a core only while sections keep coming (an idle team parks), and spinning threads
 * yield regularly, so more threads than cores still make progress.
 *
 * <p>Not thread-safe: one thread dispatches sections. Workers are daemon threads; {@link #close()} stops them.
 */
final class WorkerTeam implements AutoCloseable {

    /** Work on chunk {@code chunk} of {@code parts}. */
    interface Chunk {
        void run(int chunk);
    }

    private final Worker[] workers;
    private final long spinNanos;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Chunk section;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile Thread dispatcher;

    /**
     * @param threads threads in all, the caller included ({@code threads - 1} workers are started), {@code >= 1}
     * @param name the workers' thread name prefix
     * @param spinNanos how long a worker (and the waiting caller) spins before parking, {@code >= 0}
     */
    WorkerTeam(int threads, String name, long spinNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; expected >= 1");
        }
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos = " + spinNanos + "; expected >= 0");
        }
        this.spinNanos = spinNanos;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            Thread t = new Thread(workers[w], name + "-" + (w + 1));
            t.setDaemon(true);
            workers[w].thread = t;
            t.start();
        }
    }

    /** @return the threads in all, the caller included */
    int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code chunk.run(p)} for p in [0, parts): p = 0 on the calling thread, p ≥ 1 on worker p, and returns when
     * all have finished. An exception thrown by any chunk is rethrown here (the first one; the others still finish).
     *
     * @param parts chunks, in [1, {@link #threads()}]
     */
    void run(int parts, Chunk chunk) {
        if (closed) {
            throw new IllegalStateException("the worker team is closed");
        }
        if (parts < 1 || parts > threads()) {
            throw new IllegalArgumentException("parts = " + parts + "; expected 1.." + threads());
        }
        if (parts == 1) {
            chunk.run(0);
            return;
        }
        dispatcher = Thread.currentThread();
        failure = null;
        section = chunk;
        pending.set(parts - 1);
        for (int w = 0; w < parts - 1; w++) {
            workers[w].start();
        }
        try {
            chunk.run(0);
        } catch (RuntimeException | Error e) {
            awaitWorkers();
            throw e;
        }
        awaitWorkers();
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException("a worker failed", f);
        }
    }

    private void awaitWorkers() {
        long spinStart = System.nanoTime();
        for (int spins = 1; pending.get() > 0; spins++) {
            if (System.nanoTime() - spinStart < spinNanos) {
                pause(spins);
            } else {
                LockSupport.parkNanos(this, 20_000);
            }
        }
        section = null;
    }

    /**
     * One turn of a spin: a pause instruction, and every 64th turn a yield, so that a spinning thread gives its core to
     * a runnable one (more threads than cores, another process) instead of holding it until its time slice ends.
     */
    private static void pause(int spins) {
        if ((spins & 63) == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    /** One worker: runs its chunk of each new section, spinning between sections, then parking. */
    private final class Worker implements Runnable {
        private final int chunk;
        private Thread thread;
        /** Sections started for this worker (written by the dispatcher) and finished by it (written by the worker). */
        private volatile long started;
        private long finished;
        private volatile boolean parked;

        Worker(int chunk) {
            this.chunk = chunk;
        }

        void start() {
            started++;
            // the worker sets parked before it re-reads started, we write started before we read parked: one of us
            // sees the other's write, so a worker is never left parked with a section to run
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                if (started == finished) {
                    idle();
                    continue;
                }
                try {
                    section.run(chunk);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    finished++;
                    if (pending.decrementAndGet() == 0) {
                        Thread d = dispatcher;
                        if (d != null) {
                            LockSupport.unpark(d);
                        }
                    }
                }
            }
        }

        private void idle() {
            long spinStart = System.nanoTime();
            for (int spins = 1; started == finished && !closed; spins++) {
                if (System.nanoTime() - spinStart < spinNanos) {
                    pause(spins);
                    continue;
                }
                parked = true;
                if (started == finished && !closed) {
                    LockSupport.park(WorkerTeam.this);
                }
                parked = false;
                spinStart = System.nanoTime();
            }
        }
    }
}
