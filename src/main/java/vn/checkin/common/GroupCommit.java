package vn.checkin.common;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs small writes that arrive together in one transaction, so one commit stores many of them. In the morning
 * rush every check-in is a transaction of its own, and the database stores its commits one at a time (H2
 * serialises every touched page of the visit table and its indexes per commit; PostgreSQL flushes its log): the
 * commit, not the insert, limits how many visitors per second get in.
 * <p>
 * A caller's work is queued; whichever caller finds no one leading becomes the leader and runs what is queued (up
 * to {@link #MAX_BATCH} works, in arrival order) in one new transaction, then wakes the others. Each caller gets
 * its own answer, only after the commit that stored its work:
 * <ul>
 *   <li>an {@link ApiException} thrown by a work (a refused request, thrown before it writes anything) fails that
 *   caller only; the others go on in the same transaction;</li>
 *   <li>any other failure before the commit (a work's own error, a broken constraint at the flush) rolls the batch
 *   back and runs each of its works again alone, so only the work that caused it fails;</li>
 *   <li>a work that lost a race with another transaction (a unique key or a row taken meanwhile, see
 *   {@link DatabaseErrors#isLostRace}) is run again alone, up to {@link #MAX_ATTEMPTS} runs in all: a second run
 *   sees what the other transaction stored (the one-open-visit rule then closes the other's visit). A work that
 *   still fails is not racing but breaking the key itself, and its caller gets that failure;</li>
 *   <li>a failed commit, or a database that cannot be reached, fails every work of the batch at once, without
 *   running them again: after a failed commit the database may have stored them, so a retry could store them
 *   twice. Each caller gets an exception of its own, caused by the failure.</li>
 * </ul>
 * A caller waits at most {@code checkin.group-commit-wait} for its answer (or until it is interrupted), then gets
 * 503 {@code busy}; if its work had not started it is never run. Works must be repeatable (nothing outside the
 * transaction) and run on the leader's thread without any request context: a work that reached for a
 * request-scoped bean would otherwise see the leader's request. Take what a work needs from the request before.
 * <p>
 * The leader runs the works one after the other, so whatever each work looks up alone is paid for every caller in
 * turn. A work can name a {@link Preparation} and its key: before the works of a batch run, each preparation is
 * called once, in the batch's transaction, with the keys of all its works, so one query loads what all of them
 * need.
 */
@ApplicationScoped
public class GroupCommit {

    /** Works stored by one commit at most. */
    static final int MAX_BATCH = 64;
    /** Runs of a work that keeps losing races with other transactions, before its caller is told to retry. */
    static final int MAX_ATTEMPTS = 5;
    /** How long a waiting caller sleeps before it checks whether it must lead; the leader wakes it sooner. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EntityManager em;
    private final Duration maxWait;
    private final ReentrantLock leading = new ReentrantLock();
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

    @Inject
    GroupCommit(EntityManager em, CheckinConfig config) {
        this(em, config.groupCommitWait());
    }

    /** A group of its own, beside the service's: tests stand another instance sharing the database with it. */
    public GroupCommit(EntityManager em, Duration maxWait) {
        this.em = em;
        this.maxWait = maxWait;
    }

    /**
     * Loads, for the works of one batch, what each of them would otherwise look up alone. It only reads: it runs in
     * the batch's transaction before the works. A work run again alone is prepared again, alone.
     */
    public interface Preparation<K> {
        void prepare(List<K> keys);
    }

    /** A preparation a work needs, with the work's key for it. */
    public record Prepared<K>(Preparation<K> preparation, K key) {
    }

    /** Runs {@code work} in a transaction, possibly shared with works of other callers; returns after the commit. */
    public <T> T run(Supplier<T> work) {
        return run(work, null, null);
    }

    /** As {@link #run(Supplier)}, with {@code preparation} called for {@code key} (and the batch's others) first. */
    public <T, K> T run(Supplier<T> work, Preparation<K> preparation, K key) {
        return run(work, preparation == null ? List.of() : List.of(new Prepared<>(preparation, key)));
    }

    /**
     * As {@link #run(Supplier)}, with each preparation called for its key (and the batch's others) first, in the
     * order of the batch's first use of each.
     */
    public <T> T run(Supplier<T> work, List<Prepared<?>> preparations) {
        Pending<T> mine = new Pending<>(work, preparations, Thread.currentThread());
        long deadline = System.nanoTime() + maxWait.toNanos();
        queue.add(mine);
        while (!mine.done) {
            if (leading.tryLock()) {
                try {
                    while (!mine.done) {
                        runBatch(drain());
                    }
                } finally {
                    leading.unlock();
                }
                Pending<?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    // Abandoned before a leader took it, the work never runs; taken, its outcome is unknown here.
                    mine.abandon();
                    throw busy();
                }
                LockSupport.parkNanos(this, Math.min(WAIT_NANOS, left));
            }
        }
        return mine.answer();
    }

    /** Callers queued and not yet taken by a leader (for tests). */
    int queued() {
        return (int) queue.stream().filter(Pending::waiting).count();
    }

    /** The next works of the queue that no caller has abandoned, each taken for this leader. */
    private List<Pending<?>> drain() {
        List<Pending<?>> batch = new ArrayList<>();
        Pending<?> next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            if (next.take()) {
                batch.add(next);
            }
        }
        return batch;
    }

    private void runBatch(List<Pending<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState leadersRequest = requestContext.isActive() ? requestContext.getState() : null;
        if (leadersRequest != null) {
            requestContext.deactivate();
        }
        try {
            store(batch);
        } finally {
            if (leadersRequest != null) {
                requestContext.activate(leadersRequest);
            }
        }
    }

    private void store(List<Pending<?>> batch) {
        boolean[] flushed = {false};
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                prepare(batch);
                for (Pending<?> pending : batch) {
                    pending.runCatchingRefusal();
                }
                // A broken constraint shows here, while the works can still be run again one by one.
                em.flush();
                flushed[0] = true;
            });
        } catch (RuntimeException failure) {
            if (flushed[0] || DatabaseErrors.isUnavailable(failure)) {
                batch.forEach(pending -> pending.fail(new GroupCommitException(failure)));
            } else if (batch.size() > 1) {
                batch.forEach(pending -> store(List.of(pending.reset())));
            } else if (DatabaseErrors.isLostRace(failure) && batch.get(0).attempts.incrementAndGet() < MAX_ATTEMPTS) {
                // The other transaction has usually committed by now; if not, give it a moment.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(batch.get(0).attempts.get()));
                store(List.of(batch.get(0).reset()));
            } else {
                batch.get(0).fail(failure);
            }
            return;
        } catch (Error error) {
            // Every caller must get an answer, or it would wait until it gives up.
            batch.forEach(pending -> pending.fail(new GroupCommitException(error)));
            return;
        }
        batch.forEach(Pending::finish);
    }

    /** Calls each preparation of the batch once, in order of first use, with the keys of its works. */
    @SuppressWarnings("unchecked")
    private static void prepare(List<Pending<?>> batch) {
        Map<Preparation<?>, List<Object>> keys = new LinkedHashMap<>();
        for (Pending<?> pending : batch) {
            for (Prepared<?> prepared : pending.preparations) {
                keys.computeIfAbsent(prepared.preparation(), p -> new ArrayList<>()).add(prepared.key());
            }
        }
        keys.forEach((preparation, itsKeys) -> ((Preparation<Object>) preparation).prepare(itsKeys));
    }

    private static ApiException busy() {
        return new ApiException(503, "busy", "Service busy",
                "The service could not store this request in time; try again in a moment.", null,
                Duration.ofSeconds(2));
    }

    private static final class Pending<T> {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;

        private final Supplier<T> work;
        private final List<Prepared<?>> preparations;
        private final Thread caller;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        /** Runs that lost a race with another transaction. */
        private final AtomicInteger attempts = new AtomicInteger();
        private T value;
        private RuntimeException failure;
        /** Set by the leader after the commit (or the failure); read by the caller. */
        private volatile boolean done;

        Pending(Supplier<T> work, List<Prepared<?>> preparations, Thread caller) {
            this.work = work;
            this.preparations = preparations;
            this.caller = caller;
        }

        boolean waiting() {
            return state.get() == WAITING;
        }

        /** For the leader: false if the caller gave up first. */
        boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /** For the caller: stops waiting; a leader will not take the work any more. */
        void abandon() {
            state.compareAndSet(WAITING, ABANDONED);
        }

        /** Runs the work; a refusal fails this caller only, anything else fails the batch's transaction. */
        void runCatchingRefusal() {
            try {
                value = work.get();
            } catch (ApiException refused) {
                failure = refused;
            }
        }

        Pending<T> reset() {
            value = null;
            failure = null;
            return this;
        }

        void fail(RuntimeException cause) {
            value = null;
            failure = cause;
            finish();
        }

        void finish() {
            done = true;
            LockSupport.unpark(caller);
        }

        T answer() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /**
     * A caller's own exception for a failure its work shared with the batch's others (a failed commit, a lost
     * database): one instance per caller, so no two requests log or map one exception object.
     */
    public static final class GroupCommitException extends RuntimeException {
        GroupCommitException(Throwable cause) {
            super("The grouped write of this request failed", cause);
        }
    }
}
