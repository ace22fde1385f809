package io.terrarium.application;

import jakarta.ejb.ApplicationException;

/**
 * A request the application refuses, with the reason class and a message for the caller; rolls the transaction
 * back so nothing of the request is left half-written.
 */
@ApplicationException(rollback = true)
public class RequestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused; the REST layer turns each into its HTTP status. */
    public enum Reason {
        INVALID,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT
    }

    private final Reason reason;

    public RequestRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static RequestRejectedException invalid(String message) {
        return new RequestRejectedException(Reason.INVALID, message);
    }

    public static RequestRejectedException notFound(String message) {
        return new RequestRejectedException(Reason.NOT_FOUND, message);
    }

    public static RequestRejectedException conflict(String message) {
        return new RequestRejectedException(Reason.CONFLICT, message);
    }
}
