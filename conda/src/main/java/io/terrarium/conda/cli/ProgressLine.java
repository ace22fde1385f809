package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import java.io.PrintWriter;

/**
 * Shows {@link CondaEngine#create} progress on stderr: on a terminal one line that updates in place
 * ({@code fetched 12/40}, then {@code linked 12/40}); otherwise (logs, pipes) one plain line per package.
 */
final class ProgressLine implements CondaEngine.Progress {
    private final PrintWriter out;
    private final boolean terminal;
    private int lastWidth;

    ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on {@code err}, updating in place when the process has a console. */
    static ProgressLine on(PrintWriter err) {
        return new ProgressLine(err, System.console() != null);
    }

    @Override
    public void fetched(int done, int total, String dist) {
        show("fetched " + done + "/" + total, dist, done == total);
    }

    @Override
    public void linked(int done, int total, String dist) {
        show("linked " + done + "/" + total, dist, done == total);
    }

    private synchronized void show(String counts, String dist, boolean last) {
        if (!terminal) {
            out.println(counts + " " + dist);
            out.flush();
            return;
        }
        String line = counts + " " + dist;
        int width = line.length();
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = width; i < lastWidth; i++) {
            sb.append(' ');
        }
        lastWidth = width;
        if (last) {
            sb.setLength(0);
            sb.append('\r').append(counts);
            for (int i = counts.length(); i < Math.max(width, lastWidth); i++) {
                sb.append(' ');
            }
            sb.append('\n');
            lastWidth = 0;
        }
        out.print(sb);
        out.flush();
    }

    /** Ends an unfinished progress line (after a failure) so that the error starts on its own line. */
    synchronized void interrupt() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
            lastWidth = 0;
        }
    }
}
