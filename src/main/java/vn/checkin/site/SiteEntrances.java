package vn.checkin.site;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a check-in and a QR image need of a site (its code, QR version, whether it is open), read through a short
 * cache: every check-in of the morning rush and every QR image request would otherwise read the same site row.
 * <p>
 * A change made by this replica ({@link #changed()}, called by {@link SiteService} in the changing transaction)
 * empties the cache at once and again when that transaction ends, and a load that raced the change is not kept.
 * A change made by another replica sharing the database is seen here after at most {@link #FRESH_NANOS}: for one
 * second a rotated code or a closed site may still be accepted there. Sites that do not exist are never cached,
 * so unknown codes cannot fill the memory.
 */
@ApplicationScoped
public class SiteEntrances {

    /** How long a read site stays fresh. */
    static final long FRESH_NANOS = 1_000_000_000L;
    /** More entries than this (sites in use within a second) and the cache starts over. */
    private static final int MAX_ENTRIES = 10_000;

    /** The fields of {@link Site} a scanned code is checked against. */
    public record Entrance(UUID id, String code, String name, int qrVersion, boolean active, boolean kioskOnly) {

        static Entrance of(Site site) {
            return new Entrance(site.id, site.code, site.name, site.qrVersion, site.active, site.kioskOnly);
        }
    }

    private record Cached(Entrance entrance, long readAt) {
    }

    private final SiteRepository sites;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Cached> byCode = new ConcurrentHashMap<>();
    private final Map<UUID, Cached> byId = new ConcurrentHashMap<>();
    /** Reads in flight outside a transaction, by {@code "code:" + code} or by id; others missing the same wait. */
    private final Map<Object, CompletableFuture<Optional<Entrance>>> loading = new ConcurrentHashMap<>();
    /** Raised by every change; a load that started before a change is not cached. */
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier nanoTime;

    @Inject
    SiteEntrances(SiteRepository sites, TransactionSynchronizationRegistry transactions) {
        this(sites, transactions, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    SiteEntrances(SiteRepository sites, TransactionSynchronizationRegistry transactions, LongSupplier nanoTime) {
        this.sites = sites;
        this.transactions = transactions;
        this.nanoTime = nanoTime;
    }

    public Optional<Entrance> byCode(String code) {
        Cached cached = byCode.get(code);
        if (isFresh(cached)) {
            return Optional.of(cached.entrance);
        }
        return loadOnce("code:" + code, () -> sites.byCode(code));
    }

    public Optional<Entrance> byId(UUID id) {
        Cached cached = byId.get(id);
        if (isFresh(cached)) {
            return Optional.of(cached.entrance);
        }
        return loadOnce(id, () -> sites.findByIdOptional(id));
    }

    /** A site was created or changed in the current transaction: forget every read site, now and when it ends. */
    void changed() {
        clear();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing before the commit: the change is not visible to other transactions yet.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED || status == Status.STATUS_ROLLEDBACK) {
                    clear();
                }
            }
        });
    }

    private void clear() {
        generation.incrementAndGet();
        byCode.clear();
        byId.clear();
    }

    private boolean isFresh(Cached cached) {
        return cached != null && nanoTime.getAsLong() - cached.readAt < FRESH_NANOS;
    }

    /**
     * Loads a site, once for all the callers that miss it together: when a busy site's entry goes stale, every
     * check-in in flight would read the same row at the same moment. A caller inside a transaction reads for
     * itself, since that transaction may have changed the site.
     */
    private Optional<Entrance> loadOnce(Object key, Supplier<Optional<Site>> read) {
        if (transactions.getTransactionKey() != null) {
            return load(read);
        }
        CompletableFuture<Optional<Entrance>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Entrance>> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Optional<Entrance> entrance = load(read);
            mine.complete(entrance);
            return entrance;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private Optional<Entrance> load(Supplier<Optional<Site>> read) {
        long before = generation.get();
        long readAt = nanoTime.getAsLong();
        Optional<Entrance> entrance = QuarkusTransaction.joiningExisting().call(() -> read.get().map(Entrance::of));
        entrance.ifPresent(found -> {
            if (byCode.size() + byId.size() > 2 * MAX_ENTRIES) {
                clear();
            }
            if (generation.get() == before) {
                Cached cached = new Cached(found, readAt);
                byCode.put(found.code(), cached);
                byId.put(found.id(), cached);
                if (generation.get() != before) {
                    // A change cleared the cache between the check and the puts.
                    byCode.remove(found.code(), cached);
                    byId.remove(found.id(), cached);
                }
            }
        });
        return entrance;
    }
}
