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
 * specification accepted, {@code SpecificationText.MAX_CHARS}): a body that declares more is answered 413 without
 * being parsed (up to 8 MiB beyond the limit it is read and dropped, beyond that the connection is closed), and one
 * sent without a length stops being read, with the same 413 and a closed connection, at the limit.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class RequestBodyLimit implements ContainerRequestFilter {

    static final String MAX_BODY_BYTES = "terrarium.request.max-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
    /** How far beyond the limit a declared body is still read and dropped rather than cut off. */
    static final long SWALLOW_BYTES = 8L << 20;

    private volatile Long limit;

    @Override
    public void filter(ContainerRequestContext request) {
        long max = limit();
        long declared = request.getLength();
        if (declared > max) {
            // like Tomcat's maxSwallowSize: a moderate excess is read and dropped, so the connection stays usable and
            // the client, still sending, is not reset before it reads the answer; a huge one is cut off by closing
            boolean swallowed = declared - max <= SWALLOW_BYTES && swallow(request.getEntityStream());
            Response answer = tooLarge(declared + " bytes", max);
            request.abortWith(
                    swallowed
                            ? answer
                            : Response.fromResponse(answer)
                                    .header("Connection", "close")
                                    .build());
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
        return ApiResponses.error(
                413,
                "request body of " + size + " is larger than the limit of " + max + " bytes (" + MAX_BODY_BYTES + ")");
    }

    /** @return true when the whole body was read (and dropped) */
    private static boolean swallow(InputStream body) {
        byte[] buf = new byte[64 * 1024];
        try {
            while (body.read(buf) >= 0) {
                // dropped
            }
            return true;
        } catch (IOException e) {
            return false;
        }
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
                throw new WebApplicationException(e, closing(max));
            }
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return in.read(buf, off, len);
            } catch (BoundedInputStream.SizeLimitException e) {
                throw new WebApplicationException(e, closing(max));
            }
        }

        /** The rest of a body sent without a length is unknown: not read, so the connection must close. */
        private static Response closing(long max) {
            return Response.fromResponse(tooLarge("more than " + max + " bytes", max))
                    .header("Connection", "close")
                    .build();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
