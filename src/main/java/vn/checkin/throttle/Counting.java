package vn.checkin.throttle;

import jakarta.persistence.EntityManager;
import vn.checkin.common.GroupCommit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the attempts of a batch in its transaction, before its works run: per key, in key order, one update
 * adding the batch's attempts (or a new row), then one query reading the counts back; each attempt gets the
 * count it reached, in the batch's order.
 */
final class Counting implements GroupCommit.Preparation<Reservation> {

    private final EntityManager em;

    Counting(EntityManager em) {
        this.em = em;
    }

    @Override
    public void prepare(List<Reservation> batch) {
        Instant now = batch.get(0).now;
        Map<String, List<int[]>> byKey = new TreeMap<>();
        Map<String, Duration> windows = new TreeMap<>();
        for (int r = 0; r < batch.size(); r++) {
            Reservation reservation = batch.get(r);
            for (int i = 0; i < reservation.limits.size(); i++) {
                Reservation.Counted counted = reservation.limits.get(i);
                byKey.computeIfAbsent(counted.keyHash(), k -> new ArrayList<>()).add(new int[]{r, i});
                windows.putIfAbsent(counted.keyHash(), counted.limit().window());
            }
        }
        for (Map.Entry<String, List<int[]>> entry : byKey.entrySet()) {
            String key = entry.getKey();
            int attempts = entry.getValue().size();
            Instant end = now.plus(windows.get(key));
            int updated = em.createQuery("update ThrottleCounter c"
                            + " set c.hits = case when c.windowEnd <= :now then :attempts else c.hits + :attempts end,"
                            + " c.windowEnd = case when c.windowEnd <= :now then :end else c.windowEnd end"
                            + " where c.keyHash = :key")
                    .setParameter("now", now).setParameter("attempts", attempts).setParameter("end", end)
                    .setParameter("key", key).executeUpdate();
            if (updated == 0) {
                ThrottleCounter counter = new ThrottleCounter();
                counter.keyHash = key;
                counter.windowEnd = end;
                counter.hits = attempts;
                em.persist(counter);
            }
        }
        // Rows inserted above are flushed before this query: a key another instance inserted meanwhile fails
        // here, and the batch runs again (GroupCommit), when the update finds that row.
        List<Object[]> rows = em.createQuery("select c.keyHash, c.hits, c.windowEnd from ThrottleCounter c"
                + " where c.keyHash in :keys", Object[].class).setParameter("keys", byKey.keySet()).getResultList();
        for (Object[] row : rows) {
            List<int[]> attempts = byKey.get((String) row[0]);
            int reached = (Integer) row[1] - attempts.size();
            for (int[] at : attempts) {
                Reservation reservation = batch.get(at[0]);
                reservation.hits[at[1]] = ++reached;
                reservation.windowEnds[at[1]] = (Instant) row[2];
            }
        }
        batch.forEach(reservation -> reservation.counted = true);
    }
}
