package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.conda.json.Json;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExceptionMapperTest {

    private final ApiExceptionMapper mapper = new ApiExceptionMapper();

    private Map<String, Object> body(Response r) {
        return Json.parseObject((String) r.getEntity());
    }

    @Test
    void refusalsKeepTheirStatusAndMessageEvenWhenWrappedByTheContainer() {
        Response r = mapper.toResponse(new EJBException(RequestRejectedException.conflict("build is running")));
        assertEquals(409, r.getStatus());
        assertEquals(Map.of("status", "error", "message", "build is running"), body(r));
        assertEquals(
                400, mapper.toResponse(RequestRejectedException.invalid("x")).getStatus());
        assertEquals(
                404, mapper.toResponse(RequestRejectedException.notFound("x")).getStatus());
    }

    @Test
    void routingErrorsBecomeEnvelopes() {
        Response notFound = mapper.toResponse(new NotFoundException());
        assertEquals(404, notFound.getStatus());
        assertEquals("Not Found", body(notFound).get("message"));
        assertEquals(405, mapper.toResponse(new NotAllowedException("GET")).getStatus());
    }

    @Test
    void lostCreationRacesAre409() {
        Exception race = new EJBException(new jakarta.persistence.PersistenceException(
                new java.sql.SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertEquals(409, mapper.toResponse(race).getStatus());
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        Response r = mapper.toResponse(new IllegalStateException("secret detail at com.example.Internal"));
        assertEquals(500, r.getStatus());
        String message = (String) body(r).get("message");
        assertTrue(message.startsWith("internal server error (incident "), message);
        assertFalse(message.contains("secret"), message);
    }

    @Test
    void errorMessagesNeverEchoChannelCredentials() {
        Response r = mapper.toResponse(RequestRejectedException.invalid(
                "Conda channels [https://alice:s3cret@repo.example/c] not allowed in specification"));
        assertEquals(
                "Conda channels [https://alice:****@repo.example/c] not allowed in specification",
                body(r).get("message"));
    }

    @Test
    void aBodyBeyondTheLimitIs413WithTheLimitEvenWhenAReaderWrapsIt() throws Exception {
        java.io.InputStream limited =
                new RequestBodyLimit.Limited(new java.io.ByteArrayInputStream(new byte[2048]), 1024);
        jakarta.ws.rs.WebApplicationException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                jakarta.ws.rs.WebApplicationException.class, limited::readAllBytes);
        Response r = mapper.toResponse(new jakarta.ws.rs.ProcessingException("reading the entity", thrown));
        assertEquals(413, r.getStatus());
        assertEquals(
                "request body of more than 1024 bytes is larger than the limit of 1024 bytes"
                        + " (terrarium.request.max-body-bytes)",
                body(r).get("message"));
    }
}
