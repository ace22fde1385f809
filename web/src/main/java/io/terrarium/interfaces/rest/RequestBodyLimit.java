package io.terrarium.interfaces.rest;

import io.terrarium.conda.repodata.BoundedInputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Caps request bodies at {@code terrarium.request.max-body-bytes} (16 MiB by default: twice the largest
 * specification accepted, {@code SpecificationText.MAX_CHARS}): a body that declares more is answered 413 before it
 * is read, and one sent without a length stops being read, with the same 413, at the limit.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class RequestBodyLimit implements ContainerRequestFilter {

    static final String MAX_BODY_BYTES = "terrarium.request.max-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

    private volatile Long limit;

    @Override
    public void filter(ContainerRequestContext request) {
        long max = limit();
        if (request.getLength() > max) {
            request.abortWith(tooLarge(request.getLength() + " bytes", max));
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), max));
        }
    }

    /**
     * The 413 answer. It closes the connection: the rest of the body is never read, and left on a kept-alive
     * connection it would be parsed as the client's next request.
     */
    static Response tooLarge(String size, long max) {
        Response error = ApiResponses.error(
                413,
                "request body of " + size + " is larger than the limit of " + max + " bytes (" + MAX_BODY_BYTES + ")");
        return Response.fromResponse(error).header("Connection", "close").build();
    }

    private long limit() {
        Long l = limit;
        if (l == null) {
            l = ConfigProvider.getConfig(RequestBodyLimit.class.getClassLoader())
                    .getOptionalValue(MAX_BODY_BYTES, Long.class)
                    .filter(v -> v > 0)
                    .orElse(DEFAULT_MAX_BODY_BYTES);
            limit = l;
        }
        return l;
    }

    /** The body stream, failing with a 413 answer once more than the limit has been read. */
    static final class Limited extends InputStream {
        private final BoundedInputStream in;
        private final long max;

        Limited(InputStream body, long max) {
            this.in = new BoundedInputStream(body, max, "request body");
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (BoundedInputStream.SizeLimitException e) {
                throw new WebApplicationException(e, tooLarge("more than " + max + " bytes", max));
            }
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return in.read(buf, off, len);
            } catch (BoundedInputStream.SizeLimitException e) {
                throw new WebApplicationException(e, tooLarge("more than " + max + " bytes", max));
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
