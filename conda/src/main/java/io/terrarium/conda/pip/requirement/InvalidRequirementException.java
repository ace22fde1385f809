package io.terrarium.conda.pip.requirement;

/** A requirement or marker that is not valid PEP 508; the message quotes the text and says where it went wrong. */
public final class InvalidRequirementException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRequirementException(String message) {
        super(message);
    }
}
