package io.terrarium.interfaces.rest;

import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads conda-store's common query parameters: {@code page}, {@code size}, repeatable {@code sort_by}, {@code order}
 * and the enum-valued filters, refusing malformed values with a 400.
 */
final class QueryParameters {

    private final MultivaluedMap<String, String> params;

    QueryParameters(UriInfo uri) {
        this.params = uri.getQueryParameters();
    }

    Paging paging() {
        return new Paging(
                integer("page", 1),
                integer("size", Paging.MAX_PAGE_SIZE),
                list("sort_by"),
                "desc".equalsIgnoreCase(string("order")));
    }

    String string(String name) {
        String v = params.getFirst(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Repeated values, each also split on commas. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        List<String> values = params.get(name);
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    int integer(String name, int dflt) {
        String v = string(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw RequestRejectedException.invalid(
                    "query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    Long optionalLong(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw RequestRejectedException.invalid(
                    "query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /** Any non-empty value means true, as conda-store's {@code exact}. */
    boolean flag(String name) {
        return string(name) != null;
    }

    BuildStatus status() {
        return enumValue("status", BuildStatus.class);
    }

    BuildArtifactType artifact() {
        return enumValue("artifact", BuildArtifactType.class);
    }

    /** The parameter as a constant of {@code type}, case-insensitively; null when absent. */
    private <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.invalid(
                    name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    List<String> packages() {
        List<String> p = list("packages");
        return p.isEmpty() ? null : p;
    }
}
