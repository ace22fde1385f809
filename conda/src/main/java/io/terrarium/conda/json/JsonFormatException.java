package io.terrarium.conda.json;

/** A JSON document that cannot be parsed or does not have the expected shape; the message says where and why. */
public class JsonFormatException extends IllegalArgumentException {
    public JsonFormatException(String message) {
        super(message);
    }

    public JsonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
