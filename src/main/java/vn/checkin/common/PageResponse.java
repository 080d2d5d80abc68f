package vn.checkin.common;

import java.util.List;

/** A page of a list: the contract's {@code {"items","total","page","size"}}. */
public record PageResponse<T>(List<T> items, long total, int page, int size) {
}
