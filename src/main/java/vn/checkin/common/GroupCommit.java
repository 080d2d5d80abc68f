package vn.checkin.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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
 * to {@link #MAX_BATCH} works, in arrival order) in one new transaction, then wakes the others. Each caller still
 * gets its own answer, only after the commit that stored its work:
 * <ul>
 *   <li>an {@link ApiException} thrown by a work (a refused request, thrown before it writes anything) fails that
 *   caller only; the others go on in the same transaction;</li>
 *   <li>a broken constraint while the works run or their changes are flushed (an {@code Idempotency-Key} taken by
 *   a concurrent retry, say) rolls the batch back and runs each of its works again alone, so only the work that
 *   caused it fails;</li>
 *   <li>any other failure (no connection, a timeout, a failed commit) fails every work of the batch at once,
 *   without running them again: alone they would fail the same way, and after a failed commit the database may
 *   have stored them before the connection broke, so a retry could store them twice.</li>
 * </ul>
 * Works must be repeatable (nothing outside the transaction) and must not need the caller's request context:
 * they run on the leader's thread.
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
    /** How long a waiting caller sleeps before it checks whether it must lead; the leader wakes it sooner. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EntityManager em;
    private final ReentrantLock leading = new ReentrantLock();
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(EntityManager em) {
        this.em = em;
    }

    /**
     * Loads, for the works of one batch, what each of them would otherwise look up alone. It only reads: it runs in
     * the batch's transaction before the works, and a failure fails the whole batch. A work run again alone (after
     * a broken constraint) is prepared again, alone.
     */
    public interface Preparation<K> {
        void prepare(List<K> keys);
    }

    /** Runs {@code work} in a transaction, possibly shared with works of other callers; returns after the commit. */
    public <T> T run(Supplier<T> work) {
        return run(work, null, null);
    }

    /** As {@link #run(Supplier)}, with {@code preparation} called for {@code key} (and the batch's others) first. */
    public <T, K> T run(Supplier<T> work, Preparation<K> preparation, K key) {
        Pending<T> mine = new Pending<>(work, preparation, key, Thread.currentThread());
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
                LockSupport.parkNanos(this, WAIT_NANOS);
            }
        }
        return mine.answer();
    }

    /** Callers queued and not yet taken by a leader (for tests). */
    int queued() {
        return queue.size();
    }

    private List<Pending<?>> drain() {
        List<Pending<?>> batch = new ArrayList<>();
        Pending<?> next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void runBatch(List<Pending<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        boolean[] ran = {false};
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                prepare(batch);
                for (Pending<?> pending : batch) {
                    pending.runCatchingRefusal();
                }
                // A broken constraint shows here, while the works can still be run again one by one.
                em.flush();
                ran[0] = true;
            });
        } catch (RuntimeException failure) {
            if (!ran[0] && batch.size() > 1 && brokeAConstraint(failure)) {
                batch.forEach(pending -> runBatch(List.of(pending.reset())));
            } else {
                batch.forEach(pending -> pending.fail(failure));
            }
            return;
        } catch (Error error) {
            // Every caller must get an answer, or it would wait for ever.
            IllegalStateException failure = new IllegalStateException("A grouped write failed", error);
            batch.forEach(pending -> pending.fail(failure));
            return;
        }
        batch.forEach(Pending::finish);
    }

    /** Calls each preparation of the batch once, in order of first use, with the keys of its works. */
    @SuppressWarnings("unchecked")
    private static void prepare(List<Pending<?>> batch) {
        Map<Preparation<?>, List<Object>> keys = new LinkedHashMap<>();
        for (Pending<?> pending : batch) {
            if (pending.preparation != null) {
                keys.computeIfAbsent(pending.preparation, p -> new ArrayList<>()).add(pending.key);
            }
        }
        keys.forEach((preparation, itsKeys) -> ((Preparation<Object>) preparation).prepare(itsKeys));
    }

    /**
     * Whether one work's data broke a constraint (SQLState class 23: a unique key taken by another request, say):
     * the batch without it can be stored. Any other failure (no connection, a timeout) would fail each work alone
     * too, so running them again one by one would only make every caller wait once more.
     */
    private static boolean brokeAConstraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static final class Pending<T> {
        private final Supplier<T> work;
        private final Preparation<?> preparation;
        private final Object key;
        private final Thread caller;
        private T value;
        private RuntimeException failure;
        /** Set by the leader after the commit (or the failure); read by the caller. */
        private volatile boolean done;

        Pending(Supplier<T> work, Preparation<?> preparation, Object key, Thread caller) {
            this.work = work;
            this.preparation = preparation;
            this.key = key;
            this.caller = caller;
        }

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
}
