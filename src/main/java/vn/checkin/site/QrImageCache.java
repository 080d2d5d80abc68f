package vn.checkin.site;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The last rendered QR images, least recently used dropped first. Keys hold the encoded text (site code,
 * QR version and signature) and the format and size, so a rotated code is simply a new key and the old image
 * ages out: nothing needs invalidating. Bounded by entries and by bytes, so a sweep over every size cannot
 * grow it beyond a few megabytes.
 */
final class QrImageCache<V> {

    private final int maxEntries;
    private final long maxBytes;
    private final Map<Key, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    QrImageCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    record Key(String text, String format, int size) {
    }

    private record Entry<V>(V value, long bytes) {
    }

    /** The cached image, else renders it outside the lock (two callers may both render once; both are equal). */
    V get(Key key, Supplier<V> render, ToLongFunction<V> sizeOf) {
        synchronized (this) {
            Entry<V> hit = entries.get(key);
            if (hit != null) {
                return hit.value();
            }
        }
        V value = render.get();
        long size = sizeOf.applyAsLong(value) + key.text().length() * 2L + 64;
        if (size <= maxBytes / 4) {
            put(key, new Entry<>(value, size));
        }
        return value;
    }

    synchronized int size() {
        return entries.size();
    }

    private synchronized void put(Key key, Entry<V> entry) {
        Entry<V> previous = entries.put(key, entry);
        bytes += entry.bytes() - (previous == null ? 0 : previous.bytes());
        var eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }
}
