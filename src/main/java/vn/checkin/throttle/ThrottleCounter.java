package vn.checkin.throttle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Attempts counted for one key in its current window (the key is an HMAC of what is counted). */
@Entity
@Table(name = "throttle_counter")
public class ThrottleCounter {

    @Id
    @Column(name = "key_hash")
    public String keyHash;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Column(nullable = false)
    public int hits;
}
