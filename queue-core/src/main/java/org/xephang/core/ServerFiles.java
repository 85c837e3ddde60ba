package org.xephang.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.backend.notify.NotificationProviders;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;

/**
 * What a server start reads before it opens anything ({@link QueueServerMain}): the centre's configuration file with
 * its {@code dossier:}, {@code notifications:} and {@code server:} sections, and the data folder. Every problem is a
 * {@link UsageException} of one line naming the file and its keys (exit 2). Blocking file I/O: call before the server
 * starts.
 */
final class ServerFiles {

    private ServerFiles() {}

    static CentreConfig loadConfig(Path file) throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config: no such file " + file);
        }
        try {
            return CentreConfigLoader.load(file);
        } catch (ConfigException invalid) {
            throw new UsageException(file + ": " + String.join("; ", invalid.problems()));
        }
    }

    static NotificationProviders loadNotificationProviders(Path file) throws UsageException {
        try {
            return DossierConfigReader.readNotifications(file);
        } catch (ConfigException invalid) {
            throw new UsageException(file + ": " + String.join("; ", invalid.problems()));
        }
    }

    /** A site that sends messages needs the centre's account of its provider. */
    static void checkNotificationAccounts(CentreConfig config, NotificationProviders providers) throws UsageException {
        List<String> problems = new ArrayList<>();
        for (SiteConfig site : config.sites()) {
            String provider = site.notifications().provider();
            if (site.notifications().enabled() && providers.profile(provider).isEmpty()) {
                problems.add("sites[" + site.code() + "].notifications.provider: " + provider + " needs the centre's"
                        + " notifications." + provider + " account");
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
    }

    static ServerSettings loadServerSettings(Path file) throws UsageException {
        try {
            return ServerSettings.read(file);
        } catch (ConfigException invalid) {
            throw new UsageException(file + ": " + String.join("; ", invalid.problems()));
        }
    }

    /**
     * The file's {@code server:} section (CORS origins, TLS, audit retention) applied to the server's options before
     * {@code customize}, so that the command line's {@code --tls-cert} wins over the file.
     */
    static Consumer<QueueServer.Options> withServerSettings(
            ServerSettings server, Consumer<QueueServer.Options> customize) {
        return options -> {
            options.allowedOrigins(server.allowedOrigins())
                    .auditRetention(server.auditRetention())
                    .tls(server.tls());
            customize.accept(options);
        };
    }

    static DossierConfig loadDossierConfig(Path file) throws UsageException {
        try {
            return DossierConfigReader.read(file);
        } catch (ConfigException invalid) {
            throw new UsageException(file + ": " + String.join("; ", invalid.problems()));
        }
    }

    static void prepareDataDir(Path dataDir) throws UsageException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException cannotCreate) {
            throw new UsageException(
                    "--data: cannot create folder " + dataDir + " (" + cannotCreate.getMessage() + ")");
        }
        if (!Files.isWritable(dataDir)) {
            throw new UsageException("--data: folder " + dataDir + " is not writable");
        }
    }
}
