package vn.checkin.site;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QR image cache renders each image once, stays within its bounds and hands out copies. */
class QrImageCacheTest {

    @Test
    void rendersOnceThenAnswersFromTheCache() {
        QrImageCache<String> cache = new QrImageCache<>(10, 1 << 20);
        AtomicInteger renders = new AtomicInteger();
        QrImageCache.Key key = new QrImageCache.Key("https://x/c/site?v=1&s=abc", "svg", 512);
        for (int i = 0; i < 3; i++) {
            assertEquals("image", cache.get(key, () -> "image" + (renders.incrementAndGet() > 1 ? "again" : ""),
                    s -> s.length()));
        }
        assertEquals(1, renders.get());
    }

    @Test
    void aRotatedCodeIsANewKey() {
        QrImageCache<String> cache = new QrImageCache<>(10, 1 << 20);
        assertEquals("v1", cache.get(new QrImageCache.Key("https://x/c/site?v=1&s=a", "png", 512), () -> "v1", String::length));
        assertEquals("v2", cache.get(new QrImageCache.Key("https://x/c/site?v=2&s=b", "png", 512), () -> "v2", String::length));
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsEntryBound() {
        QrImageCache<String> cache = new QrImageCache<>(3, 1 << 20);
        for (int size = 128; size < 128 + 10; size++) {
            int s = size;
            cache.get(new QrImageCache.Key("text", "png", s), () -> "image" + s, String::length);
        }
        assertEquals(3, cache.size());
        AtomicInteger renders = new AtomicInteger();
        cache.get(new QrImageCache.Key("text", "png", 137), () -> "rendered" + renders.incrementAndGet(), String::length);
        cache.get(new QrImageCache.Key("text", "png", 128), () -> "rendered" + renders.incrementAndGet(), String::length);
        assertEquals(1, renders.get(), "the newest stayed, the oldest was dropped");
    }

    @Test
    void staysWithinItsByteBoundAndSkipsHugeImages() {
        QrImageCache<byte[]> cache = new QrImageCache<>(1000, 40_000);
        for (int i = 0; i < 100; i++) {
            cache.get(new QrImageCache.Key("text" + i, "png", 512), () -> new byte[5_000], b -> b.length);
        }
        assertTrue(cache.size() <= 8, "at most 40,000 bytes of images: " + cache.size());
        cache.get(new QrImageCache.Key("huge", "png", 2048), () -> new byte[20_000], b -> b.length);
        AtomicInteger renders = new AtomicInteger();
        cache.get(new QrImageCache.Key("huge", "png", 2048), () -> new byte[renders.incrementAndGet()], b -> b.length);
        assertEquals(1, renders.get(), "an image over a quarter of the bound is not kept");
    }

    @Test
    void pngCallersGetTheirOwnCopy() {
        byte[] first = QrImages.png("https://x/c/copy-test?v=1&s=abc", 128);
        byte[] second = QrImages.png("https://x/c/copy-test?v=1&s=abc", 128);
        assertNotSame(first, second);
        assertArrayEquals(first, second);
        first[0] = 0;
        assertArrayEquals(second, QrImages.png("https://x/c/copy-test?v=1&s=abc", 128));
    }
}
