package org.xephang.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The release version and git commit this launcher was built from, read from {@code build.properties}, which the
 * build fills in (no git is needed at run time). A value the build could not fill ({@code ${…}} left as is) reads
 * as {@code unknown}.
 *
 * @param version the release version, for example {@code 0.1.0}
 * @param commit the abbreviated commit id
 * @param commitTime the commit's time (ISO-8601), or empty when unknown
 */
public record BuildInfo(String version, String commit, String commitTime) {

    static final String RESOURCE = "build.properties";
    static final String UNKNOWN = "unknown";

    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(commitTime, "commitTime");
        if (version.isBlank() || commit.isBlank()) {
            throw new IllegalArgumentException("version and commit must not be blank");
        }
    }

    /** This build's information. */
    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static BuildInfo of(Properties properties) {
        String time = filled(properties.getProperty("commitTime"));
        return new BuildInfo(
                filled(properties.getProperty("version")),
                filled(properties.getProperty("commit")),
                time.equals(UNKNOWN) ? "" : time);
    }

    private static String filled(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }
}
