package io.terrarium.application;

import java.util.List;

/**
 * A request for one page of a sorted list, conda-store style: 1-based {@code page}, {@code size} capped at the
 * server's maximum, repeatable {@code sort_by} keys (unknown keys ignored) and {@code order} asc or desc.
 */
public record Paging(int page, int size, List<String> sortBy, boolean descending) {

    public static final int MAX_PAGE_SIZE = 100;

    public Paging {
        page = Math.max(page, 1);
        size = size < 1 ? MAX_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
    }

    public int offset() {
        return (page - 1) * size;
    }
}
