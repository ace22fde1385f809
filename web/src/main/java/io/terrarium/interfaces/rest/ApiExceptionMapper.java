package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildNotRunnableException;
import io.terrarium.conda.json.JsonFormatException;
import io.terrarium.domain.model.specification.InvalidSpecificationException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that leaves a resource into conda-store's error envelope with the right status: refusals
 * keep their reason (400, 403, 404, 409), routing errors keep theirs (404, 405, 415), and anything unexpected is
 * logged with an incident id and answered 500 without internals, never a stack trace or an HTML page.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof RequestRejectedException r) {
            return ApiResponses.error(status(r.reason()), r.getMessage());
        }
        if (t instanceof InvalidSpecificationException || t instanceof JsonFormatException) {
            return ApiResponses.error(400, t.getMessage());
        }
        if (t instanceof BuildNotRunnableException) {
            return ApiResponses.error(409, t.getMessage());
        }
        if (isConstraintViolation(thrown)) {
            // two requests raced to create the same row (namespace, environment, specification); nothing was written
            return ApiResponses.error(409, "a concurrent request changed the same data; nothing was saved, retry");
        }
        Response tooLarge = bodyTooLarge(thrown);
        if (tooLarge != null) {
            return tooLarge; // RequestBodyLimit's envelope, which says the limit
        }
        if (t instanceof WebApplicationException w
                && w.getResponse() != null
                && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            return ApiResponses.error(status, type != null ? type.getReasonPhrase() : "request refused");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "internal error " + incident, thrown);
        return ApiResponses.error(500, "internal server error (incident " + incident + "); see the server log");
    }

    /** @return the 413 answer of {@link RequestBodyLimit} anywhere in the cause chain (readers may wrap it), or null */
    static Response bodyTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof WebApplicationException w
                    && w.getResponse() != null
                    && w.getResponse().getStatus() == 413
                    && w.getResponse().hasEntity()) {
                return w.getResponse();
            }
        }
        return null;
    }

    /** @return true if a unique or foreign key constraint refused the write (SQL state class 23) */
    static boolean isConstraintViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    static int status(RequestRejectedException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    /** EJB containers wrap exceptions of beans; the cause says what happened. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 10 && current != null; i++) {
            if (current instanceof RequestRejectedException
                    || current instanceof InvalidSpecificationException
                    || current instanceof BuildNotRunnableException
                    || current instanceof JsonFormatException) {
                return current;
            }
            if (current instanceof EJBException
                    || current.getClass().getName().endsWith("TransactionRolledbackLocalException")
                    || current instanceof jakarta.transaction.RollbackException) {
                Throwable cause = current.getCause();
                if (current instanceof EJBException e && e.getCausedByException() != null) {
                    cause = e.getCausedByException();
                }
                if (cause == null || cause == current) {
                    return current;
                }
                current = cause;
            } else {
                return current;
            }
        }
        return current == null ? t : current;
    }
}
