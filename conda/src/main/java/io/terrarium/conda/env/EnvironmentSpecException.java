package io.terrarium.conda.env;

/**
 * An environment file that cannot be used; the message says where (line and column, 1-based) and what is wrong.
 */
public class EnvironmentSpecException extends RuntimeException {
    private final int line;
    private final int column;

    public EnvironmentSpecException(int line, int column, String problem) {
        super(line > 0 ? "line " + line + ", column " + column + ": " + problem : problem);
        this.line = line;
        this.column = column;
    }

    public EnvironmentSpecException(String problem) {
        this(0, 0, problem);
    }

    /** 1-based line of the problem, or 0 when it concerns the whole document. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when it concerns the whole document. */
    public int column() {
        return column;
    }
}
