package io.terrarium.conda.install;

/** A package's pre-link or post-link script exited non-zero; the message carries its exit code, stdout and stderr. */
public class LinkScriptException extends InstallException {
    private final int exitCode;
    private final String output;

    public LinkScriptException(String message, int exitCode, String output) {
        super(message);
        this.exitCode = exitCode;
        this.output = output;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the script wrote to stdout and stderr. */
    public String output() {
        return output;
    }
}
