package io.terrarium.domain.model.specification;

/**
 * A submitted specification that cannot be accepted; the message says what is wrong in terms the author can fix.
 */
public class InvalidSpecificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecificationException(String message) {
        super(message);
    }

    public InvalidSpecificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
