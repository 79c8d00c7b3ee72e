package dev.self2face.job.cli;

import dev.self2face.config.ConfigError;
import dev.self2face.config.Secrets;
import dev.self2face.etl.dataset.DatasetError;
import dev.self2face.job.run.RunError;
import dev.self2face.storage.StorageCheck;
import dev.self2face.storage.StorageError;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.util.Optional;

/**
 * How a command's failure ends: one line naming the command, what it was working on and why, with the stack trace
 * in the log at debug level. Bad input, config and storage that cannot be used exit with 2; anything else that
 * stops a run exits with 1.
 */
final class FailureReport {
    private static final Logger LOG = LoggerFactory.getLogger("self2face");

    /** What a command works on, for its failure line (an output, a run, a dataset). */
    interface Subject {
        String subject();
    }

    private FailureReport() {
    }

    static int report(Throwable e, CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^self2face ", "");
        LOG.debug("self2face {} failed", name, e);
        if (e instanceof ConfigError || e instanceof DatasetError || e instanceof RunError
                || e instanceof StorageError) {
            cmd.getErr().println("self2face " + name + ": error: " + Secrets.scrub(e.getMessage()));
            return 2;
        }
        Object user = cmd.getCommandSpec().userObject();
        String subject = user instanceof Subject s ? " (" + s.subject() + ")" : "";
        cmd.getErr().println("self2face " + name + ": failed" + subject + ": " + reason(e)
                + logFile().map(f -> " (the whole log: " + f + ")").orElse(""));
        return 1;
    }

    /** The file the log configuration writes to, if it writes to one (bin/self2face's does). */
    private static Optional<String> logFile() {
        if (LogManager.getContext(false) instanceof LoggerContext ctx
                && ctx.getConfiguration().getAppenders().get("file") instanceof FileAppender f
                && !f.getFileName().equals("/dev/null")) {
            return Optional.of(f.getFileName());
        }
        return Optional.empty();
    }

    /** The storage explanation when there is one, else the innermost cause's first line. */
    static String reason(Throwable e) {
        var storage = StorageCheck.explain(e);
        if (storage.isPresent()) {
            return storage.get();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : root.getMessage().strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        String kind = root.getClass().getSimpleName();
        return Secrets.scrub(m.isEmpty() ? kind : m.contains(kind) ? m : m + " (" + kind + ")");
    }
}
